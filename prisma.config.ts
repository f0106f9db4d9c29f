import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { pgCliAdapter, sqliteCliAdapter } from './prisma/cli-adapters';

// Offline: the native engines cannot be downloaded here. Pointing their lookups at a placeholder
// stops the CLI from trying; the Wasm engines and driver adapters do the work (docs/decisions/001).
const placeholder = path.resolve('scripts/no-prisma-engine.sh');
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= placeholder;
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= placeholder;

// Prisma 6 validates env("DATABASE_URL") in the schema even though the adapter connects.
const url = (process.env.DATABASE_URL ||= 'file:./data/credops.db');
const provider = /^postgres(ql)?:/.test(url) ? 'postgresql' : 'sqlite';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  adapter: async () => (provider === 'postgresql' ? pgCliAdapter(url) : sqliteCliAdapter(url)),
});
