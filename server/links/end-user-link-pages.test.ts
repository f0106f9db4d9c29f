import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/domain/permissions.ts';
import { getCredential } from '@/server/credentials/get-credential.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { completeSimulatedLink, readSimulatedLink } from '@/server/flanks/simulator/simulator-link.ts';
import { recordingTransport } from '@/server/testing/recording-transport.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '@/server/testing/test-database.ts';
import { continueLink } from './continue-link.ts';
import { finishLink } from './finish-link.ts';
import { readLinkPage } from './read-link-page.ts';
import { sendLink } from './send-link.ts';

const now = new Date('2026-11-20T14:00:00Z');
const minutesLater = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe.each(DATABASE_KINDS)("the end user's side of a link, on %s", (kind) => {
  let t: TestDatabase;
  let manager: Actor;

  /** Sends a link for the n-th credential in `status` and returns the token its email carries. */
  const linkFor = async (status: 'BLOCKED' | 'PENDING_SCA', n: number) => {
    const [credential] = await t.db.credential.findMany({ where: { status }, orderBy: { id: 'asc' }, skip: n, take: 1 });
    const transport = recordingTransport();
    await sendLink(manager, credential.token, { flow: status === 'BLOCKED' ? 'RESET' : 'SCA', email: 'enduser@example.com' }, { db: t.db, now, transport });
    const token = transport.sent[0].text.match(/\/l\/([A-Za-z0-9_-]{43})/)![1];
    return { credential, token };
  };
  const flowTokenIn = (url: string) => new URL(url).searchParams.get('token')!;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    await seedDemoCompany(t.db, { credentials: 300, days: 20, seed: 'end-user', now });
    const am = await t.db.user.findUniqueOrThrow({ where: { email: 'am@credops.test' } });
    manager = { id: am.id, email: am.email, name: am.name, role: 'ACCOUNT_MANAGER' };
  });
  afterAll(() => t?.drop());

  it('lets a mail scanner read the link page any number of times without using the link up', async () => {
    const { token } = await linkFor('BLOCKED', 0);
    for (let i = 0; i < 3; i++) expect(await readLinkPage(token, { db: t.db, now })).toMatchObject({ found: true, state: 'SENT', flow: 'RESET' });
    const link = await t.db.link.findFirstOrThrow({ where: { recipientEmail: 'enduser@example.com' }, orderBy: { createdAt: 'asc' } });
    expect(link).toMatchObject({ state: 'SENT', openedAt: null });
  });

  it('Reset: Continue consumes the link once; the right password at the simulated Flanks Link makes the credential Active at once, and the timeline tells it', async () => {
    const { credential, token } = await linkFor('BLOCKED', 1);
    const flanksUrl = await continueLink(token, { db: t.db, now: minutesLater(1) });
    expect(flanksUrl).toMatch(/^http:\/\/localhost:3000\/simulator\/link\?flow=reset&token=[0-9a-f]+&redirect_uri=/);
    expect(new URL(flanksUrl!).searchParams.get('redirect_uri')).toBe(`http://localhost:3000/l/${token}/done`);
    expect(await continueLink(token, { db: t.db, now: minutesLater(2) })).toBeNull(); // single use
    expect(await readLinkPage(token, { db: t.db, now })).toMatchObject({ state: 'OPENED' });

    const flowToken = flowTokenIn(flanksUrl!);
    const view = await readSimulatedLink(t.db, 'reset', flowToken);
    await expect(completeSimulatedLink(t.db, 'reset', flowToken, 'not-the-password', minutesLater(3))).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await completeSimulatedLink(t.db, 'reset', flowToken, view!.demoAnswer, minutesLater(3));
    await finishLink(token, null, { db: t.db, now: minutesLater(4) });

    expect(await readLinkPage(token, { db: t.db, now })).toMatchObject({ state: 'COMPLETED' });
    const after = await t.db.credential.findUniqueOrThrow({ where: { id: credential.id } });
    expect(after).toMatchObject({ status: 'ACTIVE', lastUpdatedAt: minutesLater(3), lastAttemptOutcome: 'SUCCESS' });
    // The recovery funnel's stamp: the data came back with the flow's own refresh.
    expect(await t.db.link.findFirstOrThrow({ where: { credentialId: credential.id } })).toMatchObject({ state: 'COMPLETED', recoveredAt: minutesLater(3) });
    expect(await t.db.statusChange.findFirst({ where: { credentialId: credential.id }, orderBy: { observedAt: 'desc' } })).toMatchObject({ fromStatus: 'BLOCKED', toStatus: 'ACTIVE' });
    const story = (await getCredential(manager, credential.token, { db: t.db, now: minutesLater(5) })).timeline.slice(0, 5).map((e) => e.link?.event ?? `${e.kind}:${e.to ?? e.outcome}`);
    expect(story).toEqual(['status:ACTIVE', 'refresh:SUCCESS', 'completed', 'opened', 'sent']);
    const actions = (await t.db.auditEvent.findMany({ where: { targetId: credential.token }, orderBy: { id: 'asc' } })).map((e) => e.action);
    expect(actions).toEqual(['link.send', 'link.open', 'link.complete']);
    await finishLink(token, null, { db: t.db, now: minutesLater(5) }); // a reload of the return page
    expect(await t.db.auditEvent.count({ where: { targetId: credential.token } })).toBe(3);
  });

  it('SCA: the one-time code resolves Pending SCA; a wrong code is Flanks INVALID_SCA', async () => {
    const { credential, token } = await linkFor('PENDING_SCA', 0);
    const flowToken = flowTokenIn((await continueLink(token, { db: t.db, now: minutesLater(1) }))!);
    await expect(completeSimulatedLink(t.db, 'sca', flowToken, '000000x', minutesLater(2))).rejects.toMatchObject({ code: 'INVALID_SCA' });
    const { demoAnswer } = (await readSimulatedLink(t.db, 'sca', flowToken))!;
    await completeSimulatedLink(t.db, 'sca', flowToken, demoAnswer, minutesLater(2));
    await finishLink(token, null, { db: t.db, now: minutesLater(3) });
    expect(await t.db.credential.findUniqueOrThrow({ where: { id: credential.id } })).toMatchObject({ status: 'ACTIVE' });
  });

  it('records Flanks error codes (the end user cancelled) as a failed link, and the credential stays as it was', async () => {
    const { credential, token } = await linkFor('BLOCKED', 2);
    await continueLink(token, { db: t.db, now: minutesLater(1) });
    await finishLink(token, 'ABORTED_BY_USER', { db: t.db, now: minutesLater(2) });
    expect(await readLinkPage(token, { db: t.db, now })).toMatchObject({ state: 'FAILED', failureCode: 'ABORTED_BY_USER' });
    expect(await t.db.credential.findUniqueOrThrow({ where: { id: credential.id } })).toMatchObject({ status: 'BLOCKED' });
    const { token: other } = await linkFor('BLOCKED', 3);
    await continueLink(other, { db: t.db, now: minutesLater(1) });
    await finishLink(other, '<script>', { db: t.db, now: minutesLater(2) });
    expect(await readLinkPage(other, { db: t.db, now })).toMatchObject({ state: 'FAILED', failureCode: 'UNKNOWN_ERROR' });
  });

  it('leaves the link unused when Flanks cannot give the Link URL, so the end user can try again', async () => {
    const institutionId = (await t.db.credential.findFirstOrThrow()).institutionId;
    // Known to CredOps, unknown to the (simulated) Flanks: asking for its Link URL fails.
    const orphan = await t.db.credential.create({ data: { token: 'f'.repeat(32), institutionId, status: 'BLOCKED', statusChangedAt: now, createdAt: now, dataAsOf: now } });
    const transport = recordingTransport();
    await sendLink(manager, orphan.token, { flow: 'RESET', email: 'orphan@example.com' }, { db: t.db, now, transport });
    const token = transport.sent[0].text.match(/\/l\/([A-Za-z0-9_-]{43})/)![1];
    await expect(continueLink(token, { db: t.db, now: minutesLater(1) })).rejects.toThrow();
    expect(await readLinkPage(token, { db: t.db, now })).toMatchObject({ state: 'SENT' });
  });

  it('refuses expired, unknown and malformed tokens without changing anything', async () => {
    const { credential, token } = await linkFor('PENDING_SCA', 1);
    const eightDaysLater = minutesLater(8 * 24 * 60);
    expect(await readLinkPage(token, { db: t.db, now: eightDaysLater })).toMatchObject({ state: 'EXPIRED' });
    expect((await getCredential(manager, credential.token, { db: t.db, now: eightDaysLater })).verdict).toContain('last SCA link expired');
    expect(await continueLink(token, { db: t.db, now: eightDaysLater })).toBeNull();
    for (const bad of ['x'.repeat(43), 'not-a-token', '']) expect(await readLinkPage(bad, { db: t.db, now })).toMatchObject({ found: false });
    expect(await continueLink('y'.repeat(43), { db: t.db, now })).toBeNull();
    await finishLink('z'.repeat(43), null, { db: t.db, now });
  });
});
