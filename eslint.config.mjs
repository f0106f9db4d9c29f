// The boundaries STYLE.md asks for, kept by the linter: client components and lib/ never import
// server/, lib/domain/ imports only itself, only server/env.ts reads process.env; plus Next.js' and
// typescript-eslint's recommended rules. Import cycles, of files and of folders, are
// scripts/check-import-cycles.mjs's (npm run lint runs it), far cheaper than import/no-cycle.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

/** Files that start with 'use client': they run in the browser, wherever they sit. */
function clientFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => /^\s*['"]use client['"]/.test(readFileSync(file, 'utf8')));
}

const serverCode = { group: ['@/server/*', '**/server/*'], message: 'Browser code must not import server/: shared vocabulary lives in lib/domain/.' };
// One database seam: features take Prisma's SQL helpers and types from server/db/sql.ts.
const generatedClient = { group: ['@/server/db/generated/*', '**/db/generated/*'], message: 'Import Prisma from @/server/db/sql.ts: the generated clients are one provider each.' };
// The vocabulary is plain TypeScript: it imports only itself, so both sides and any test can use it.
const outsideDomain = { regex: '^(?!\\.{1,2}/|@/lib/domain/)', message: 'lib/domain/ imports nothing but lib/domain/: no framework, no schema library, no server code.' };
const restrictImports = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const config = [
  { ignores: ['.next/**', 'node_modules/**', 'server/db/generated/**', 'data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration from server/env.ts, the one place that parses and validates it.' },
      ],
    },
  },
  {
    // Where process.env is the subject: the env schema, build and test tooling. Tests that start
    // processes hand them childEnvironment() from server/env.ts.
    files: ['server/env.ts', 'scripts/**', '*.config.*', 'instrumentation.ts', 'e2e/**', 'prisma/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Signing out loads the sign-in page afresh on purpose: nothing of the session's data stays in memory.
    files: ['components/auth/sign-out-button.tsx', 'components/account/sign-out-everywhere-button.tsx'],
    rules: { '@next/next/no-location-assign-relative-destination': 'off' },
  },
  // A later block's rule replaces an earlier one's for the same file, so browser code repeats both.
  { files: ['app/**', 'components/**', 'server/**', 'scripts/**'], ignores: ['server/db/**'], rules: restrictImports(generatedClient) },
  { files: ['lib/**', ...clientFiles('app'), ...clientFiles('components')], rules: restrictImports(serverCode, generatedClient) },
  { files: ['lib/domain/**'], ignores: ['**/*.test.ts'], rules: restrictImports(outsideDomain) },
];

export default config;
