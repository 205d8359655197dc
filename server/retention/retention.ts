import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { cases, challengeUses, idempotencyKeys, rateCounters, rateEvents } from '../db/schema/cases.ts';
import { rateWindowStart } from '../forms/rate-limit.ts';
import { loginAttempts } from '../db/schema/staff.ts';
import { appendAudit } from '../audit/append.ts';
import { addToAggregates } from '../stats/aggregate.ts';
import { caseFacts } from '../stats/facts.ts';

/** How long things are kept. */
export interface RetentionPolicy {
  /** Spam is deleted this many days after it arrived (RETENTION_SPAM_DAYS). */
  spamDays: number;
  /** Closed cases, with their notes, events and contact details, this many days after closing (RETENTION_CLOSED_DAYS). */
  closedDays: number;
  /** The per-client rate window: older rate events count for nothing (RATE_LIMIT_WINDOW_SECONDS). */
  rateWindowMs: number;
}

/** What one run deleted. */
export interface RetentionResult {
  spam: number;
  closed: number;
  idempotencyKeys: number;
  rateEvents: number;
  rateCounters: number;
  challengeUses: number;
  loginAttempts: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
// Staff sign-in attempts (keyed hashes of the account and the address) are kept a day:
// the throttle reads only its 15-minute window, and a day leaves time to look into a
// burst of failures before they go.
const LOGIN_ATTEMPT_MS = DAY_MS;
// Cases per transaction: short transactions, so the queue never waits long on the audit lock.
const BATCH = 200;

/**
 * Deletes one batch of expired cases of one kind, in one transaction:
 * counted into the monthly statistics first (closed cases; spam is never
 * counted), links to them cleared, the rows deleted (notes, events and outbox
 * rows go with them by cascade), and one audit entry per case by the system.
 * Rows another instance is deleting are skipped (SKIP LOCKED).
 */
async function deleteBatch(db: Db, auditKey: Buffer, which: 'spam' | 'closed', cutoff: Date, now: Date): Promise<number> {
  const expired = which === 'spam' ? and(eq(cases.status, 'spam'), lt(cases.createdAt, cutoff)) : and(eq(cases.status, 'closed'), lt(cases.closedAt, cutoff));
  return db.transaction(async (tx) => {
    const batch = await tx
      .select({ id: cases.id, reference: cases.reference })
      .from(cases)
      .where(expired)
      .orderBy(asc(which === 'spam' ? cases.createdAt : cases.closedAt))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    if (batch.length === 0) return 0;
    const ids = batch.map((b) => b.id);
    if (which === 'closed') {
      const idList = sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);
      await addToAggregates(tx, await caseFacts(tx, sql`c.id in (${idList})`));
    }
    await tx.update(cases).set({ linkedCaseId: null }).where(inArray(cases.linkedCaseId, ids));
    await tx.delete(cases).where(inArray(cases.id, ids));
    for (const { id, reference } of batch) {
      await appendAudit(tx, auditKey, { actorId: null, action: 'delete', caseId: id, caseReference: reference, purpose: null, detail: { reason: 'retention', status: which } }, now);
    }
    return batch.length;
  });
}

/**
 * One retention run at `now`: deletes (DELETE, not a flag) spam older than
 * `spamDays`, closed cases closed more than `closedDays` ago, expired
 * idempotency keys, rate events older than the rate window, site counters
 * of past hours and staff sign-in attempts older than a day. Nothing else:
 * an open case is kept however old it is.
 */
export async function runRetention(db: Db, auditKey: Buffer, policy: RetentionPolicy, now: Date): Promise<RetentionResult> {
  const result: RetentionResult = { spam: 0, closed: 0, idempotencyKeys: 0, rateEvents: 0, rateCounters: 0, challengeUses: 0, loginAttempts: 0 };
  const spamCutoff = new Date(now.getTime() - policy.spamDays * DAY_MS);
  const closedCutoff = new Date(now.getTime() - policy.closedDays * DAY_MS);
  for (let n; (n = await deleteBatch(db, auditKey, 'spam', spamCutoff, now)) > 0; ) result.spam += n;
  for (let n; (n = await deleteBatch(db, auditKey, 'closed', closedCutoff, now)) > 0; ) result.closed += n;
  result.idempotencyKeys = (await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)).returning({ k: idempotencyKeys.keyHash })).length;
  // submit_case deletes these as they leave the window; this catches the ones left when no submission came.
  result.rateEvents = (await db.delete(rateEvents).where(lt(rateEvents.at, rateWindowStart(now, policy.rateWindowMs))).returning({ id: rateEvents.id })).length;
  result.challengeUses = (await db.delete(challengeUses).where(lt(challengeUses.expiresAt, now)).returning({ id: challengeUses.id })).length;
  // A counter's window is a minute (flood mode reads at most the last hour) or an hour (the spam ceiling reads the current one).
  result.rateCounters = (await db.delete(rateCounters).where(lt(rateCounters.window, new Date(now.getTime() - HOUR_MS))).returning({ w: rateCounters.window })).length;
  result.loginAttempts = (await db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(now.getTime() - LOGIN_ATTEMPT_MS))).returning({ id: loginAttempts.id })).length;
  return result;
}
