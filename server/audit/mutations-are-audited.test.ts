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
import { startBulkSend } from '@/server/bulk-sends/start-bulk-send.ts';
import { startAssignment } from '@/server/assignments/start-assignment.ts';
import { createView } from '@/server/views/create-view.ts';
import { createViewSchema } from '@/lib/schemas/views.ts';
import { deleteView } from '@/server/views/delete-view.ts';
import { updateView } from '@/server/views/update-view.ts';
import { revokeLink } from '@/server/links/revoke-link.ts';
import { sendLink } from '@/server/links/send-link.ts';
import { recordingTransport } from '@/server/testing/recording-transport.ts';
import type { AuditAction } from '@/server/audit/record-audit-event.ts';
import bcrypt from 'bcryptjs';
import { changePassword } from '@/server/account/change-password.ts';
import { signOutEverywhere } from '@/server/account/sign-out-everywhere.ts';
import { openStaffSession } from '@/server/auth/staff-sessions.ts';
import { resetUserPassword } from '@/server/users/reset-user-password.ts';
import { signOutUser } from '@/server/users/sign-out-user.ts';
import { generate as generateTotp } from 'otplib';
import { confirmMfaEnrolment } from '@/server/account/confirm-mfa-enrolment.ts';
import { startMfaEnrolment } from '@/server/account/start-mfa-enrolment.ts';
import { resetUserMfa } from '@/server/users/reset-user-mfa.ts';
import { setRecoveryTargets } from '@/server/settings/set-recovery-targets.ts';
import { setNotificationSettings } from '@/server/settings/set-notification-settings.ts';
import { setLinkReminders } from '@/server/links/set-link-reminders.ts';
import { setDigestPreferences } from '@/server/account/set-digest-preferences.ts';
import { createWebhook, deleteWebhook, testWebhook } from '@/server/webhooks/manage-webhooks.ts';
import { resetEmailTemplate, setEmailTemplate } from '@/server/email-templates/email-templates.ts';

// Every mutating route handler, with the use case it runs and the audit action it must write.
// A new POST/PUT/PATCH/DELETE handler without an entry here fails the first test.
const admin = actorWithRole('ADMIN');

interface Scene {
  /** Runs the mutation once; answers the target its audit event must name. */
  run: () => Promise<{ type: string; id: string }>;
  /** What the mutation changes, read back from the database: a run changes it, a rolled-back run must not. */
  observe: () => Promise<unknown>;
}
interface Mutation {
  action: AuditAction;
  /** Prepares a fresh scene for one run; preparing may write audit events of other actions. */
  setUp: (db: Db) => Promise<Scene>;
}

// Each case sets its scene up twice (audited, then with the audit refused), so names must not repeat.
let made = 0;
const next = () => ++made;

