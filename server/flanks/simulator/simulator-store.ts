import 'server-only';
import type { Db } from '@/server/db/client.ts';
import type { FlanksDataFlags } from '../flanks-client.ts';
import { Random } from './random.ts';
import { SimulatedFlanks, type Outage, type SimulatedCredential } from './simulated-flanks.ts';

const CLOCK_ID = 'clock';
const CHUNK = 500;

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

/** Writes what changed since loading (new credentials are created, the others updated). */
export async function saveSimulator(db: Db, sim: SimulatedFlanks, dailyRunAt?: Date): Promise<void> {
  // dailyRunAt: the start of the daily run just performed, if any.
  const tokens = [...sim.changed];
  const existing = new Set<string>();
  for (let i = 0; i < tokens.length; i += CHUNK) {
    const found = await db.simCredential.findMany({ where: { token: { in: tokens.slice(i, i + CHUNK) } }, select: { token: true } });
    for (const f of found) existing.add(f.token);
  }
  const rows = tokens.map((t) => toRow(sim.credentials.get(t)!));
  const created = rows.filter((r) => !existing.has(r.token));
  const updated = rows.filter((r) => existing.has(r.token));
  await db.$transaction(
    async (tx) => {
      for (let i = 0; i < created.length; i += CHUNK) await tx.simCredential.createMany({ data: created.slice(i, i + CHUNK) });
      for (const { token, ...data } of updated) await tx.simCredential.update({ where: { token }, data });
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
    { timeout: 120_000 },
  );
  sim.changed.clear();
}
