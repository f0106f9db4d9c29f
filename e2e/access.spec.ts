import { expect, request as playwrightRequest, test } from '@playwright/test';
import { discoverRoutes } from './support/discover-routes.ts';

// Who may open what (PRODUCT.md §2), written independently of the app's permission table.
// Every page and route handler in app/ must appear here: a new one without a rule fails.
type Who = 'admin' | 'ops' | 'am' | 'analyst';
type Rule = Who[] | 'public' | 'redirect' | 'next-auth';
const EVERYONE: Who[] = ['admin', 'ops', 'am', 'analyst'];
const MANAGERS: Who[] = ['admin', 'ops', 'am'];
const OPERATIONS: Who[] = ['admin', 'ops'];
const ADMIN: Who[] = ['admin'];
const RULES: Record<string, Rule | Record<string, Rule>> = {
  '/': 'redirect',
  '/sign-in': 'public',
  '/l/[token]': 'public',
  '/l/[token]/done': 'public',
  '/simulator/link': 'public',
  '/admin/mailbox': ADMIN,
  '/api/mailbox': ADMIN,
  '/bulk-sends/new': OPERATIONS,
  '/bulk-sends/[id]': OPERATIONS,
  '/api/bulk-sends': OPERATIONS,
  '/api/bulk-sends/preview': OPERATIONS,
  '/api/bulk-sends/[id]': OPERATIONS,
  '/api/credentials/assign': OPERATIONS,
  '/api/credentials/assign/preview': OPERATIONS,
  '/api/credentials/assign/[id]': OPERATIONS,
  '/api/credentials/[token]/links': MANAGERS,
  '/api/credentials/[token]/links/[linkId]/revoke': MANAGERS,
  '/api/credentials/[token]/links/[linkId]': MANAGERS,
  '/api/credentials/[token]/links/preview': MANAGERS,
  '/credentials': EVERYONE,
  '/credentials/[token]': EVERYONE,
  '/analytics': EVERYONE,
  '/admin/users': ADMIN,
  '/audit': ADMIN,
  '/api/health': 'public',
  '/api/auth/[...nextauth]': 'next-auth',
  '/api/credentials': EVERYONE,
  '/api/credentials/counts': EVERYONE,
  '/api/credentials/export': EVERYONE,
  '/api/credentials/[token]': { GET: EVERYONE, PATCH: MANAGERS },
  '/api/credentials/[token]/contacts': MANAGERS,
  '/api/credentials/[token]/contacts/[contactId]': MANAGERS,
  '/api/analytics/daily-outcomes': EVERYONE,
  '/api/analytics/status-distribution': EVERYONE,
  '/api/analytics/worst-institutions': EVERYONE,
  '/api/analytics/freshness': EVERYONE,
  '/api/analytics/recovery-funnel': EVERYONE,
  '/api/analytics/recovery-times': EVERYONE,
  '/api/incidents': EVERYONE,
  '/api/incidents/[id]/acknowledge': OPERATIONS,
  '/api/admin/users': ADMIN,
  '/api/admin/users/[id]': ADMIN,
  '/api/admin/users/[id]/reset-password': ADMIN,
  '/api/admin/users/[id]/sign-out': ADMIN,
  '/account': EVERYONE,
  '/api/account/password': EVERYONE,
  '/api/account/digest': EVERYONE,
  '/api/account/sign-out-everywhere': EVERYONE,
  '/api/account/mfa': EVERYONE,
  '/api/account/mfa/confirm': EVERYONE,
  '/api/admin/users/[id]/reset-mfa': ADMIN,
  '/admin/settings': ADMIN,
  '/api/admin/recovery-targets': { GET: EVERYONE, PUT: ADMIN },
  '/api/admin/notifications': ADMIN,
  '/api/admin/webhooks': ADMIN,
  '/api/admin/email-templates': ADMIN,
  '/api/admin/email-templates/[flow]/[language]': ADMIN,
  '/api/admin/email-templates/preview': ADMIN,
  '/api/admin/webhooks/[id]': ADMIN,
  '/api/admin/webhooks/[id]/test': ADMIN,
  '/api/audit': ADMIN,
  '/views': EVERYONE,
  '/api/views': EVERYONE,
  '/api/views/[id]': EVERYONE,
  '/api/audit/export': ADMIN,
};
const ruleFor = (path: string, method: string): Rule => {
  const rule = RULES[path];
  return Array.isArray(rule) || typeof rule === 'string' ? rule : rule[method];
};
const routes = discoverRoutes();
// A read that needs a parameter to mean anything is called with one.
// The list with a query, so an account manager is not sent on to their own credentials first.
const SAMPLE_QUERY: Record<string, string> = { '/api/bulk-sends/preview': '?flow=RESET', '/credentials': '?owner=any', '/api/credentials/[token]/links/preview': '?flow=SCA&email=someone@example.com', '/api/admin/email-templates/preview': '?flow=SCA&language=es&subject=Hola&body=%7Bgreeting%7D' };
const concrete = (path: string) => path.replace(/\[[^\]]+\]/g, 'no-such-id') + (SAMPLE_QUERY[path] ?? '');