const MUTATIONS: Record<string, Mutation> = {
  'POST /api/admin/users': {
    action: 'user.create',
    setUp: async (db) => {
      const email = `audit-${next()}@credops.test`;
      return {
        run: async () => ({ type: 'user', id: (await createUser(admin, { email, name: 'A', role: 'ANALYST' }, { db })).id }),
        observe: () => db.user.count({ where: { email } }),
      };
    },
  },
  'PATCH /api/admin/users/[id]': {
    action: 'user.changeRole',
    setUp: async (db) => {
      const { id } = await createUser(admin, { email: `patch-${next()}@credops.test`, name: 'P', role: 'ANALYST' }, { db });
      return {
        run: async () => {
          await updateUser(admin, id, { role: 'OPERATIONS' }, { db });
          return { type: 'user', id };
        },
        observe: async () => (await db.user.findUniqueOrThrow({ where: { id } })).role,
      };
    },
  },
};
async function someCredential(db: Db) {
  return db.credential.findFirstOrThrow({ orderBy: { id: 'asc' } });
}
Object.assign(MUTATIONS, {
  'PATCH /api/credentials/[token]': {
    action: 'credential.changeOwner',
    setUp: async (db) => {
      // One the admin does not own yet, so handing it over is a change.
      const { token, institutionId, status } = await db.credential.findFirstOrThrow({ where: { OR: [{ ownerId: null }, { ownerId: { not: admin.id } }] }, orderBy: { id: 'asc' } });
      return {
        run: async () => {
          await updateCredential(admin, token, { ownerId: admin.id }, { db });
          return { type: 'credential', id: token };
        },
        // The per-owner count cards move in the same transaction as the owner.
        observe: async () => ({
          ownerId: (await db.credential.findUniqueOrThrow({ where: { token } })).ownerId,
          counters: await db.statusCounter.findMany({ where: { institutionId, status }, select: { ownerKey: true, count: true }, orderBy: { ownerKey: 'asc' } }),
        }),
      };
    },
  },
  'POST /api/credentials/[token]/contacts': {
    action: 'credential.addContact',
    setUp: async (db) => {
      const { id: credentialId, token } = await someCredential(db);
      const email = `p${next()}@example.com`;
      return {
        run: async () => {
          await addCredentialContact(admin, token, { name: 'New Person', email }, { db });
          return { type: 'credential', id: token };
        },
        observe: async () => ({
          linked: await db.credentialContact.count({ where: { credentialId, contact: { email } } }),
          contacts: await db.contact.count({ where: { email } }),
        }),
      };
    },
  },
  'DELETE /api/credentials/[token]/contacts/[contactId]': {
    action: 'credential.removeContact',
    setUp: async (db) => {
      const { id: credentialId, token } = await someCredential(db);
      const contact = await addCredentialContact(admin, token, { name: 'Leaving', email: `l${next()}@example.com` }, { db });
      return {
        run: async () => {
          await removeCredentialContact(admin, token, contact.id, { db });
          return { type: 'credential', id: token };
        },
        observe: () => db.credentialContact.count({ where: { credentialId, contactId: contact.id } }),
      };
    },
  },
  'POST /api/incidents/[id]/acknowledge': {
    action: 'incident.acknowledge',
    setUp: async (db) => {
      const institution = await db.institution.findFirstOrThrow();
      // One incident per institution and day: each scene has a day of its own.
      const day = new Date(Date.UTC(2030, 0, next())).toISOString().slice(0, 10);
      const incident = await db.incident.create({ data: { institutionId: institution.id, day, failureRate: 70, baselineRate: 2 } });
      return {
        run: async () => {
          await acknowledgeIncident(admin, incident.id, { db });
          return { type: 'incident', id: String(incident.id) };
        },
        observe: () => db.incident.findUniqueOrThrow({ where: { id: incident.id }, select: { acknowledgedAt: true, acknowledgedById: true } }),
      };
    },
  },
} satisfies Record<string, Mutation>);

/** A credential made Blocked on CredOps' side, so a Reset link fits it. */
async function blockedCredential(db: Db) {
  const credential = await db.credential.create({
    data: { token: `audit-blocked-${next()}`, institutionId: (await someCredential(db)).institutionId, status: 'BLOCKED', statusChangedAt: new Date(), createdAt: new Date(), dataAsOf: new Date() },
  });
  return credential.token;
}
const sendReset = (db: Db, token: string, transport = recordingTransport()) => sendLink(admin, token, { flow: 'RESET', email: 'audit@example.com' }, { db, transport });
Object.assign(MUTATIONS, {
  'POST /api/credentials/[token]/links': {
    action: 'link.send',
    setUp: async (db) => {
      const token = await blockedCredential(db);
      const transport = recordingTransport();
      return {
        run: async () => {
          await sendReset(db, token, transport);
          return { type: 'credential', id: token };
        },
        observe: async () => ({
          links: await db.link.count({ where: { credential: { token } } }),
          emails: await db.outboxEmail.count({ where: { link: { credential: { token } } } }),
          handedToMailServer: transport.sent.length,
        }),
      };
    },
  },
  'POST /api/credentials/[token]/links/[linkId]/revoke': {
    action: 'link.revoke',
    setUp: async (db) => {
      const token = await blockedCredential(db);
      const { link } = await sendReset(db, token);
      return {
        run: async () => {
          await revokeLink(admin, token, link.id, { db });
          return { type: 'credential', id: token };
        },
        observe: () => db.link.findUniqueOrThrow({ where: { id: link.id }, select: { state: true, revokedAt: true, emails: { select: { state: true } } } }),
      };
    },
  },
  'PATCH /api/credentials/[token]/links/[linkId]': {
    action: 'link.changeReminders',
    setUp: async (db) => {
      const token = await blockedCredential(db);
      const { link } = await sendReset(db, token);
      return {
        run: async () => {
          await setLinkReminders(admin, token, link.id, { reminders: false }, { db });
          return { type: 'credential', id: token };
        },
        observe: () => db.link.findUniqueOrThrow({ where: { id: link.id }, select: { remindersEnabled: true, nextReminderAt: true } }),
      };
    },
  },
  'POST /api/bulk-sends': {
    action: 'bulkSend.start',
    setUp: async (db) => {
      await blockedCredential(db);
      return {
        run: async () => ({ type: 'bulkSend', id: (await startBulkSend(admin, { flow: 'RESET', filter: { status: [], institution: [], stale: false, overTarget: false, recurring: false, q: undefined } }, { db })).id }),
        observe: async () => ({ bulkSends: await db.bulkSend.count(), items: await db.bulkSendItem.count() }),
      };
    },
  },
  'POST /api/views': {
    action: 'view.create',
    setUp: async (db) => {
      const name = `View ${next()}`;
      return {
        run: async () => ({ type: 'view', id: (await createView(admin, createViewSchema.parse({ name, query: 'status=BLOCKED', shared: true }), { db })).id }),
        observe: () => db.savedView.count({ where: { name } }),
      };
    },
  },
  'PATCH /api/views/[id]': {
    action: 'view.update',
    setUp: async (db) => {
      const { id } = await createView(admin, createViewSchema.parse({ name: `View ${next()}`, query: '' }), { db });
      return {
        run: async () => ({ type: 'view', id: (await updateView(admin, id, { shared: true }, { db })).id }),
        observe: async () => (await db.savedView.findUniqueOrThrow({ where: { id } })).shared,
      };
    },
  },
  'DELETE /api/views/[id]': {
    action: 'view.delete',
    setUp: async (db) => {
      const { id } = await createView(admin, createViewSchema.parse({ name: `View ${next()}`, query: '' }), { db });
      return {
        run: async () => ({ type: 'view', id: (await deleteView(admin, id, { db })).id }),
        observe: () => db.savedView.count({ where: { id } }),
      };
    },
  },
  'POST /api/credentials/assign': {
    action: 'assignment.start',
    setUp: async (db) => {
      const token = await blockedCredential(db);
      return {
        run: async () => ({ type: 'assignment', id: (await startAssignment(admin, { ownerId: null, tokens: [token] }, { db })).id }),
        observe: async () => ({ assignments: await db.assignment.count(), items: await db.assignmentItem.count() }),
      };
    },
  },
} satisfies Record<string, Mutation>);

