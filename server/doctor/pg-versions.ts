import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** The major version in `pg_dump --version`'s answer ("pg_dump (PostgreSQL) 15.8 ..."), or undefined. */
export function pgDumpMajorFrom(versionText: string): number | undefined {
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(versionText);
  return match ? Number(match[1]) : undefined;
}

/** pg_dump's major version (PG_DUMP names the program, by default `pg_dump` on PATH); undefined when it cannot be run. */
export async function pgDumpMajor(program: string = process.env.PG_DUMP ?? 'pg_dump'): Promise<number | undefined> {
  try {
    const { stdout } = await run(program, ['--version']);
    return pgDumpMajorFrom(stdout);
  } catch {
    return undefined;
  }
}

/**
 * The PostgreSQL server's major version (server_version_num / 10000). A dump
 * made by an older pg_dump than the server may miss what the server has, so
 * the backup and the doctor compare the two.
 */
export async function serverMajor(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const result = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    return Math.floor(Number(result.rows[0]!.v) / 10_000);
  } finally {
    await client.end();
  }
}