test('every page and route handler has an access rule', () => {
  expect(routes.map((r) => r.path).sort()).toEqual(Object.keys(RULES).sort());
});

for (const who of [null, ...EVERYONE] as (Who | null)[]) {
  test(`${who ?? 'anonymous'}: each page and API answers 200, 401, 403 or a redirect as the rules say`, async ({ baseURL }) => {
    const context = await playwrightRequest.newContext({ baseURL, ...(who ? { storageState: `e2e/.auth/${who}.json` } : {}) });
    for (const route of routes) {
      const url = concrete(route.path);
      for (const method of route.methods) {
        const rule = ruleFor(route.path, method);
        if (rule === 'next-auth') continue;
        expect(rule, `${method} ${route.path} has a rule`).toBeDefined();
        const response = await context.fetch(url, {
          method,
          maxRedirects: 0,
          ...(method === 'GET' ? {} : { data: {}, headers: { Origin: baseURL!, 'Content-Type': 'application/json' } }),
        });
        const label = `${who ?? 'anonymous'} ${method} ${url}`;
        if (rule === 'public') {
          expect([200, 307], label).toContain(response.status());
        } else if (rule === 'redirect') {
          expect(response.status(), label).toBe(307);
        } else if (!who) {
          if (route.kind === 'page') {
            expect(response.status(), label).toBe(307);
            expect(response.headers().location, label).toContain('/sign-in');
          } else {
            expect(response.status(), label).toBe(401);
          }
        } else if (!rule.includes(who)) {
          expect(response.status(), label).toBe(403);
        } else if (method === 'GET') {
          // Allowed: a read succeeds, or finds nothing under a made-up id.
          expect(response.status(), label).toBe(url.includes('no-such-id') ? 404 : 200);
        } else {
          // Allowed: a write reaches validation or the lookup (an empty body or a made-up id), and changes nothing.
          expect([400, 404], label).toContain(response.status());
        }
      }
    }
    await context.dispose();
  });
}

test('mutations refuse cross-site requests and bodies that are not JSON', async ({ baseURL }) => {
  const context = await playwrightRequest.newContext({ baseURL, storageState: 'e2e/.auth/admin.json' });
  const body = { email: 'csrf@credops.test', name: 'C', role: 'ADMIN' };
  const crossSite = await context.post('/api/admin/users', { data: body, headers: { Origin: 'https://evil.example' } });
  expect(crossSite.status()).toBe(403);
  const form = await context.post('/api/admin/users', { form: body, headers: { Origin: baseURL! } });
  expect(form.status()).toBe(400);
  expect((await form.json()).error).toContain('JSON');
  const users = (await (await context.get('/api/admin/users')).json()) as { items: { email: string }[] };
  expect(users.items.some((u) => u.email === 'csrf@credops.test')).toBe(false);
  await context.dispose();
});

test('pages carry a nonce-based Content-Security-Policy and refuse to be framed', async ({ request }) => {
  const response = await request.get('/sign-in');
  const csp = response.headers()['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  expect(response.headers()['referrer-policy']).toBe('same-origin');
  expect(response.headers()['strict-transport-security']).toContain('max-age=');
});

test('API answers carry a policy that allows nothing to run and nothing to frame them', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  expect(response.headers()['strict-transport-security']).toContain('max-age=');
});

test('a JSON body over 64 kB is refused with 413 before it is parsed, and answers with personal data are never cached', async ({ baseURL }) => {
  const context = await playwrightRequest.newContext({ baseURL, storageState: 'e2e/.auth/admin.json' });
  const huge = await context.post('/api/admin/users', {
    data: { email: 'big@credops.test', name: 'x'.repeat(70 * 1024), role: 'ANALYST' },
    headers: { Origin: baseURL! },
  });
  expect(huge.status()).toBe(413);
  expect((await huge.json()).error).toContain('64 kB');
  for (const path of ['/api/credentials', '/api/credentials/counts', '/api/admin/users', '/api/audit', '/api/mailbox', '/api/credentials/no-such-token']) {
    expect((await context.get(path)).headers()['cache-control'], path).toBe('no-store');
  }
  await context.dispose();
});
