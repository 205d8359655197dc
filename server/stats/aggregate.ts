import { sql } from 'drizzle-orm';
import type { Tx } from '../audit/append.ts';
import { statsFirstContact, statsMonthly } from '../db/schema/casework.ts';
import { CellTable } from './cells.ts';
import type { CaseFacts } from './facts.ts';

/**
 * Adds cases about to be deleted to the stored monthly counts, in the
 * deleting transaction: the statistics keep them, and since the same
 * transaction removes the cases, the live statistics never count one twice.
 */
export async function addToAggregates(tx: Tx, facts: readonly CaseFacts[]): Promise<void> {
  const table = new CellTable();
  for (const f of facts) table.addFacts(f);
  const cells = [...table.cells.values()];
  if (cells.length > 0) {
    await tx
      .insert(statsMonthly)
      .values(cells)
      .onConflictDoUpdate({
        target: [statsMonthly.month, statsMonthly.dimension, statsMonthly.value],
        set: {
          cases: sql`${statsMonthly.cases} + excluded.cases`,
          closed: sql`${statsMonthly.closed} + excluded.closed`,
          closedInsideDue: sql`${statsMonthly.closedInsideDue} + excluded.closed_inside_due`,
        },
      });
  }
  const contacts = [...table.contacts.values()];
  if (contacts.length > 0) {
    await tx
      .insert(statsFirstContact)
      .values(contacts)
      .onConflictDoUpdate({
        target: [statsFirstContact.month, statsFirstContact.dimension, statsFirstContact.value, statsFirstContact.workingDays],
        set: { cases: sql`${statsFirstContact.cases} + excluded.cases` },
      });
  }
}
