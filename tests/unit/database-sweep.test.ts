import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import setup, { RUN_ID_VARIABLE } from '../support/database-sweep.ts';
import { createEmptyPostgresDatabase, testDatabaseUrl } from '../support/databases.ts';

const exists = async (url: string) => {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  try {
    return (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await admin.end();
  }
};

describe.skipIf(!testDatabaseUrl)('the test run leaves no database behind', () => {
  const outer = process.env[RUN_ID_VARIABLE];
  afterEach(() => {
    process.env[RUN_ID_VARIABLE] = outer;
  });

  it("drops the run's leftover databases at the end, and none of another run's", async () => {
    // Another run's database (made under the outer run's id): the inner sweep must leave it.
    const others = await createEmptyPostgresDatabase();
    const teardown = setup();
    expect(process.env[RUN_ID_VARIABLE]).not.toBe(outer);
    // A database this run forgot to drop.
    const forgotten = await createEmptyPostgresDatabase();
    expect(new URL(forgotten.url).pathname).toContain(`_${process.env[RUN_ID_VARIABLE]}_`);
    expect(await exists(forgotten.url)).toBe(true);
    await teardown();
    expect(await exists(forgotten.url)).toBe(false);
    expect(await exists(others.url)).toBe(true);
    await others.drop();
  });
});
