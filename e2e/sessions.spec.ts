import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { signInFrom, signInOverApi, signOutOverApi } from './support/staff-http.ts';

// Issue 16: a session ends when it should, for whoever holds a copy of its cookie, and the address
// CredOps limits and audits is the connection's, not what the client claims.

const ADMIN = 'e2e/.auth/admin.json';

async function newStaffMember(admin: APIRequestContext, role = 'ANALYST') {
  const email = `session-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@credops.test`;
  const created = await admin.post('/api/admin/users', { data: { email, name: 'Session Tester', role } });
  expect(created.status()).toBe(201);
  const { id, oneTimePassword } = (await created.json()) as { id: string; oneTimePassword: string };
  return { id, email, oneTimePassword };
}

/** Signs the new member in and replaces their one-time password, as they must before anything else. */
async function signedIn(baseURL: string, member: { email: string; oneTimePassword: string }) {
  const api = await request.newContext({ baseURL });
  expect(await signInOverApi(api, member.email, member.oneTimePassword)).toBe(true);
  expect((await api.get('/api/credentials')).status()).toBe(403);
  const changed = await api.post('/api/account/password', { data: { currentPassword: member.oneTimePassword, newPassword: 'amber willow crossing quietly north' } });
  expect(changed.status()).toBe(201);
  expect((await api.get('/api/credentials')).status()).toBe(200);
  return api;
}

/** The same cookies in a second client, as an attacker who copied them would hold them. */
async function copyOf(api: APIRequestContext, baseURL: string) {
  return request.newContext({ baseURL, storageState: await api.storageState() });
}

test('a copied session cookie stops working after sign-out, after deactivation (and stays dead after reactivation), and after a role change', async ({ baseURL }) => {
  const admin = await request.newContext({ baseURL, storageState: ADMIN });
  const member = await newStaffMember(admin);

  const first = await signedIn(baseURL!, member);
  const stolen = await copyOf(first, baseURL!);
  await signOutOverApi(first);
  expect((await stolen.get('/api/credentials')).status()).toBe(401);
  // Asking next-auth for a fresh token does not bring the session back.
  await stolen.get('/api/auth/session');
  expect((await stolen.get('/api/credentials')).status()).toBe(401);

  const password = 'amber willow crossing quietly north';
  const second = await request.newContext({ baseURL });
  expect(await signInOverApi(second, member.email, password)).toBe(true);
  const kept = await copyOf(second, baseURL!);
  expect((await admin.patch(`/api/admin/users/${member.id}`, { data: { active: false } })).status()).toBe(200);
  expect((await kept.get('/api/credentials')).status()).toBe(401);
  expect((await admin.patch(`/api/admin/users/${member.id}`, { data: { active: true } })).status()).toBe(200);
  expect((await kept.get('/api/credentials')).status()).toBe(401);

  const third = await request.newContext({ baseURL });
  expect(await signInOverApi(third, member.email, password)).toBe(true);
  expect((await admin.patch(`/api/admin/users/${member.id}`, { data: { role: 'OPERATIONS' } })).status()).toBe(200);
  expect((await third.get('/api/credentials')).status()).toBe(401);

  const fourth = await request.newContext({ baseURL });
  expect(await signInOverApi(fourth, member.email, password)).toBe(true);
  expect((await admin.post(`/api/admin/users/${member.id}/sign-out`, { data: { confirm: true } })).status()).toBe(201);
  expect((await fourth.get('/api/credentials')).status()).toBe(401);
  for (const api of [admin, first, stolen, second, kept, third, fourth]) await api.dispose();
});

test('a forged X-Forwarded-For neither walks past the per-address sign-in limit nor reaches the audit log', async ({ baseURL }) => {
  // Another loopback address is another client to the server; the limit there leaves this suite's own sign-ins alone.
  const attacker = '127.0.0.2';
  for (let i = 0; i < 20; i++) {
    expect(await signInFrom(attacker, baseURL!, `nobody-${i}@credops.test`, 'guess', `198.51.100.${i + 1}`)).toBe(false);
  }
  // The right password, from the same connection with yet another forged address: still slowed down.
  expect(await signInFrom(attacker, baseURL!, 'analyst@credops.test', 'credops-demo', '203.0.113.77')).toBe(false);

  const admin = await request.newContext({ baseURL, storageState: ADMIN });
  const audit = (await (await admin.get('/api/audit?actor=nobody-&limit=100')).json()) as { items: { ip: string | null }[] };
  expect(audit.items.length).toBeGreaterThanOrEqual(20);
  expect(new Set(audit.items.map((e) => e.ip))).toEqual(new Set([attacker]));
  await admin.dispose();
});
