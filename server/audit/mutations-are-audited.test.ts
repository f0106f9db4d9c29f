import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorWithRole } from '@/server/testing/actors.ts';
import { discoverRoutes } from '@/e2e/support/discover-routes.ts';
import { createTestDatabase, type TestDatabase } from '@/server/testing/test-database.ts';
import { createUser } from '@/server/users/create-user.ts';
import { updateUser } from '@/server/users/update-user.ts';
import type { Db } from '@/server/db/client.ts';
import { addCredentialContact } from '@/server/credentials/add-credential-contact.ts';
import { removeCredentialContact } from '@/server/credentials/remove-credential-contact.ts';
import { updateCredential } from '@/server/credentials/update-credential.ts';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { acknowledgeIncident } from '@/server/incidents/acknowledge-incident.ts';
import { startBulkSend } from '@/server/links/bulk-send.ts';
import { revokeLink } from '@/server/links/revoke-link.ts';
import { sendLink } from '@/server/links/send-link.ts';
import { recordingTransport } from '@/server/testing/recording-transport.ts';

// Every mutating route handler, with the use case it runs and the audit action it must write.
// A new POST/PUT/PATCH/DELETE handler without an entry here fails the first test.
const admin = actorWithRole('ADMIN');
const MUTATIONS: Record<string, { action: string; run: (db: Db) => Promise<unknown> }> = {
  'POST /api/admin/users': {
    action: 'user.create',
    run: (db) => createUser(admin, { email: `audit-${Date.now()}@credops.test`, name: 'A', role: 'ANALYST' }, { db }),
  },
  'PATCH /api/admin/users/[id]': {
    action: 'user.changeRole',
    run: async (db) => {
      const { id } = await createUser(admin, { email: `patch-${Date.now()}@credops.test`, name: 'P', role: 'ANALYST' }, { db });
      return updateUser(admin, id, { role: 'OPERATIONS' }, { db });
    },
  },
};
async function someCredential(db: Db) {
  return db.credential.findFirstOrThrow({ orderBy: { id: 'asc' } });
}
Object.assign(MUTATIONS, {
  'PATCH /api/credentials/[token]': {
    action: 'credential.changeOwner',
    run: async (db: Db) => updateCredential(admin, (await someCredential(db)).token, { ownerId: admin.id }, { db }),
  },
  'POST /api/credentials/[token]/contacts': {
    action: 'credential.addContact',
    run: async (db: Db) => addCredentialContact(admin, (await someCredential(db)).token, { name: 'New Person', email: `p${Date.now()}@example.com` }, { db }),
  },
  'DELETE /api/credentials/[token]/contacts/[contactId]': {
    action: 'credential.removeContact',
    run: async (db: Db) => {
      const credential = await someCredential(db);
      const contact = await addCredentialContact(admin, credential.token, { name: 'Leaving', email: `l${Date.now()}@example.com` }, { db });
      return removeCredentialContact(admin, credential.token, contact.id, { db });
    },
  },
  'POST /api/incidents/[id]/acknowledge': {
    action: 'incident.acknowledge',
    run: async (db: Db) => {
      const institution = await db.institution.findFirstOrThrow();
      const incident = await db.incident.create({ data: { institutionId: institution.id, day: '2026-11-19', failureRate: 70, baselineRate: 2 } });
      return acknowledgeIncident(admin, incident.id, { db });
    },
  },
});

/** A credential made Blocked on CredOps' side, so a Reset link fits it. */
async function blockedCredential(db: Db) {
  const credential = await db.credential.create({
    data: { token: `audit-blocked-${Date.now()}`, institutionId: (await someCredential(db)).institutionId, status: 'BLOCKED', statusChangedAt: new Date(), createdAt: new Date(), dataAsOf: new Date() },
  });
  return credential.token;
}
const sendReset = (db: Db, token: string) => sendLink(admin, token, { flow: 'RESET', email: 'audit@example.com' }, { db, transport: recordingTransport() });
Object.assign(MUTATIONS, {
  'POST /api/credentials/[token]/links': {
    action: 'link.send',
    run: async (db: Db) => sendReset(db, await blockedCredential(db)),
  },
  'POST /api/credentials/[token]/links/[linkId]/revoke': {
    action: 'link.revoke',
    run: async (db: Db) => {
      const token = await blockedCredential(db);
      return revokeLink(admin, token, (await sendReset(db, token)).link.id, { db });
    },
  },
  'POST /api/bulk-sends': {
    action: 'bulkSend.start',
    run: async (db: Db) => {
      await blockedCredential(db);
      return startBulkSend(admin, { flow: 'RESET', filter: { status: [], institution: [], stale: false, q: undefined } }, { db });
    },
  },
});

// Sign-in is next-auth's handler; its audit events are tested in server/auth/sign-in-with-password.test.ts.
const AUDITED_ELSEWHERE = new Set(['POST /api/auth/[...nextauth]']);

describe('every mutating action', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    await t.db.user.create({ data: { id: admin.id, email: admin.email, name: admin.name, role: admin.role } });
    await seedDemoCompany(t.db, { credentials: 20, days: 3, seed: 'audit', now: new Date('2026-11-20T12:00:00Z') });
  });
  afterAll(() => t?.drop());

  it('is listed here, so none can be added without an audited test', () => {
    const mutating = discoverRoutes()
      .filter((r) => r.kind === 'api')
      .flatMap((r) => r.methods.filter((m) => m !== 'GET').map((m) => `${m} ${r.path}`))
      .filter((key) => !AUDITED_ELSEWHERE.has(key));
    expect(mutating.sort()).toEqual(Object.keys(MUTATIONS).sort());
  });

  it.each(Object.entries(MUTATIONS))('%s writes an audit event', async (_, { action, run }) => {
    const before = await t.db.auditEvent.count({ where: { action } });
    await run(t.db);
    expect(await t.db.auditEvent.count({ where: { action } })).toBeGreaterThan(before);
  });
});
