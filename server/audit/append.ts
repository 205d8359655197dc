import { desc, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema/casework.ts';
import { auditMac, genesisMac, type AuditEntry, type AuditFields } from './chain.ts';

/** A transaction of the database (what `db.transaction` hands its callback). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

// An arbitrary constant shared by every instance: one chain, one writer at a time.
const AUDIT_LOCK = 7_245_901_120;

/**
 * Appends an entry to the audit trail inside the caller's transaction, so
 * that the change and its audit entry commit together or not at all. A
 * transaction-scoped advisory lock makes concurrent appends (from any
 * instance) take turns, so that two can never chain from the same entry and
 * fork the chain; it is released at commit. Call it last in the transaction:
 * other writers wait for it from here until the commit.
 */
export async function appendAudit(tx: Tx, key: Buffer, fields: AuditFields, at: Date): Promise<AuditEntry> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx.select({ seq: auditLog.seq, mac: auditLog.mac }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  // The trail keeps millisecond precision, which is what the MAC was computed over.
  const entry = { ...fields, seq: (last?.seq ?? 0) + 1, at: new Date(at.getTime()) };
  const mac = auditMac(key, last?.mac ?? genesisMac, entry);
  await tx.insert(auditLog).values({ ...entry, mac });
  return { ...entry, mac };
}
