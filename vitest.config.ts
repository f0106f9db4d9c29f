import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // `server-only` throws outside React's server build; tests run server code directly.
    alias: { 'server-only': fileURLToPath(new URL('./scripts/server-only-stub.mjs', import.meta.url)) },
  },
  test: {
    include: ['{server,lib,scripts,components}/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
