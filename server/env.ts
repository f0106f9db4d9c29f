import 'server-only';
import { isIP } from 'node:net';
import { z } from 'zod';
import { isTimeZone, LANGUAGES } from '@/lib/domain/languages.ts';

// The only file that reads process.env. Empty strings count as unset (a blank line in a .env file
// must not silently become a value).
const optional = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const withDefault = (value: string) => z.preprocess((v) => (v === '' ? undefined : v), z.string().default(value));
const number = (value: number) =>
  z.preprocess((v) => (v === '' || v === undefined ? value : Number(v)), z.number().finite().positive());
const MIN_SECRET_BYTES = 32;

const schema = z
  .object({
    NODE_ENV: withDefault('development'),
    NEXT_PHASE: optional,
    DATABASE_URL: withDefault('file:./data/credops.db'),
    // PostgreSQL only. Connections this process opens at most (each process has its own pool).
    DATABASE_POOL_SIZE: number(10),
    // How long a query waits for a free connection, or for a new one to open, before it fails (503).
    DATABASE_ACQUIRE_TIMEOUT_SECONDS: number(5),
    // The server cancels a statement running longer. The longest at a million credentials, the
    // simulator's read of every credential and the bench's 1 M-row insert, take ~15 s each.
    DATABASE_STATEMENT_TIMEOUT_SECONDS: number(60),
    // The server ends a session idle inside a transaction this long, releasing the locks it held.
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: number(60),
    // An unused connection is closed after this long, leaving it to other processes.
    DATABASE_IDLE_TIMEOUT_SECONDS: number(30),
    NEXTAUTH_SECRET: optional,
    NEXTAUTH_URL: optional,
    // A staff session ends this long after sign-in, or after this long without a request, whichever comes first.
    SESSION_MAX_AGE_HOURS: number(8),
    SESSION_IDLE_MINUTES: number(30),
    // Which X-Forwarded-For entries are proxies of yours, read from the right: a number of hops, or
    // comma-separated addresses and CIDRs (10.0.0.0/8, ::1). Unset: none, the connection's own address.
    TRUSTED_PROXIES: optional,
    // Roles that must set up two-factor authentication at their next password sign-in (comma-separated;
    // empty: nobody). SSO users rely on their identity provider's.
    MFA_REQUIRED_ROLES: z.preprocess((v) => (v === undefined ? 'ADMIN' : v), z.string()),
    STALE_AFTER_HOURS: number(36),
    // "false" keeps this instance to pages and API: workers (npm run worker) run the background jobs.
    BACKGROUND_JOBS: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false']).default('true')),
    POLL_INTERVAL_SECONDS: number(30),
    // Raw refresh records older than this are deleted (the daily rollups keep the history for good).
    REFRESH_RETENTION_DAYS: number(400),
    SIMULATOR_SEED: withDefault('credops'),
    // The real Flanks API instead of the simulator: set the client id and secret (issue 8).
    FLANKS_CLIENT_ID: optional,
    FLANKS_CLIENT_SECRET: optional,
    FLANKS_API_URL: withDefault('https://api.flanks.io'),
    FLANKS_LINK_TOKEN: optional,
    // Where an end user continues an SCA/Reset flow. Placeholders: {link_token}, {flow} (sca|reset),
    // {flow_token} (the credential's sca_token or reset_token), {redirect_uri} (CredOps' callback for
    // this link). Flanks does not publish the parameter names, so the whole URL is configuration.
    FLANKS_LINK_URL_TEMPLATE: withDefault('https://platform.flanks.io/link?token={link_token}&{flow}_token={flow_token}'),
    FLANKS_MAX_REQUESTS_PER_SECOND: number(10),
    FLANKS_TIMEOUT_SECONDS: number(15),
    // The polling budget: healthy credentials change once a day; broken and pending ones are watched closely.
    POLL_ACTIVE_EVERY_MINUTES: number(240),
    POLL_OTHERS_EVERY_MINUTES: number(5),
    // Link emails: SMTP in production (smtp://user:pass@host:587, smtps://…); unset, the built-in
    // mailbox (Admin → Mailbox) receives them instead.
    SMTP_URL: optional,
    EMAIL_FROM: withDefault('CredOps <no-reply@credops.test>'),
    LINK_EXPIRY_DAYS: number(7),
    // What a contact without their own reads emails and link pages in, and whose clock quiet hours follow.
    DEFAULT_LANGUAGE: z.preprocess((v) => (v === '' ? undefined : v), z.enum(LANGUAGES).default('en')),
    DEFAULT_TIME_ZONE: withDefault('Europe/Madrid'),
    // Webhooks may target loopback and private networks (10/8, 192.168/16, …): off, they may not (SSRF).
    ALLOW_PRIVATE_WEBHOOKS: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['true', 'false']).default('false')),
    // Optional single sign-on: all three, or none.
    OIDC_ISSUER: optional,
    OIDC_CLIENT_ID: optional,
    OIDC_CLIENT_SECRET: optional,
  })
  .superRefine((env, ctx) => {
    // `next build` loads server modules in production mode; secrets are only needed to serve.
    if (env.NODE_ENV === 'production' && env.NEXT_PHASE !== 'phase-production-build') {
      // It signs every session: a short one can be guessed offline from a single cookie.
      if (!env.NEXTAUTH_SECRET) {
        ctx.addIssue({ code: 'custom', path: ['NEXTAUTH_SECRET'], message: `is required in production (${MIN_SECRET_BYTES}+ random bytes, e.g. openssl rand -hex 32)` });
      } else if (new TextEncoder().encode(env.NEXTAUTH_SECRET).length < MIN_SECRET_BYTES) {
        ctx.addIssue({ code: 'custom', path: ['NEXTAUTH_SECRET'], message: `must be at least ${MIN_SECRET_BYTES} bytes in production (e.g. openssl rand -hex 32)` });
      }
    }
    if (Boolean(env.FLANKS_CLIENT_ID) !== Boolean(env.FLANKS_CLIENT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['FLANKS_CLIENT_SECRET'], message: 'set FLANKS_CLIENT_ID and FLANKS_CLIENT_SECRET together' });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (oidc !== 0 && oidc !== 3) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together, or none of them' });
    }
    if (env.SMTP_URL && !/^smtps?:\/\//.test(env.SMTP_URL)) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'must start with smtp:// or smtps://' });
    }
    if (env.TRUSTED_PROXIES && !isTrustedProxiesSetting(env.TRUSTED_PROXIES)) {
      ctx.addIssue({ code: 'custom', path: ['TRUSTED_PROXIES'], message: 'must be a number of hops or comma-separated addresses and CIDRs' });
    }
    if (!isTimeZone(env.DEFAULT_TIME_ZONE)) {
      ctx.addIssue({ code: 'custom', path: ['DEFAULT_TIME_ZONE'], message: 'must be an IANA time zone, e.g. Europe/Madrid' });
    }
    if (!/^(file:|postgres(ql)?:\/\/)/.test(env.DATABASE_URL)) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'must start with file: (SQLite) or postgresql://' });
    }
  });

