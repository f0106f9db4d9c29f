// `npm test`: every test — types, lint, unit, integration against real SQLite and PostgreSQL, and
// Playwright end to end in Debian's Chromium. Finds or gets what it needs first, or says how to.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const isRoot = process.getuid?.() === 0;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function run(command, args, options = {}) {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { stdio: 'inherit', env, ...options }).status ?? 1;
}

function fail(message) {
  console.error(`\n${message}`);
  process.exit(1);
}

const postgresAnswers = () =>
  new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: 5432, timeout: 2000 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });

// --- what the machine needs
if (!existsSync(CHROMIUM)) {
  if (!isRoot) fail(`Chromium is missing at ${CHROMIUM}. Install it with: sudo apt-get update && sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
  console.log('Chromium is missing: installing Debian\'s chromium…');
  if (run('apt-get', ['update', '-q']) !== 0 || run('apt-get', ['install', '-y', '-q', 'chromium']) !== 0) fail('Installing chromium failed; see the apt output above.');
}
if (!(await postgresAnswers())) {
  const start = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
  if (isRoot && existsSync('/etc/postgresql')) {
    console.log('PostgreSQL is not answering on 127.0.0.1:5432: starting it…');
    run('sh', ['-c', start]);
  }
  if (!(await postgresAnswers())) fail(`PostgreSQL is not answering on 127.0.0.1:5432. Start it with: ${start}`);
}

// --- the tests
mkdirSync('test-results', { recursive: true });
const results = { passed: 0, failed: 0, skipped: 0 };
let ok = run('npx', ['tsc', '--noEmit']) === 0;
if (!ok) results.failed++;
if (run('npx', ['eslint', '.', '--max-warnings', '0']) !== 0) {
  ok = false;
  results.failed++;
}

ok = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json']) === 0 && ok;
if (existsSync('test-results/vitest.json')) {
  const vitest = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  results.passed += vitest.numPassedTests;
  results.failed += vitest.numFailedTests;
  results.skipped += vitest.numPendingTests + vitest.numTodoTests;
}

if (run('npx', ['next', 'build']) !== 0) {
  ok = false;
  results.failed++;
} else {
  rmSync('test-results/playwright.json', { force: true });
  const playwrightOk = run('npx', ['playwright', 'test']) === 0;
  const stats = existsSync('test-results/playwright.json') ? JSON.parse(readFileSync('test-results/playwright.json', 'utf8')).stats : null;
  results.passed += stats?.expected ?? 0;
  results.skipped += stats?.skipped ?? 0;
  // A run that failed before any test (a busy port, a server that would not start) is a failure too.
  results.failed += Math.max(stats ? stats.unexpected + stats.flaky : 0, playwrightOk ? 0 : 1);
  ok = playwrightOk && ok;
}

console.log(`\n${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
process.exit(ok && results.failed === 0 ? 0 : 1);
