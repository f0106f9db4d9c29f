// `npm run demo`: the embedded default from a fresh clone — SQLite database, migrations, a seeded
// demo company (once), a production build, and the server on http://localhost:$PORT (default 3000).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const port = process.env.PORT || '3000';
const host = process.env.HOST || '127.0.0.1';
// Only this account may enter data/: the SQLite file (password hashes, the Flanks token, contact data)
// is briefly 0644 between `prisma migrate deploy` creating it and CredOps narrowing it to 0600.
mkdirSync('data', { recursive: true, mode: 0o700 });
chmodSync('data', 0o700);
// A per-checkout session secret, so the demo needs no configuration and sessions survive restarts.
const secretFile = 'data/.nextauth-secret';
if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });

const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || 'file:./data/credops.db',
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || readFileSync(secretFile, 'utf8').trim(),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: '1',
};
const step = (title, command, args) => {
  console.log(`\n▶ ${title}`);
  const status = spawnSync(command, args, { stdio: 'inherit', env }).status;
  if (status !== 0) {
    console.error(`✖ ${title} failed (exit ${status}).`);
    process.exit(status ?? 1);
  }
};

step('Applying database migrations', 'npx', ['prisma', 'migrate', 'deploy']);
step('Seeding the demo company (first run only; ~1 minute)', 'npx', ['tsx', '--conditions=react-server', 'scripts/seed.ts', '--if-empty', ...process.argv.slice(2)]);
step('Building CredOps', 'npx', ['next', 'build']);
console.log(`\n▶ CredOps is starting on http://localhost:${port} — sign in with one of the accounts above.`);
const server = spawn('node', ['scripts/serve.mjs', '-p', port, '-H', host], { stdio: 'inherit', env });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
