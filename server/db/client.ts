import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import * as caseTables from './schema/cases.ts';
import * as caseworkTables from './schema/casework.ts';
import * as staffTables from './schema/staff.ts';

/** Every table, for drizzle's relational queries. */
export const schema = { ...caseTables, ...staffTables, ...caseworkTables };

/** The drizzle database, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database with its driver and a way to close it. */
export interface DatabaseHandle {
  readonly db: Db;
  readonly driver: 'pglite' | 'postgres';
  /** Where the data lives, without credentials: for the first log line. */
  readonly description: string;
  /**
   * Runs raw SQL; both drivers answer with `{ rows }`. A `name` makes it a
   * prepared statement on node-postgres (parsed and planned once per
   * connection); PGlite, in process, ignores it.
   */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], options?: { name?: string }): Promise<{ rows: T[] }>;
  /** The connection pool's use (PostgreSQL); PGlite has one connection in process and no pool. */
  pool?(): { total: number; idle: number; waiting: number; max: number };
  /** PGlite's whole data folder as a gzipped tar (npm run backup); PostgreSQL is dumped by pg_dump instead. */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

/** Options for opening the database. */
export interface OpenOptions {
  /** A postgres:// URL: use node-postgres. Otherwise PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite's data folder; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  /** Pool size for node-postgres. */
  poolSize?: number;
  /** PGlite: start from this dump of a data folder (npm run restore) instead of an empty one. */
  loadDataDir?: Blob;
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite database. */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20 });
    // An idle client's error (server restart) must not crash the process.
    pool.on('error', () => {});
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    const url = new URL(options.databaseUrl);
    return {
      db,
      driver: 'postgres',
      description: `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`,
      query: async <T,>(text: string, params?: unknown[], options?: { name?: string }) => ({
        rows: (await pool.query({ text, values: params, ...(options?.name ? { name: options.name } : {}) })).rows as T[],
      }),
      pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max }),
      close: () => pool.end(),
    };
  }
  const dir = options.dataDir ?? 'memory://';
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  // Loaded only when used: the embedded database's modules cost about 230 MB of memory,
  // which a server on PostgreSQL should not carry.
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle: drizzlePglite } = await import('drizzle-orm/pglite');
  const client = await PGlite.create(dir.startsWith('memory://') ? dir : join(dir, 'pglite'), options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    description: dir.startsWith('memory://') ? 'PGlite in memory' : `PGlite (embedded) in ${dir}`,
    query: async <T,>(text: string, params?: unknown[]) => ({ rows: (await client.query<T>(text, params)).rows }),
    dumpDataDir: () => client.dumpDataDir('gzip'),
    close: () => client.close(),
  };
}

/** True when the database answers a trivial query. */
export async function ping(handle: DatabaseHandle): Promise<boolean> {
  try {
    await handle.db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