const lastAuditEventId = async (db: Db) => (await db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0;

/** Makes SQLite refuse audit events of this one action, as a failing audit write would. */
async function refuseAuditOf(db: Db, action: AuditAction) {
  await db.$executeRawUnsafe(`CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditEvent" WHEN NEW.action = '${action}' BEGIN SELECT RAISE(ABORT, 'audit refused'); END`);
}

// Staff accounts: an Admin's resets and sign-outs, and the signed-in user's own password and sessions.
const liveSessions = (db: Db, userId: string) => db.staffSession.count({ where: { userId, endedAt: null } });
async function userWithSessions(db: Db) {
  const { id } = await createUser(admin, { email: `account-${next()}@credops.test`, name: 'S', role: 'ANALYST' }, { db });
  await openStaffSession(db, { userId: id, method: 'password', ip: null });
  return id;
}
Object.assign(MUTATIONS, {
  'POST /api/admin/users/[id]/reset-password': {
    action: 'user.resetPassword',
    setUp: async (db: Db) => {
      const id = await userWithSessions(db);
      return {
        run: async () => ({ type: 'user', id: (await resetUserPassword(admin, id, { db })).id }),
        observe: async () => ({ hash: (await db.user.findUniqueOrThrow({ where: { id } })).passwordHash, sessions: await liveSessions(db, id) }),
      };
    },
  },
  'POST /api/admin/users/[id]/sign-out': {
    action: 'user.signOutEverywhere',
    setUp: async (db: Db) => {
      const id = await userWithSessions(db);
      return {
        run: async () => {
          await signOutUser(admin, id, { db });
          return { type: 'user', id };
        },
        observe: () => liveSessions(db, id),
      };
    },
  },
  'POST /api/account/password': {
    action: 'auth.changePassword',
    setUp: async (db: Db) => {
      const current = `current-${next()}-Vq8#mZ`;
      await db.user.update({ where: { id: admin.id }, data: { passwordHash: await bcrypt.hash(current, 4) } });
      const self = { ...admin, sessionId: await openStaffSession(db, { userId: admin.id, method: 'password', ip: null }), mustChangePassword: false, mustEnrolMfa: false };
      await openStaffSession(db, { userId: admin.id, method: 'password', ip: null });
      return {
        run: async () => {
          await changePassword(self, { currentPassword: current, newPassword: `a much longer passphrase ${next()} of mine` }, { db });
          return { type: 'user', id: admin.id };
        },
        observe: async () => ({ hash: (await db.user.findUniqueOrThrow({ where: { id: admin.id } })).passwordHash, sessions: await liveSessions(db, admin.id) }),
      };
    },
  },
  'POST /api/account/sign-out-everywhere': {
    action: 'auth.signOutEverywhere',
    setUp: async (db: Db) => {
      const self = { ...admin, sessionId: await openStaffSession(db, { userId: admin.id, method: 'password', ip: null }), mustChangePassword: false, mustEnrolMfa: false };
      return {
        run: async () => {
          await signOutEverywhere(self, { db });
          return { type: 'user', id: admin.id };
        },
        observe: () => liveSessions(db, admin.id),
      };
    },
  },
});

// Two-factor authentication: the admin starts afresh in each scene, as if they had never set it up.
const withoutMfa = (db: Db) =>
  db.user.update({ where: { id: admin.id }, data: { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastTimeStep: null } });
const signedInAdmin = async (db: Db) => ({ ...admin, sessionId: await openStaffSession(db, { userId: admin.id, method: 'password', ip: null }), mustChangePassword: false, mustEnrolMfa: false });
const mfaState = async (db: Db, id: string) => {
  const u = await db.user.findUniqueOrThrow({ where: { id } });
  return { pending: u.mfaPendingSecret, enabled: u.mfaEnabledAt, codes: await db.mfaRecoveryCode.count({ where: { userId: id } }) };
};
Object.assign(MUTATIONS, {
  'POST /api/account/mfa': {
    action: 'auth.startMfaEnrolment',
    setUp: async (db: Db) => {
      await withoutMfa(db);
      const self = await signedInAdmin(db);
      return {
        run: async () => {
          await startMfaEnrolment(self, { db });
          return { type: 'user', id: admin.id };
        },
        observe: () => mfaState(db, admin.id),
      };
    },
  },
  'POST /api/account/mfa/confirm': {
    action: 'auth.enrolMfa',
    setUp: async (db: Db) => {
      await withoutMfa(db);
      const self = await signedInAdmin(db);
      const { secret } = await startMfaEnrolment(self, { db });
      return {
        run: async () => {
          await confirmMfaEnrolment(self, { code: await generateTotp({ secret }) }, { db });
          return { type: 'user', id: admin.id };
        },
        observe: () => mfaState(db, admin.id),
      };
    },
  },
  'PUT /api/admin/recovery-targets': {
    action: 'settings.changeRecoveryTargets',
    setUp: async (db: Db) => {
      const days = (next() % 80) + 2;
      return {
        run: async () => {
          await setRecoveryTargets(admin, { BLOCKED: days, PENDING_SCA: days + 1 }, { db });
          return { type: 'settings', id: 'recoveryTargets' };
        },
        observe: () => db.recoveryTarget.findMany({ orderBy: { status: 'asc' }, select: { status: true, days: true } }),
      };
    },
  },
  'POST /api/admin/webhooks': {
    action: 'webhook.create',
    setUp: async (db: Db) => {
      const url = `https://203.0.113.9/hook-${next()}`;
      return {
        run: async () => ({ type: 'webhook', id: (await createWebhook(admin, { url, secret: 'a-secret-of-sixteen+', events: ['incident.opened'] }, { db })).id }),
        observe: () => db.webhook.count({ where: { url } }),
      };
    },
  },
  'DELETE /api/admin/webhooks/[id]': {
    action: 'webhook.delete',
    setUp: async (db: Db) => {
      const { id } = await createWebhook(admin, { url: `https://203.0.113.9/old-${next()}`, secret: 'a-secret-of-sixteen+', events: ['sync.failing'] }, { db });
      return {
        run: async () => ({ type: 'webhook', id: (await deleteWebhook(admin, id, { db })).id }),
        observe: async () => (await db.webhook.findUniqueOrThrow({ where: { id } })).deletedAt,
      };
    },
  },
  'POST /api/admin/webhooks/[id]/test': {
    action: 'webhook.test',
    setUp: async (db: Db) => {
      // A loopback receiver is refused (ALLOW_PRIVATE_WEBHOOKS is off here), so nothing goes on the network.
      const { id } = await db.webhook.create({ data: { url: 'http://127.0.0.1:9/hook', secretSealed: 'v1:x:y:z', events: 'sync.failing', createdAt: new Date(), createdById: admin.id } });
      return {
        run: async () => {
          await testWebhook(admin, id, { db });
          return { type: 'webhook', id };
        },
        observe: () => db.webhookDelivery.count({ where: { webhookId: id } }),
      };
    },
  },
  'PATCH /api/account/digest': {
    action: 'account.changeDigest',
    setUp: async (db: Db) => {
      const enabled = next() % 2 === 0;
      await db.user.update({ where: { id: admin.id }, data: { digestEnabled: !enabled } });
      return {
        run: async () => {
          await setDigestPreferences(admin, { digestEnabled: enabled }, { db });
          return { type: 'user', id: admin.id };
        },
        observe: async () => (await db.user.findUniqueOrThrow({ where: { id: admin.id } })).digestEnabled,
      };
    },
  },
  'PUT /api/admin/email-templates/[flow]/[language]': {
    action: 'emailTemplate.update',
    setUp: async (db: Db) => {
      const subject = `Tu cuenta de {institution} (${next()})`;
      return {
        run: async () => {
          await setEmailTemplate(admin, 'SCA', 'es', { subject, body: '{greeting}\n\nConfirma tu acceso a {institution}.' }, { db });
          return { type: 'emailTemplate', id: 'SCA|es' };
        },
        observe: () => db.emailTemplate.findMany({ select: { subject: true } }),
      };
    },
  },
  'DELETE /api/admin/email-templates/[flow]/[language]': {
    action: 'emailTemplate.reset',
    setUp: async (db: Db) => {
      await db.emailTemplate.upsert({ where: { flow_language: { flow: 'RESET', language: 'ca' } }, create: { flow: 'RESET', language: 'ca', subject: 's', body: 'b', updatedAt: new Date() }, update: {} });
      return {
        run: async () => {
          await resetEmailTemplate(admin, 'RESET', 'ca', { db });
          return { type: 'emailTemplate', id: 'RESET|ca' };
        },
        observe: () => db.emailTemplate.count({ where: { flow: 'RESET', language: 'ca' } }),
      };
    },
  },
  'PUT /api/admin/notifications': {
    action: 'settings.changeNotifications',
    setUp: async (db: Db) => {
      const first = (next() % 3) + 1;
      return {
        run: async () => {
          await setNotificationSettings(admin, { reminderDays: [first, first + 2], quietHours: { start: '22:00', end: '07:30' }, syncAlertMinutes: 30 + next(), blockedPerHourAlert: 50 }, { db });
          return { type: 'settings', id: 'notifications' };
        },
        observe: () => db.notificationSettings.findMany({ select: { reminderDays: true, quietHoursStart: true, syncAlertMinutes: true } }),
      };
    },
  },
  'POST /api/admin/users/[id]/reset-mfa': {
    action: 'user.resetMfa',
    setUp: async (db: Db) => {
      const id = await userWithSessions(db);
      await db.user.update({ where: { id }, data: { mfaSecret: 'v1:sealed', mfaEnabledAt: new Date() } });
      return {
        run: async () => ({ type: 'user', id: (await resetUserMfa(admin, id, { db })).id }),
        observe: async () => ({ ...(await mfaState(db, id)), sessions: await liveSessions(db, id) }),
      };
    },
  },
});

// Sign-in and sign-out are next-auth's handler; their audit events are tested in server/auth/.
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

  it.each(Object.entries(MUTATIONS))('%s writes one audit event naming the actor and the target', async (_, { action, setUp }) => {
    const scene = await setUp(t.db);
    const before = await scene.observe();
    const since = await lastAuditEventId(t.db);
    const target = await scene.run();
    expect(await scene.observe()).not.toEqual(before);
    const written = await t.db.auditEvent.findMany({ where: { id: { gt: since }, action } });
    expect(written).toEqual([expect.objectContaining({ actorId: admin.id, actorEmail: admin.email, action, targetType: target.type, targetId: target.id })]);
  });

  it.each(Object.entries(MUTATIONS))('%s changes nothing when its audit event cannot be written', async (_, { action, setUp }) => {
    const scene = await setUp(t.db);
    const before = await scene.observe();
    const since = await lastAuditEventId(t.db);
    await refuseAuditOf(t.db, action);
    try {
      // Prisma's SQLite adapter reports the trigger's RAISE as a foreign-key error and drops its text,
      // but names the insert that failed: the audit write, not the change before it.
      await expect(scene.run()).rejects.toThrow(/auditEvent\.create\(\)/);
    } finally {
      await t.db.$executeRawUnsafe('DROP TRIGGER IF EXISTS refuse_audit');
    }
    expect(await scene.observe()).toEqual(before);
    expect(await t.db.auditEvent.count({ where: { id: { gt: since } } })).toBe(0);
  });
});
