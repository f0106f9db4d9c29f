import 'server-only';
import { z } from 'zod';

// The only file that reads process.env. Empty strings count as unset (a blank line in a .env file
// must not silently become a value).
const optional = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const withDefault = (value: string) => z.preprocess((v) => (v === '' ? undefined : v), z.string().default(value));
const number = (value: number) =>
  z.preprocess((v) => (v === '' || v === undefined ? value : Number(v)), z.number().finite().positive());

const schema = z
  .object({
    NODE_ENV: withDefault('development'),
    NEXT_PHASE: optional,
    DATABASE_URL: withDefault('file:./data/credops.db'),
    NEXTAUTH_SECRET: optional,
    NEXTAUTH_URL: optional,
    STALE_AFTER_HOURS: number(36),
    // "false" stops the server from running the simulated Flanks' daily refresh and the poller.
    BACKGROUND_JOBS: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false']).default('true')),
    POLL_INTERVAL_SECONDS: number(30),
    SIMULATOR_SEED: withDefault('credops'),
    // Optional single sign-on: all three, or none.
    OIDC_ISSUER: optional,
    OIDC_CLIENT_ID: optional,
    OIDC_CLIENT_SECRET: optional,
  })
  .superRefine((env, ctx) => {
    // `next build` loads server modules in production mode; secrets are only needed to serve.
    if (env.NODE_ENV === 'production' && env.NEXT_PHASE !== 'phase-production-build' && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['NEXTAUTH_SECRET'], message: 'is required in production (32+ random characters)' });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (oidc !== 0 && oidc !== 3) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together, or none of them' });
    }
    if (!/^(file:|postgres(ql)?:\/\/)/.test(env.DATABASE_URL)) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'must start with file: (SQLite) or postgresql://' });
    }
  });

export type Env = z.infer<typeof schema>;

function parseEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`CredOps cannot start: invalid environment\n${problems}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv();

export const ssoConfigured = () => Boolean(env.OIDC_ISSUER);

export const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);
