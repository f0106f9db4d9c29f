import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.ts';

const production = { NODE_ENV: 'production' };
const bytes = (n: number) => 'x'.repeat(n);

describe('the environment', () => {
  it('refuses to serve in production without a session secret, or with one shorter than 32 bytes', () => {
    expect(() => parseEnv(production)).toThrow(/NEXTAUTH_SECRET: is required in production/);
    expect(() => parseEnv({ ...production, NEXTAUTH_SECRET: 'changeme' })).toThrow(/CredOps cannot start: invalid environment\n {2}NEXTAUTH_SECRET: must be at least 32 bytes/);
    expect(() => parseEnv({ ...production, NEXTAUTH_SECRET: bytes(31) })).toThrow(/NEXTAUTH_SECRET: must be at least 32 bytes/);
    expect(parseEnv({ ...production, NEXTAUTH_SECRET: bytes(32) }).NEXTAUTH_SECRET).toBe(bytes(32));
  });

  it('counts the secret in bytes, not characters', () => {
    expect(() => parseEnv({ ...production, NEXTAUTH_SECRET: 'é'.repeat(15) })).toThrow(/at least 32 bytes/); // 15 characters, 30 bytes
    expect(parseEnv({ ...production, NEXTAUTH_SECRET: 'é'.repeat(16) }).NEXTAUTH_SECRET).toBe('é'.repeat(16)); // 32 bytes
  });

  it('asks for no secret while `next build` loads the server in production mode, nor outside production', () => {
    expect(parseEnv({ ...production, NEXT_PHASE: 'phase-production-build' }).NEXTAUTH_SECRET).toBeUndefined();
    expect(parseEnv({ ...production, NEXT_PHASE: 'phase-production-build', NEXTAUTH_SECRET: 'short' }).NEXTAUTH_SECRET).toBe('short');
    expect(parseEnv({ NODE_ENV: 'development', NEXTAUTH_SECRET: 'short' }).NEXTAUTH_SECRET).toBe('short');
  });

  it('accepts the fixed secrets the browser tests and the bench serve a production build with', () => {
    for (const file of ['scripts/e2e-server.mjs', 'scripts/bench.ts']) {
      const secret = readFileSync(file, 'utf8').match(/NEXTAUTH_SECRET: '([^']+)'/)?.[1];
      expect(secret, file).toBeDefined();
      expect(parseEnv({ ...production, NEXTAUTH_SECRET: secret }).NEXTAUTH_SECRET, file).toBe(secret);
    }
  });
});
