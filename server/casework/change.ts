import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { cases } from '../db/schema/cases.ts';
import { caseEvents } from '../db/schema/casework.ts';
import type { Tx } from '../audit/append.ts';
import { auditRecorder } from '../audit/record.ts';
import type { AuditSink } from '../audit/sink.ts';
import type { AuditAction } from '../audit/chain.ts';
import type { IntakeKeyring } from '../crypto/keys.ts';
import { sealPersonalData } from '../crypto/seal.ts';
import type { StaffIdentity } from '../staff/sessions.ts';
import { lookupCase, type CaseRow } from './case-access.ts';

/** What case work needs: the database, the keys, the audit key and the clock. */
export interface CaseworkDeps {
  db: Db;
  keyring: IntakeKeyring;
  auditKey: Buffer;
  /** Where committed audit entries' seq and MAC also go (AUDIT_SINK_DIR), when configured. */
  auditSink?: AuditSink | undefined;
  now: () => Date;
  /** Told after a spam case is restored (its notification waits in the outbox). */
  onCaseRestored?: () => void;
}

/** A case event to record; `sealedText` is staff free text (a reason), sealed like the case. */
export interface EventInput {
  type: string;
  detail: Record<string, unknown>;
  sealedText?: string;
}

/** A change to make to a case, decided from its current row. */
export interface ChangePlan {
  set: Partial<Omit<CaseRow, 'id' | 'version' | 'updatedAt'>>;
  events: EventInput[];
  audit: { action: AuditAction; detail: Record<string, unknown> };
  /** More writes in the same transaction (a note, an outbox row). */
  also?: (tx: Tx, row: CaseRow, now: Date) => Promise<void>;
}

/** An HTTP answer: status and JSON body. */
export interface Answer {
  status: 200 | 400 | 403 | 404 | 409 | 500;
  body: Record<string, unknown>;
}

/** A refusal on one field (400). */
export const fieldRefusal = (path: string, code: string): Answer => ({ status: 400, body: { errors: [{ path, code }] } });

/** A refusal because of the case's state (409). */
export const conflict = (error: string): Answer => ({ status: 409, body: { error } });

class StaleVersion extends Error {}

/** The additional data sealing a staff text of a case binds it to: `<reference>/<kind>/<id>`. */
export const sealedTextContext = (reference: string, kind: 'note' | 'event', id: string): string => `${reference}/${kind}/${id}`;

/** What a changed case looks like in an answer (nothing personal). */
function changedCase(row: CaseRow) {
  return {
    id: row.id,
    reference: row.reference,
    version: row.version,
    status: row.status,
    proposedQueue: row.proposedQueue,
    queue: row.queue,
    priority: row.priority,
    dueAt: row.dueAt.toISOString(),
    assigneeId: row.assigneeId,
    outcome: row.outcome,
    closedAt: row.closedAt?.toISOString() ?? null,
    firstContactAt: row.firstContactAt?.toISOString() ?? null,
    linkedCaseId: row.linkedCaseId,
  };
}

/**
 * Changes a case with optimistic locking: 404/403 as for viewing, 409
 * `stale_version` when `version` is not the case's current one, then the
 * plan (which may refuse), then one transaction that updates the case
 * `where id = $1 and version = $2` (bumping the version), records its
 * events and appends the audit entry. A concurrent change between the
 * check and the update also ends in `stale_version`, with nothing written.
 */
export async function changeCase(
  deps: CaseworkDeps,
  staff: StaffIdentity,
  id: string,
  version: number,
  plan: (row: CaseRow, now: Date) => ChangePlan | Answer | Promise<ChangePlan | Answer>,
): Promise<Answer> {
  const found = await lookupCase(deps.db, staff, id);
  if (!found.ok) return { status: found.status, body: { error: found.error } };
  const before = found.row;
  if (before.version !== version) return conflict('stale_version');
  const now = deps.now();
  const decided = await plan(before, now);
  if ('status' in decided) return decided;
  const audit = auditRecorder({ key: deps.auditKey, sink: deps.auditSink });
  try {
    const after = await deps.db.transaction(async (tx) => {
      const [updated] = await tx
        .update(cases)
        .set({ ...decided.set, version: version + 1, updatedAt: now })
        .where(and(eq(cases.id, id), eq(cases.version, version)))
        .returning();
      if (!updated) throw new StaleVersion();
      for (const event of decided.events) {
        const eventId = randomUUID();
        const sealed = event.sealedText
          ? sealPersonalData({ text: event.sealedText }, sealedTextContext(updated.reference, 'event', eventId), deps.keyring.current)
          : undefined;
        await tx.insert(caseEvents).values({
          id: eventId,
          caseId: id,
          at: now,
          actorId: staff.userId,
          type: event.type,
          detail: event.detail,
          sealedKeyId: sealed?.keyId,
          sealedEphemeralKey: sealed?.ephemeralPublicKey,
          sealedNonce: sealed?.nonce,
          sealedCiphertext: sealed?.ciphertext,
        });
      }
      await decided.also?.(tx, updated, now);
      await audit.append(
        tx,
        { actorId: staff.userId, action: decided.audit.action, caseId: id, caseReference: updated.reference, purpose: null, detail: decided.audit.detail },
        now,
      );
      return updated;
    });
    await audit.committed();
    return { status: 200, body: { case: changedCase(after) } };
  } catch (error) {
    if (error instanceof StaleVersion) return conflict('stale_version');
    throw error;
  }
}
