// Serves the built app for Playwright on a fresh, local, throw-away SQLite database.
import { spawnSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';

const port = process.argv[2] ?? '3100';
const file = 'data/e2e.db';
const env = {
  ...process.env,
  DATABASE_URL: `file:./${file}`,
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  NEXTAUTH_SECRET: 'e2e-secret-not-for-production-0123456789',
  NEXT_TELEMETRY_DISABLED: '1',
  // The browser tests drive time themselves; no background daily run under their feet.
  BACKGROUND_JOBS: 'false',
  // Not the default 7, so the links test sees the send preview follow the server's configuration.
  LINK_EXPIRY_DAYS: '3',
};
mkdirSync('data', { recursive: true });
for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
const step = (args) => {
  const status = spawnSync('npx', args, { stdio: 'inherit', env }).status;
  if (status !== 0) process.exit(status ?? 1);
};
step(['prisma', 'migrate', 'deploy']);
step(['tsx', '--conditions=react-server', 'scripts/seed.ts', '--credentials', '400', '--days', '30', '--seed', 'e2e']);
const server = spawn('node', ['scripts/serve.mjs', '-p', port, '-H', '127.0.0.1'], { stdio: 'inherit', env });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
