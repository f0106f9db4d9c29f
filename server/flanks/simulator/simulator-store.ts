import 'server-only';
import type { Db } from '@/server/db/client.ts';
import { insertRows } from '@/server/db/insert-rows.ts';
import type { FlanksDataFlags } from '../flanks-client.ts';
import { Random } from './random.ts';
import { SimulatedFlanks, type Outage, type SimulatedCredential } from './simulated-flanks.ts';

const CLOCK_ID = 'clock';

/** Which simulated credentials to load: all of them, or just those one action touches. */
export type SimulatorScope = { token: string } | { scaToken: string } | { resetToken: string };

/**
 * Loads the simulated Flanks from its tables. `randomSeed` should differ per run (e.g. include the
 * time). With a scope, only the credentials it names are loaded: one end user's flow need not read a
 * million rows.
 */
export async function loadSimulator(db: Db, randomSeed: string, scope?: SimulatorScope): Promise<SimulatedFlanks> {
  const sim = new SimulatedFlanks(new Random(randomSeed));
  const [rows, state] = await Promise.all([
    db.simCredential.findMany({ where: scope, orderBy: { createdAt: 'asc' } }),
    db.simState.findUnique({ where: { id: CLOCK_ID } }),
  ]);
  for (const row of rows) {
    sim.credentials.set(row.token, { ...row, errored: row.errored ? (JSON.parse(row.errored) as FlanksDataFlags) : null });
  }
  for (const outage of JSON.parse(state?.outages ?? '[]') as Outage[]) sim.injectOutage(outage);
  return sim;
}

export async function lastDailyRun(db: Db): Promise<Date | null> {
  return (await db.simState.findUnique({ where: { id: CLOCK_ID } }))?.lastDailyRun ?? null;
}

const toRow = (c: SimulatedCredential) => ({ ...c, errored: c.errored ? JSON.stringify(c.errored) : null });

const COLUMNS = ['token', 'institutionId', 'username', 'password', 'bankPassword', 'createdAt', 'loadAt', 'lastUpdateAt', 'lastScaAt', 'pending', 'blocked', 'scaToken', 'resetToken', 'errored'] as const;
// What a credential's life changes. Left out of the upsert's SET so that SQLite does not rewrite the
// (institution, username) index for every credential of a daily run: it rewrites an index whenever
// one of its columns is assigned, even to the same value.
const FIXED_AT_CREATION: readonly string[] = ['token', 'institutionId', 'username', 'createdAt'];
const MUTABLE_COLUMNS = COLUMNS.filter((column) => !FIXED_AT_CREATION.includes(column));

/**
 * Writes what changed since loading, new credentials and updated ones alike, as multi-row upserts: a
 * daily run changes every credential, and one Prisma update per row would pace it.
 */
export async function saveSimulator(db: Db, sim: SimulatedFlanks, dailyRunAt?: Date): Promise<void> {
  // dailyRunAt: the start of the daily run just performed, if any.
  const rows = [...sim.changed].map((token) => {
    const row = toRow(sim.credentials.get(token)!);
    return COLUMNS.map((column) => row[column]);
  });
  await db.$transaction(
    async (tx) => {
      await insertRows(tx, 'SimCredential', COLUMNS, rows, { key: ['token'], replace: MUTABLE_COLUMNS });
      const outages = JSON.stringify(sim.outages);
      if (dailyRunAt) {
        await tx.simState.upsert({
          where: { id: CLOCK_ID },
          create: { id: CLOCK_ID, lastDailyRun: dailyRunAt, outages },
          update: { lastDailyRun: dailyRunAt, outages },
        });
      } else {
        await tx.simState.updateMany({ where: { id: CLOCK_ID }, data: { outages } });
      }
    },
    { timeout: 600_000 },
  );
  sim.changed.clear();
}
