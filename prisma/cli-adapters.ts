// Driver adapters for the Prisma CLI only (migrate deploy/dev), working around three defects of
// Prisma 6.19.3's Wasm schema engine path. The app never imports this file. See docs/decisions/001.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

// 1. adapter-pg cannot describe pg_catalog columns of type `name` (oid 19) and `"char"` (18), which
//    the schema engine's introspection returns: every PG migrate command fails without this.
const TEXT_LIKE_OIDS: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 };

type Queryable = { query: (...args: never[]) => unknown };
type Described = { fields?: { dataTypeID: number }[] };

function describeAsText(result: Described | Described[]) {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of r?.fields ?? []) field.dataTypeID = TEXT_LIKE_OIDS[field.dataTypeID] ?? field.dataTypeID;
  }
  return result;
}

function withTextLikeTypes<T extends Queryable>(target: T): T {
  const query = target.query.bind(target) as (...args: unknown[]) => unknown;
  (target as { query: unknown }).query = (...args: unknown[]) => {
    const out = query(...args);
    return out instanceof Promise ? out.then(describeAsText) : out;
  };
  return target;
}

function cliPool(connectionString: string) {
  // allowExitOnIdle: idle clients must not keep the CLI process alive.
  const pool = withTextLikeTypes(new pg.Pool({ connectionString, allowExitOnIdle: true }));
  pool.on('connect', (client) => void withTextLikeTypes(client));
  return pool;
}

// 2. PrismaPg.connectToShadowDb() passes `database` next to `connectionString`, and pg lets the
//    connection string win: the "shadow" database would be the main one. Build its URL ourselves.
class CliPostgres extends PrismaPg {
  constructor(
    private readonly url: string,
    private readonly shadowUrl?: string,
  ) {
    super(cliPool(url));
  }

  override async connectToShadowDb() {
    if (this.shadowUrl) return new PrismaPg(cliPool(this.shadowUrl)).connect();
    const admin = await this.connect();
    const name = `prisma_shadow_${randomUUID().replaceAll('-', '')}`;
    await admin.executeScript(`CREATE DATABASE "${name}"`);
    const shadowUrl = new URL(this.url);
    shadowUrl.pathname = `/${name}`;
    const pool = cliPool(shadowUrl.toString());
    const shadow = await new PrismaPg(pool).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await pool.end();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.dispose();
    };
    return shadow;
  }
}

// 3. The engine replays whole migration scripts on the SQLite shadow database through executeRaw,
//    and better-sqlite3 prepares one statement at a time (P3006). Send scripts to executeScript.
class CliSqlite extends PrismaBetterSQLite3 {
  override async connectToShadowDb() {
    const shadow = await super.connectToShadowDb();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query) => {
      if (query.args.length === 0 && /;\s*\S/.test(query.sql)) {
        await shadow.executeScript(query.sql);
        return 0;
      }
      return executeRaw(query);
    };
    return shadow;
  }
}

// The CLI is the one place outside server/env.ts that reads the environment: it never runs in the app.
export const pgCliAdapter = (url: string) => new CliPostgres(url, process.env.SHADOW_DATABASE_URL || undefined);
export const sqliteCliAdapter = (url: string) => new CliSqlite({ url });
