// Writes one Prisma schema per provider from prisma/schema.base.prisma (a provider must be a literal).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const base = readFileSync(new URL('../prisma/schema.base.prisma', import.meta.url), 'utf8');
for (const provider of ['sqlite', 'postgresql']) {
  const dir = new URL(`../prisma/${provider}/`, import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    new URL('schema.prisma', dir),
    '// GENERATED from prisma/schema.base.prisma by scripts/gen-schemas.mjs. Do not edit.\n' +
      base.replaceAll('__PROVIDER__', provider),
  );
}
