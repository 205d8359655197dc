import { createServer, type Server } from 'node:http';
import pg from 'pg';
import type { DatabaseHandle } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { floodStatus } from '../forms/flood-monitor.ts';
import { outboxBacklog as readOutboxBacklog } from '../outbox/worker.ts';
import { jobLocks } from '../jobs/exclusive.ts';
import { databaseClockOffset, databasePool, databaseRegistry, floodMode, jobsLockHeld, outboxBacklog, outboxOldestAge, registry } from './metrics.ts';

/** A running metrics listener. */
export interface MetricsServer {
  readonly port: number;
  stop(): Promise<void>;
}

/** Where and for whom the metrics are served. */
export interface MetricsOptions {
  port: number;
  /** The internal interface's address (METRICS_HOST, by default 127.0.0.1). */
  host: string;
  database: DatabaseHandle;
  /** PostgreSQL's URL for the metrics lock; undefined on PGlite (one process holds the data folder). */
  databaseUrl: string | undefined;
  /** Only staff hosts may read the outbox: public hosts never export the database-wide gauges. */
  readsOutbox: boolean;
  logger: Logger;
  now?: () => Date;
}

/**
 * Which instance exports the database-wide gauges: the one holding a session
 * advisory lock on its own connection. It keeps the lock while it lives
 * (taking it again is a no-op for the holder), and a killed instance's lock
 * goes with its connection, so another takes over at its next scrape.
 */
function metricsLock(databaseUrl: string | undefined) {
  if (!databaseUrl) return { held: async () => true, close: async () => {} };
  let client: pg.Client | undefined;
  let holding = false;
  return {
    async held(): Promise<boolean> {
      if (holding && client) return true;
      try {
        if (!client) {
          const c = new pg.Client({ connectionString: databaseUrl });
          c.on('error', () => {
            if (client === c) [client, holding] = [undefined, false];
          });
          await c.connect();
          client = c;
        }
        const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [jobLocks.metrics]);
        holding = rows[0]?.locked === true;
      } catch {
        [client, holding] = [undefined, false];
      }
      return holding;
    },
    async close() {
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}

/**
 * Serves `GET /metrics` in Prometheus text format on its own port and
 * interface (METRICS_PORT, METRICS_HOST): not part of the app, so no public
 * port or route can ever answer it. Everything else is 404.
 */
export async function startMetricsServer(options: MetricsOptions): Promise<MetricsServer> {
  const now = options.now ?? (() => new Date());
  const lock = options.readsOutbox ? metricsLock(options.databaseUrl) : undefined;
  async function render(): Promise<string> {
    const pool = options.database.pool?.();
    if (pool) for (const [state, value] of Object.entries(pool)) databasePool.set({ state }, value);
    try {
      floodMode.set((await floodStatus(options.database, now())).active ? 1 : 0);
    } catch {
      // The database is away: the last value stays, and health says the rest.
    }
    try {
      const before = Date.now();
      const { rows } = await options.database.query<{ t: string | number }>('select extract(epoch from clock_timestamp()) as t');
      const after = Date.now();
      databaseClockOffset.set(Number(rows[0]!.t) - (before + after) / 2000);
    } catch {
      // As above.
    }
    const holder = lock ? await lock.held() : false;
    jobsLockHeld.set(holder ? 1 : 0);
    let shared = '';
    if (holder) {
      try {
        const backlog = await readOutboxBacklog(options.database.db, now());
        outboxBacklog.set(backlog.pending);
        outboxOldestAge.set(backlog.oldestAgeSeconds ?? 0);
        shared = await databaseRegistry.metrics();
      } catch {
        shared = '';
      }
    }
    return (await registry.metrics()) + shared;
  }
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    render().then(
      (text) => response.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' }).end(text),
      (error: Error) => {
        options.logger.error({ msg: 'metrics failed', errorName: error.name });
        response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('metrics failed\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    port,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await lock?.close();
    },
  };
}
