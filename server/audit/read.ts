import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema/casework.ts';
import { staffUsers } from '../db/schema/staff.ts';

/** An audit entry as an admin reads it: who, when, what, why; the actor's email while the account exists. */
export interface AuditLine {
  seq: number;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  caseId: string | null;
  caseReference: string | null;
  purpose: string | null;
  detail: Record<string, unknown>;
}

async function select(db: Db, where: SQL | undefined, limit?: number): Promise<AuditLine[]> {
  const query = db
    .select({
      seq: auditLog.seq,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorEmail: staffUsers.email,
      actorRole: staffUsers.role,
      action: auditLog.action,
      caseId: auditLog.caseId,
      caseReference: auditLog.caseReference,
      purpose: auditLog.purpose,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(staffUsers, eq(staffUsers.id, auditLog.actorId))
    .where(where)
    .orderBy(asc(auditLog.seq));
  const rows = limit === undefined ? await query : await query.limit(limit);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/**
 * Everyone who has seen or changed one case, oldest first: the answer to a
 * person's request under the Client Data Act (703/2023) s.11 to know who has
 * accessed their data. By case id, or by reference (which still works after
 * retention has deleted the case, because the trail outlives it).
 */
export function caseAuditTrail(db: Db, by: { caseId: string } | { reference: string }): Promise<AuditLine[]> {
  return select(db, 'caseId' in by ? eq(auditLog.caseId, by.caseId) : eq(auditLog.caseReference, by.reference));
}

/** One page of the whole trail after `afterSeq`, and the cursor of the next. */
export async function auditPage(db: Db, afterSeq: number, limit: number): Promise<{ entries: AuditLine[]; nextAfter: number | null }> {
  const rows = await select(db, and(gt(auditLog.seq, afterSeq)), limit + 1);
  const entries = rows.slice(0, limit);
  return { entries, nextAfter: rows.length > limit ? entries[entries.length - 1]!.seq : null };
}
