// Serves the built app for Playwright on a fresh, local, throw-away SQLite database.
import { spawnSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';

const port = process.argv[2] ?? '3100';
const file = 'data/e2e.db';
// Single sign-on against a real OpenID Connect provider, on the next port (e2e/support/oidc-provider.mjs).
const oidcPort = String(Number(port) + 1);
const oidc = { OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`, OIDC_CLIENT_ID: 'credops-e2e', OIDC_CLIENT_SECRET: 'e2e-oidc-client-secret-0123456789abcdef' };
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
  // The follow-ups test's webhook receiver listens on loopback.
  ALLOW_PRIVATE_WEBHOOKS: 'true',
  ...oidc,
};
// Only this account may enter data/ (as npm run demo keeps it): it holds the databases and the demo's session secret.
mkdirSync('data', { recursive: true, mode: 0o700 });
chmodSync('data', 0o700);
for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
const step = (args) => {
  const status = spawnSync('npx', args, { stdio: 'inherit', env }).status;
  if (status !== 0) process.exit(status ?? 1);
};
step(['prisma', 'migrate', 'deploy']);
step(['tsx', '--conditions=react-server', 'scripts/seed.ts', '--credentials', '400', '--days', '30', '--seed', 'e2e', '--links', '0']);
const identityProvider = spawn('node', ['e2e/support/oidc-provider.mjs', oidcPort, `${env.NEXTAUTH_URL}/api/auth/callback/oidc`, oidc.OIDC_CLIENT_ID, oidc.OIDC_CLIENT_SECRET], { stdio: 'inherit' });
const server = spawn('node', ['scripts/serve.mjs', '-p', port, '-H', '127.0.0.1'], { stdio: 'inherit', env });
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    identityProvider.kill(signal);
    server.kill(signal);
  });
}
server.on('exit', (code) => {
  identityProvider.kill();
  process.exit(code ?? 0);
});
