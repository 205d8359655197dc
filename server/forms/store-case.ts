import type { DatabaseHandle } from '../db/client.ts';
import type { RateRefusal } from './rate-limit.ts';

/** The sealed personal data of a case (see server/crypto/seal.ts). */
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
}

// One call of the database function `submit_case` (migrations 0001 and 0004)
// stores a submission in one round trip and one implicit transaction: a replay
// of a known Idempotency-Key, the client's lock, the limits, the idempotency
// claim, the case, its outbox row and the rate counters. The function takes
// its limits from the owner's settings and its clock from the database, and
// refuses what does not fit (SQLSTATE 23514). Named, it is parsed and planned
// once per connection. Exported for the tests that call it as a hostile host would.
export const submitCase = {
  name: 'submit-case-v2',
  text: `select outcome, retry_after, reference, due_at from submit_case(${Array.from({ length: 19 }, (_, i) => `$${i + 1}`).join(', ')})`,
};

/** The arguments of submit_case for a case, in the order of its parameters. */
export function submitCaseParams(row: NewCase, client: string, keyHash: string | undefined): unknown[] {
  const { sealed } = row;
  return [
    client, keyHash ?? null,
    row.reference, row.kind, row.locale, row.status, row.writer, row.categories,
    row.ageBand, row.urgency, row.interpreterNeeded, row.contactLanguage, row.proposedQueue,
    row.priority, row.dueAt, sealed.keyId, sealed.ephemeralPublicKey, sealed.nonce, sealed.ciphertext,
  ];
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
export async function storeCase(database: Pick<DatabaseHandle, 'query'>, request: StoreRequest): Promise<StoreResult> {
  const { idempotencyKeyHash: keyHash } = request;
  for (let attempt = 0; ; attempt++) {
    const reference = request.newReference();
    const row = request.build(reference);
    let outcome: { outcome: 'stored' | 'client' | 'site' | 'replay'; retry_after: number | null; reference: string | null; due_at: Date | string | null };
    try {
      const { rows } = await database.query<typeof outcome>(submitCase.text, submitCaseParams(row, request.client, keyHash), { name: submitCase.name });
      outcome = rows[0]!;
    } catch (error) {
      // Two references drawn alike (one in a billion): nothing was stored, draw again.
      if (attempt < 3 && isUniqueViolation(error, 'cases_reference_unique')) continue;
      throw error;
    }
    switch (outcome.outcome) {
      case 'stored':
        return { outcome: 'stored', reference, dueAt: row.dueAt };
      case 'client':
      case 'site':
        return { outcome: 'limited', refusal: { scope: outcome.outcome, retryAfterSeconds: Math.max(1, outcome.retry_after ?? 1) } };
      case 'replay':
        // The key already names a case (maybe a parallel request's): its reference, nothing new.
        if (!outcome.reference || !outcome.due_at) throw new Error('submit_case reported a replay without its case');
        return { outcome: 'replayed', reference: outcome.reference, dueAt: new Date(outcome.due_at) };
    }
  }
}
