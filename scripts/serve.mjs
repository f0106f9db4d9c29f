// `npm start`: CredOps' production server. `next start` keeps an X-Forwarded-For the client sent and
// then drops the address the connection came from, so a forged header could not be told from a real
// proxy's. This server appends that address, the one hop nobody can forge, and
// server/request/client-ip.ts reads the chain from the right, trusting only TRUSTED_PROXIES.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

process.env.NODE_ENV ??= 'production';
const { values } = parseArgs({ options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME ?? '0.0.0.0';

const { default: next } = await import('next');
const app = next({ dev: false, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((request, response) => {
  const forwarded = request.headers['x-forwarded-for'];
  const chain = (Array.isArray(forwarded) ? forwarded.join(', ') : (forwarded ?? '')).trim();
  const peer = request.socket.remoteAddress;
  if (peer) request.headers['x-forwarded-for'] = chain ? `${chain}, ${peer}` : peer;
  void handle(request, response);
});
server.listen(port, hostname, () => console.log(`▶ CredOps is listening on http://${hostname}:${port}`));
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // Keep-alive connections would hold close() open; a stop is a stop.
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
