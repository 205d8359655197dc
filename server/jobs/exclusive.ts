import pg from 'pg';

/**
 * Runs a background job on one instance at a time. On PostgreSQL the run
 * holds a session-level advisory lock (pg_try_advisory_lock) on a dedicated
 * connection: another instance that finds it taken skips its run instead of
 * waiting, and a crashed instance's lock goes with its connection. On PGlite
 * there is one process (the data folder's lock file sees to that), so the
 * job simply runs.
 */
export interface Exclusive {
  /** Runs `job` if no other instance is running it; `ran: false` when one is. */
  run<T>(job: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  close(): Promise<void>;
}

/** Lock keys of the background jobs (arbitrary constants, the same on every instance). */
export const jobLocks = { retention: 7_245_901_130, outbox: 7_245_901_131, metrics: 7_245_901_132 } as const;

/** An exclusive runner for `lockKey`: PostgreSQL at `databaseUrl`, or a single process when undefined. */
export function exclusiveRunner(lockKey: number, databaseUrl: string | undefined): Exclusive {
  if (!databaseUrl) {
    return { run: async (job) => ({ ran: true, value: await job() }), close: async () => {} };
  }
  let client: pg.Client | undefined;
  const connect = async () => {
    if (client) return client;
    const c = new pg.Client({ connectionString: databaseUrl });
    // A dropped connection releases the lock; the next run reconnects.
    c.on('error', () => {
      if (client === c) client = undefined;
    });
    await c.connect();
    client = c;
    return c;
  };
  return {
    async run(job) {
      let c: pg.Client;
      try {
        c = await connect();
      } catch (error) {
        client = undefined;
        throw error;
      }
      const { rows } = await c.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [lockKey]);
      if (!rows[0]?.locked) return { ran: false };
      try {
        return { ran: true, value: await job() };
      } finally {
        await c.query('select pg_advisory_unlock($1)', [lockKey]).catch(() => {
          // The connection is gone, and the lock with it.
          client = undefined;
        });
      }
    },
    async close() {
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}
