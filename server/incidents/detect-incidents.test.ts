import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCompany } from '@/server/demo/seed-demo-company.ts';
import { actorWithRole } from '@/server/testing/actors.ts';
import { createTestDatabase, type TestDatabase } from '@/server/testing/test-database.ts';
import { acknowledgeIncident } from './acknowledge-incident.ts';
import { openIncidentsFor } from './incident-markers.ts';

const now = new Date('2026-11-20T14:00:00Z');
const operations = actorWithRole('OPERATIONS');

describe('institution incidents', () => {
  describe('on an injected outage', () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createTestDatabase('sqlite');
      await t.db.user.create({ data: { id: operations.id, email: operations.email, name: operations.name, role: operations.role } });
      await seedDemoCompany(t.db, { credentials: 600, days: 30, seed: 'outage-test', now, outages: [{ institutionId: 'santander_es', day: '2026-11-15' }] });
    });
    afterAll(() => t?.drop());

    it('opens one incident for the failing institution on the outage day, and for no other', async () => {
      const incidents = await t.db.incident.findMany();
      expect(incidents).toEqual([expect.objectContaining({ institutionId: 'santander_es', day: '2026-11-15' })]);
      expect(incidents[0].failureRate).toBeGreaterThan(incidents[0].baselineRate + 20);
    });

    it('closes it by itself when the institution’s rate is back at its baseline the next day', async () => {
      const [incident] = await t.db.incident.findMany();
      expect(incident.closedAt?.toISOString().slice(0, 10)).toBe('2026-11-16');
      expect(await openIncidentsFor(t.db, ['santander_es'])).toEqual([]);
    });

    it('is acknowledged by Operations once, with an audit event, and refused to an Account manager', async () => {
      const [incident] = await t.db.incident.findMany();
      await expect(acknowledgeIncident(actorWithRole('ACCOUNT_MANAGER'), incident.id, { db: t.db })).rejects.toThrow(/may not/);
      const acknowledged = await acknowledgeIncident(operations, incident.id, { db: t.db, now });
      expect(acknowledged.acknowledgedAt).toBe(now.toISOString());
      await acknowledgeIncident(operations, incident.id, { db: t.db });
      expect(await t.db.auditEvent.count({ where: { action: 'incident.acknowledge', targetId: String(incident.id) } })).toBe(1);
      await expect(acknowledgeIncident(operations, 999_999, { db: t.db })).rejects.toThrow(/No incident/);
    });
  });

  describe('on ordinary noise', () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createTestDatabase('sqlite');
      await seedDemoCompany(t.db, { credentials: 1500, days: 90, seed: 'quiet-quarter', now });
    }, 240_000);
    afterAll(() => t?.drop());

    it('opens no incident in 90 normal simulated days, though the big institutions are judged every day', async () => {
      const judged = await t.db.dailyInstitutionRollup.count({ where: { institutionId: 'santander_es', success: { gte: 30 } } });
      expect(judged).toBeGreaterThan(80);
      expect(await t.db.incident.findMany()).toEqual([]);
    });
  });
});
