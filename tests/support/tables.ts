import type { DatabaseHandle } from '../../server/db/client.ts';

/** Row counts of the tables a rejected request must leave alone. */
export async function tableCounts(handle: DatabaseHandle, tables = ['cases', 'idempotency_keys', 'outbox']): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await handle.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    counts[table] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}

/** Every column of every row of a table as text (bytea as hex), to search for leaked values. */
export async function rawTableText(handle: DatabaseHandle, table: string): Promise<string> {
  const { rows } = await handle.query<{ row: string }>(`select row_to_json(t)::text as row from ${table} t`);
  return rows.map((r) => r.row).join('\n');
}
