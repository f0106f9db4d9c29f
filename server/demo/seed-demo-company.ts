import 'server-only';
import bcrypt from 'bcryptjs';
import type { Role } from '@/lib/domain/roles.ts';
import { rebuildStatusCounters } from '@/server/credentials/status-counters.ts';
import type { Db } from '@/server/db/client.ts';
import { FlanksError } from '@/server/flanks/flanks-client.ts';
import { Random } from '@/server/flanks/simulator/random.ts';
import { DAILY_RUN_HOUR, SimulatedFlanks, type Outage } from '@/server/flanks/simulator/simulated-flanks.ts';
import { saveSimulator } from '@/server/flanks/simulator/simulator-store.ts';
import { pollFlanks } from '@/server/ingestion/poll-flanks.ts';
import { DAY_MS, HOUR_MS } from '@/lib/domain/time.ts';
import { seedSharedViews } from './seed-shared-views.ts';


export const DEMO_PASSWORD = 'credops-demo';
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'admin@credops.test', name: 'Ada Admin', role: 'ADMIN' },
  { email: 'ops@credops.test', name: 'Oscar Operations', role: 'OPERATIONS' },
  { email: 'am@credops.test', name: 'Amelia Manager', role: 'ACCOUNT_MANAGER' },
  { email: 'analyst@credops.test', name: 'Ana Analyst', role: 'ANALYST' },
];
const OTHER_MANAGERS = [
  { email: 'lucia.ferrer@credops.test', name: 'Lucía Ferrer' },
  { email: 'marc.soler@credops.test', name: 'Marc Soler' },
];
const FIRST_NAMES = ['María', 'José', 'Carmen', 'Antonio', 'Laura', 'David', 'Lucía', 'Javier', 'Elena', 'Pablo', 'Sara', 'Daniel', 'Marta', 'Jorge', 'Paula', 'Álvaro', 'Irene', 'Sergio', 'Nuria', 'Raúl'];
const LAST_NAMES = ['García', 'Martínez', 'López', 'Sánchez', 'Pérez', 'Gómez', 'Fernández', 'Ruiz', 'Díaz', 'Moreno', 'Álvarez', 'Romero', 'Navarro', 'Torres', 'Domínguez', 'Vázquez', 'Gil', 'Serrano'];

export interface SeedOptions {
  credentials: number;
  days: number;
  seed: string;
  now?: Date;
  /** Days on which an institution fails most refreshes, to show (and test) incident detection. */
  outages?: Outage[];
  onProgress?: (done: number, total: number) => void;
}

export interface SeedSummary {
  credentials: number;
  duplicatesRefused: number;
  byStatus: Record<string, number>;
}

/**
 * Builds a realistic company: the simulated Flanks runs the seed's rules day by day for `days` days
 * (creations, daily refreshes, SCA cadences, password changes, self-service fixes) and CredOps polls
 * it each morning, so every status, timeline and chart comes from the same rules as production.
 */
