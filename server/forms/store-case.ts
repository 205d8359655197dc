import { eq, and, gt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { cases, idempotencyKeys, outbox } from '../db/schema/cases.ts';
import { checkRateLimits, recordAccepted, type RateLimits, type RateRefusal } from './rate-limit.ts';

/** The sealed personal data of a case (see server/intake/seal.ts). */
export interface SealedColumns {
  keyId: string;
  ephemeralPublicKey: Buffer;
  nonce: Buffer;
  ciphertext: Buffer;
}

/** Everything stored for a new case; only routing and queue fields are plain. */
export interface NewCase {
  reference: string;
  kind: 'contact' | 'concern';
  locale: string;
  status: 'new' | 'spam';
  writer: string;
  categories: string[];
  ageBand: string | null;
  urgency: 'urgent' | 'normal';
  interpreterNeeded: boolean;
  contactLanguage: string | null;
  proposedQueue: string;
  priority: number;
  dueAt: Date;
  sealed: SealedColumns;
}

/** What happened to a submission. */
export type StoreResult =
  | { outcome: 'stored'; reference: string; dueAt: Date }
  | { outcome: 'replayed'; reference: string; dueAt: Date }
  | { outcome: 'limited'; refusal: RateRefusal };

/** How to store one submission. */
export interface StoreRequest {
  /** Builds the case for a reference (the reference is sealed in as additional data). */
  build(reference: string): NewCase;
  newReference(): string;
  client: string;
  idempotencyKeyHash: string | undefined;
  limits: RateLimits;
  now: Date;
  idempotencyTtlMs: number;
}

class IdempotentReplay extends Error {}

async function findReplay(db: Db, keyHash: string, now: Date) {
  const [row] = await db
    .select({ reference: cases.reference, dueAt: cases.dueAt })
    .from(idempotencyKeys)
    .innerJoin(cases, eq(cases.reference, idempotencyKeys.reference))
    .where(and(eq(idempotencyKeys.keyHash, keyHash), gt(idempotencyKeys.expiresAt, now)));
  return row;
}

const isUniqueViolation = (error: unknown, constraint: string): boolean => {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const inner = e.cause ?? e;
  return inner.code === '23505' && (inner.constraint === constraint || String(inner).includes(constraint));
};

/**
 * Stores a submission in one transaction: the rate limits, the case with its
 * routing, the outbox row for the team's notification (not for spam), the
 * idempotency key and the rate counters. The caller answers 201 only after
 * this resolves, that is after the commit. A repeated Idempotency-Key returns
 * the first reference and creates nothing.
 */
export async function storeCase(db: Db, request: StoreRequest): Promise<StoreResult> {
  const { idempotencyKeyHash: keyHash, now } = request;
  if (keyHash) {
    const replay = await findReplay(db, keyHash, now);
    if (replay) return { outcome: 'replayed', ...replay };
  }
  for (let attempt = 0; ; attempt++) {
    const reference = request.newReference();
    const row = request.build(reference);
    try {
      return await db.transaction(async (tx) => {
        const refusal = await checkRateLimits(tx, request.client, request.limits, now);
        if (refusal) return { outcome: 'limited' as const, refusal };
        if (keyHash) {
          const claimed = await tx
            .insert(idempotencyKeys)
            .values({ keyHash, reference, createdAt: now, expiresAt: new Date(now.getTime() + request.idempotencyTtlMs) })
            .onConflictDoNothing()
            .returning({ keyHash: idempotencyKeys.keyHash });
          // A parallel request with the same key committed first: roll back and return its reference.
          if (claimed.length === 0) throw new IdempotentReplay();
        }
        const [stored] = await tx
          .insert(cases)
          .values({
            reference,
            kind: row.kind,
            locale: row.locale,
            status: row.status,
            writer: row.writer,
            categories: row.categories,
            ageBand: row.ageBand,
            urgency: row.urgency,
            interpreterNeeded: row.interpreterNeeded,
            contactLanguage: row.contactLanguage,
            proposedQueue: row.proposedQueue,
            priority: row.priority,
            dueAt: row.dueAt,
            sealedKeyId: row.sealed.keyId,
            sealedEphemeralKey: row.sealed.ephemeralPublicKey,
            sealedNonce: row.sealed.nonce,
            sealedCiphertext: row.sealed.ciphertext,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: cases.id });
        if (row.status !== 'spam') await tx.insert(outbox).values({ caseId: stored!.id, kind: 'new-case-mail', nextAttemptAt: now });
        await recordAccepted(tx, request.client, now);
        return { outcome: 'stored' as const, reference, dueAt: row.dueAt };
      });
    } catch (error) {
      if (error instanceof IdempotentReplay && keyHash) {
        const replay = await findReplay(db, keyHash, now);
        if (replay) return { outcome: 'replayed', ...replay };
      }
      // Two references drawn alike (one in a billion): draw again.
      if (attempt < 3 && isUniqueViolation(error, 'cases_reference_unique')) continue;
      throw error;
    }
  }
}
