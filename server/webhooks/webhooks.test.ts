import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/domain/permissions.ts';
import { raiseAlert } from '@/server/alerts/raise-alert.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { createTestDatabase, DATABASE_KINDS } from '@/server/testing/test-database.ts';
import { deliverWebhooks as deliver } from './deliver-webhooks.ts';
import { createWebhook as create, deleteWebhook, listWebhooks, testWebhook as test } from './manage-webhooks.ts';
import { postToWebhook, webhookUrlProblem, type Resolve } from './webhook-destination.ts';
import { verifyWebhookSignature } from './webhook-signature.ts';

// The receiver listens on loopback, which CredOps refuses unless the deployment allows internal receivers.
const allowPrivate = true;
const deliverWebhooks = (db: Parameters<typeof deliver>[0], options: { now: Date }) => deliver(db, { ...options, allowPrivate });
const createWebhook = (...[actor, input, options]: Parameters<typeof create>) => create(actor, input, { ...options, allowPrivate });
const testWebhook = (...[actor, id, options]: Parameters<typeof test>) => test(actor, id, { ...options, allowPrivate });

let admin: Actor;
const SECRET = 'a-receiver-shared-secret-0123456789';

/** A real HTTP receiver: answers each request with the next status of `answers` (then 200), and keeps what it got. */
async function startReceiver() {
  const received: { path: string; body: string; signature: string; event: string }[] = [];
  const answers = new Map<string, number[]>();
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ path: request.url ?? '', body, signature: String(request.headers['x-credops-signature'] ?? ''), event: String(request.headers['x-credops-event'] ?? '') });
      response.statusCode = answers.get(request.url ?? '')?.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { received, answers, base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('a webhook destination', () => {
  it('must be http(s), without credentials in it', async () => {
    expect(await webhookUrlProblem('ftp://example.com/x', true)).toMatch(/https:\/\//);
    expect(await webhookUrlProblem('https://user:pw@example.com/x', true)).toMatch(/secret/);
  });
  it('may not be loopback, private or link-local unless ALLOW_PRIVATE_WEBHOOKS is on (SSRF)', async () => {
    for (const url of ['http://127.0.0.1:8080/x', 'http://localhost/x', 'http://10.1.2.3/x', 'http://192.168.1.1/', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://[fd00::1]/']) {
      expect(await webhookUrlProblem(url, false), url).toMatch(/private or loopback/);
    }
    expect(await webhookUrlProblem('https://203.0.113.7/hook', false)).toBeNull();
    expect(await webhookUrlProblem('http://127.0.0.1:8080/x', true)).toBeNull();
  });

  it('is connected to at the address that passed the check: a name re-pointed inside after it (DNS rebinding) is never reached', async () => {
    const receiver = await startReceiver();
    const port = new URL(receiver.base).port;
    try {
      const asked: string[] = [];
      // Public when checked; loopback if asked again, as a rebinding resolver would answer the connection.
      const rebinding: Resolve = async (host) => {
        asked.push(host);
        return [{ address: asked.length === 1 ? '203.0.113.7' : '127.0.0.1', family: 4 }];
      };
      const request = { headers: {}, body: '{}', timeoutMs: 300 };
      await expect(postToWebhook(`http://hooks.example.test:${port}/x`, request, { allowPrivate: false, resolve: rebinding })).rejects.toThrow();
      expect(asked).toEqual(['hooks.example.test']);
      expect(receiver.received).toHaveLength(0);

      // A name that resolves inside is refused before any connection.
      const inside: Resolve = async () => [{ address: '127.0.0.1', family: 4 }];
      expect(await postToWebhook(`http://hooks.example.test:${port}/x`, request, { allowPrivate: false, resolve: inside })).toEqual({ refused: expect.stringMatching(/private or loopback address \(127\.0\.0\.1\)/) });
      expect(receiver.received).toHaveLength(0);
      // Allowed internal receivers are reached as named.
      expect(await postToWebhook(`${receiver.base}/x`, request, { allowPrivate: true })).toMatchObject({ status: 200 });
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });
});

describe.each(DATABASE_KINDS)('alerts through webhooks, on %s', (kind) => {
  let t: Awaited<ReturnType<typeof createTestDatabase>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const now = new Date('2026-11-20T14:00:00Z');
  const alert = (key: string) => ({ event: 'incident.opened' as const, key, text: `Incident at Banco Norte (${key})`, data: { institution: 'Banco Norte' } });

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    receiver = await startReceiver();
    await seedDemoCompany(t.db, { credentials: 50, days: 3, seed: 'webhooks', now });
    const u = await t.db.user.findUniqueOrThrow({ where: { email: 'admin@credops.test' } });
    admin = { id: u.id, email: u.email, name: u.name, role: u.role } as Actor;
  });
  afterAll(async () => {
    await receiver?.close();
    await t?.drop();
  });

  it('posts each alert once, signed with the webhook’s secret, in the stable schema with a Slack-ready text', async () => {
    const hook = await createWebhook(admin, { url: `${receiver.base}/signed`, secret: SECRET, events: ['incident.opened'] }, { db: t.db, now });
    await raiseAlert(t.db, alert('incident.opened:1'), now);
    await raiseAlert(t.db, alert('incident.opened:1'), now); // another process saw it too
    await deliverWebhooks(t.db, { now });
    await deliverWebhooks(t.db, { now });
    const got = receiver.received.filter((r) => r.path === '/signed');
    expect(got).toHaveLength(1);
    expect(verifyWebhookSignature(SECRET, got[0].body, got[0].signature, new Date())).toBe(true);
    expect(verifyWebhookSignature('another-secret-0123456789', got[0].body, got[0].signature, new Date())).toBe(false);
    expect(verifyWebhookSignature(SECRET, got[0].body.replace('Norte', 'Sur'), got[0].signature, new Date())).toBe(false);
    expect(JSON.parse(got[0].body)).toEqual({ schema: 'credops.alert.v1', id: 'incident.opened:1', event: 'incident.opened', createdAt: now.toISOString(), text: 'Incident at Banco Norte (incident.opened:1)', data: { institution: 'Banco Norte' } });
    expect(got[0].event).toBe('incident.opened');
    // Operations and Admins are emailed the alert too, once each.
    const emails = await t.db.outboxEmail.findMany({ where: { kind: 'ALERT' } });
    expect(emails.map((e) => e.to).sort()).toEqual(['admin@credops.test', 'ops@credops.test']);
    const [log] = await listWebhooks(admin, { db: t.db });
    expect(log.deliveries[0]).toMatchObject({ event: 'incident.opened', state: 'DELIVERED', lastStatus: 200, attempts: 1 });
    await deleteWebhook(admin, hook.id, { db: t.db });
  });

  it('retries after a 500, with backoff, and never after a 410', async () => {
    const flaky = await createWebhook(admin, { url: `${receiver.base}/flaky`, secret: SECRET, events: ['incident.opened'] }, { db: t.db, now });
    const gone = await createWebhook(admin, { url: `${receiver.base}/gone`, secret: SECRET, events: ['incident.opened'] }, { db: t.db, now });
    receiver.answers.set('/flaky', [500]);
    receiver.answers.set('/gone', [410]);
    await raiseAlert(t.db, alert('incident.opened:2'), now);
    await deliverWebhooks(t.db, { now });
    const state = async (webhookId: string) => t.db.webhookDelivery.findFirstOrThrow({ where: { webhookId } });
    expect(await state(flaky.id)).toMatchObject({ state: 'PENDING', attempts: 1, lastStatus: 500 });
    expect(await state(gone.id)).toMatchObject({ state: 'FAILED', attempts: 1, lastStatus: 410 });
    expect((await state(flaky.id)).nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    await deliverWebhooks(t.db, { now: new Date(Date.now() + 3_600_000) });
    expect(await state(flaky.id)).toMatchObject({ state: 'DELIVERED', attempts: 2, lastStatus: 200 });
    expect(await state(gone.id)).toMatchObject({ state: 'FAILED', attempts: 1 });
    expect(receiver.received.filter((r) => r.path === '/gone')).toHaveLength(1);
    await deleteWebhook(admin, flaky.id, { db: t.db });
    await deleteWebhook(admin, gone.id, { db: t.db });
  });

  it('sends a signed test event on demand and says what the receiver answered', async () => {
    const hook = await createWebhook(admin, { url: `${receiver.base}/test`, secret: SECRET, events: ['sync.failing'] }, { db: t.db, now });
    receiver.answers.set('/test', [503]);
    expect(await testWebhook(admin, hook.id, { db: t.db })).toEqual({ delivered: false, status: 503, error: 'The receiver answered 503 Service Unavailable.' });
    expect(await testWebhook(admin, hook.id, { db: t.db })).toEqual({ delivered: true, status: 200, error: null });
    const got = receiver.received.filter((r) => r.path === '/test');
    expect(JSON.parse(got[1].body)).toMatchObject({ event: 'webhook.test', text: expect.stringContaining('this webhook works') });
    expect(await t.db.auditEvent.count({ where: { action: 'webhook.test', targetId: hook.id } })).toBe(2);
  });

  it('only goes to webhooks subscribed to the event, and never to a deleted one', async () => {
    const before = receiver.received.length;
    await raiseAlert(t.db, alert('incident.opened:3'), now); // the only live webhook takes sync.failing only
    await deliverWebhooks(t.db, { now: new Date(Date.now() + 7_200_000) });
    expect(receiver.received.length).toBe(before);
  });
});