export async function seedDemoCompany(db: Db, options: SeedOptions): Promise<SeedSummary> {
  const now = options.now ?? new Date();
  const random = new Random(options.seed);
  const sim = new SimulatedFlanks(random);
  const institutions = sim.institutionList();
  for (const outage of options.outages ?? []) sim.injectOutage(outage);
  await createStaff(db);

  const firstDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - options.days * DAY_MS;
  const initial = Math.round(options.credentials * 0.7);
  const justNow = Math.max(3, Math.round(options.credentials * 0.003));
  const perDay = (options.credentials - initial - justNow) / options.days;
  let created = 0;
  let duplicatesRefused = 0;
  let lastDailyRun = new Date(firstDay);

  const addCredential = (at: Date) => {
    // Big banks hold most logins: skew the pick towards the top of the list.
    const institution = institutions[Math.floor(institutions.length * random.next() ** 1.7)];
    // Now and then an end user adds the same login again: Flanks refuses it and nothing is created.
    const again = created > 0 && random.chance(0.004) ? random.pick([...sim.credentials.values()]) : null;
    try {
      const credential = sim.createCredential({
        institutionId: again?.institutionId ?? institution.id,
        username: again?.username ?? `user${created}`,
        password: random.hex(12),
        at,
      });
      created++;
      return credential;
    } catch (error) {
      if (error instanceof FlanksError && error.code === 'DUPLICATE_CREDENTIAL') {
        duplicatesRefused++;
        return null;
      }
      throw error;
    }
  };

  // Logins that existed before the window, each at its own point of its SCA cadence.
  for (let i = 0; i < initial; i++) {
    const credential = addCredential(new Date(firstDay - random.int(1, 720 * 86_400) * 1000));
    if (!credential) continue;
    const cadence = institutions.find((x) => x.id === credential.institutionId)!.scaCadenceDays;
    credential.lastScaAt = new Date(firstDay - random.int(0, cadence - 1) * DAY_MS - random.int(0, 86_399) * 1000);
  }
  sim.finishCreationLoads(new Date(firstDay));

  for (let d = 0; d <= options.days; d++) {
    const day = new Date(firstDay + d * DAY_MS);
    const dayEnd = Math.min(day.getTime() + DAY_MS, now.getTime() - HOUR_MS);
    sim.finishCreationLoads(new Date(day.getTime() + 3 * HOUR_MS));
    if (day.getTime() + 4 * HOUR_MS < now.getTime()) {
      lastDailyRun = new Date(day.getTime() + DAILY_RUN_HOUR * HOUR_MS);
      sim.runDailyRefresh(lastDailyRun);
    }
    const pollAt = new Date(day.getTime() + 6 * HOUR_MS);
    if (pollAt < now) await pollFlanks(db, sim, pollAt);
    if (day.getTime() + 23 * HOUR_MS < now.getTime()) sim.simulateEndUsers(new Date(day.getTime() + 12 * HOUR_MS));
    const todays = d === options.days ? 0 : Math.round(perDay * (d + 1)) - Math.round(perDay * d);
    for (let i = 0; i < todays && dayEnd > day.getTime(); i++) {
      addCredential(new Date(day.getTime() + random.next() * (dayEnd - day.getTime())));
    }
    sim.finishCreationLoads(new Date(dayEnd));
    options.onProgress?.(d + 1, options.days + 1);
  }
  // A few logins were added in the last hour: their first load is still running (Pending).
  for (let i = 0; i < justNow; i++) addCredential(new Date(now.getTime() - random.int(1, 40) * 60_000));
  sim.finishCreationLoads(now);
  await pollFlanks(db, sim, now);
  await saveSimulator(db, sim, lastDailyRun);

  await assignCompanyRecords(db, random);
  await rebuildStatusCounters(db);
  await seedSharedViews(db, now);
  const groups = await db.credential.groupBy({ by: ['status'], _count: { _all: true } });
  return {
    credentials: created,
    duplicatesRefused,
    byStatus: Object.fromEntries(groups.map((g) => [g.status, g._count._all])),
  };
}

async function createStaff(db: Db) {
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
  const staff = [...DEMO_USERS, ...OTHER_MANAGERS.map((m) => ({ ...m, role: 'ACCOUNT_MANAGER' as const }))];
  for (const user of staff) {
    await db.user.upsert({ where: { email: user.email }, create: { ...user, passwordHash }, update: {} });
  }
}

/** The company's own records: owners, external references, contacts (credentials are not people). */
async function assignCompanyRecords(db: Db, random: Random) {
  const owners = await db.user.findMany({ where: { role: { in: ['ACCOUNT_MANAGER', 'OPERATIONS'] } }, select: { id: true }, orderBy: { email: 'asc' } });
  const credentials = await db.credential.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  let contactsMade = 0;
  await db.$transaction(
    async (tx) => {
      let sharedContact: number | null = null;
      for (const { id } of credentials) {
        await tx.credential.update({
          where: { id },
          data: {
            ownerId: random.chance(0.85) ? random.pick(owners).id : null,
            externalReference: `CLI-${String(100000 + id)}`,
          },
        });
        if (random.chance(0.07)) continue; // some credentials have no contact on file
        // A person with logins at several banks is one contact on several credentials.
        if (sharedContact === null || !random.chance(0.3)) {
          const first = random.pick(FIRST_NAMES);
          const last = random.pick(LAST_NAMES);
          const contact = await tx.contact.create({
            data: { name: `${first} ${last}`, email: `${ascii(first)}.${ascii(last)}${++contactsMade}@example.com` },
          });
          sharedContact = contact.id;
        }
        await tx.credentialContact.create({ data: { credentialId: id, contactId: sharedContact } });
        if (random.chance(0.08)) {
          // A joint account: a second holder on the same credential.
          const partner = await tx.contact.create({
            data: { name: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`, email: `holder${++contactsMade}@example.com` },
          });
          await tx.credentialContact.create({ data: { credentialId: id, contactId: partner.id } });
        }
      }
    },
    { timeout: 600_000 },
  );
}

const ascii = (s: string) => s.normalize('NFD').replace(/[^a-zA-Z]/g, '').toLowerCase();
