// `npm run flanks-sandbox`: the simulated Flanks of DATABASE_URL served over HTTP on loopback, with
// Flanks' v0 paths, shapes and error bodies. Point any Flanks client at it.
// Usage: npm run flanks-sandbox -- [--port 4010] [--client-id ID] [--client-secret SECRET]
import { parseArgs } from 'node:util';
import { db } from '@/server/db/client.ts';
import { createSandboxServer } from '@/server/flanks/sandbox/create-sandbox-server.ts';
import { loadSimulator, saveSimulator } from '@/server/flanks/simulator/simulator-store.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    'client-id': { type: 'string', default: 'sandbox-client-id' },
    'client-secret': { type: 'string', default: 'sandbox-client-secret' },
  },
});
const sim = await loadSimulator(db, `sandbox:${Date.now()}`);
if (sim.credentials.size === 0) {
  console.error('The simulator in this database has no credentials yet: run `npm run db:seed` (or `npm run demo`) first.');
  process.exit(1);
}
const { server } = createSandboxServer({
  sim,
  clientId: values['client-id'],
  clientSecret: values['client-secret'],
  onChange: () => saveSimulator(db, sim),
});
server.listen(Number(values.port), '127.0.0.1', () => {
  console.log(`Flanks sandbox on http://127.0.0.1:${values.port} serving ${sim.credentials.size} credentials.`);
  console.log(`Client credentials: client_id=${values['client-id']} client_secret=${values['client-secret']}`);
  console.log(`Point CredOps at it: FLANKS_API_URL=http://127.0.0.1:${values.port} FLANKS_CLIENT_ID=${values['client-id']} FLANKS_CLIENT_SECRET=${values['client-secret']}`);
});
