import pg from 'pg';

/** The URL of the database the browser tests' server writes to, when it is PostgreSQL. */
export const e2eDatabaseUrl = process.env.E2E_DATABASE_URL || undefined;

/** Runs a query against the server's PostgreSQL database (tests that check what was stored). */
export async function queryE2e<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  if (!e2eDatabaseUrl) throw new Error('the browser tests run on PostgreSQL only when TEST_DATABASE_URL is set');
  const client = new pg.Client({ connectionString: e2eDatabaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}