export type Env = z.infer<typeof schema>;

function isTrustedProxiesSetting(value: string): boolean {
  if (/^\d+$/.test(value.trim())) return true;
  return value.split(',').every((entry) => {
    const [address, prefix, extra] = entry.trim().split('/');
    const family = isIP(address);
    if (!family || extra !== undefined) return false;
    return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  });
}

/** Validates an environment (process.env, or a test's object) and names every problem at once. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`CredOps cannot start: invalid environment\n${problems}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv(process.env);

/** This process's environment with `overrides`, for a process it starts (a worker, a CLI). */
export const childEnvironment = (overrides: Record<string, string> = {}): NodeJS.ProcessEnv => ({ ...process.env, ...overrides });

export const ssoConfigured = () => Boolean(env.OIDC_ISSUER);

/** The address end users reach CredOps at: link emails point here. */
export const publicUrl = () => (env.NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/+$/, '');

export const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);

/** The real Flanks Link's origin, which link pages must be allowed to send end users to (CSP form-action); null with the simulator. */
export const flanksLinkOrigin = (): string | null =>
  env.FLANKS_CLIENT_ID ? new URL(env.FLANKS_LINK_URL_TEMPLATE.replace(/\{[a-z_]+\}/g, 'x')).origin : null;

export const isDevelopment = () => env.NODE_ENV === 'development';
