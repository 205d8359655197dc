/**
 * Vitest's global setup: gives this run an id that every PostgreSQL test
 * database's name carries (tests/support/databases.ts), and at the end drops
 * whatever of this run's databases a test left behind, so a passing
 * `npm test` leaves none. Databases of other runs on the same server (other
 * people's, running at the same time) are never touched: only this run's
 * prefix is dropped.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The environment variable that carries the run id to the test workers. */
export const RUN_ID_VARIABLE = 'ANCHOR_TEST_RUN';

export default function setup(): () => Promise<void> {
  const runId = `r${randomBytes(4).toString('hex')}`;
  // Forked test workers inherit the environment of this process.
  process.env[RUN_ID_VARIABLE] = runId;
  return async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) return;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        "select datname from pg_database where datname like 'anchor\\_test\\_' || $1 || '\\_%' or datname like 'anchor\\_empty\\_' || $1 || '\\_%'",
        [runId],
      );
      for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
      if (rows.length > 0) console.warn(`dropped ${rows.length} test database(s) a test left behind: ${rows.map((r) => r.datname).join(', ')}`);
    } finally {
      await admin.end();
    }
  };
}
