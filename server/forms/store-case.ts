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
  | { outcome: 'stored'; reference: string; dueAt: Date; floodPeak: number }
  | { outcome: 'replayed'; reference: string; dueAt: Date }
  /** The Idempotency-Key is known for this network with a different body. */
  | { outcome: 'conflict' }
  | { outcome: 'limited'; refusal: RateRefusal }
  /** Flood mode: a proof of work is needed (`used`: the one given was used before). */
  | { outcome: 'proof_required'; used: boolean; floodPeak: number }
  /** Spam past its hourly ceiling: counted, not stored; `reference` and `dueAt` were never saved. */
  | { outcome: 'spam_dropped'; reference: string; dueAt: Date; floodPeak: number };

/** How to store one submission. */
export interface StoreRequest {
  /** Builds the case for a reference (the reference is sealed in as additional data). */
  build(reference: string): NewCase;
  newReference(): string;
  /** Keyed hashes of the client's network and wide network (server/forms/rate-limit.ts). */
  network: string;
  wide: string;
  /** The Idempotency-Key's hash (kind, network and key) and the hash of the answers it came with. */
  idempotencyKeyHash: string | undefined;
  bodyHash: string;
  /** A proof of work already checked (server/forms/challenge.ts); whether it was used before is the database's to say. */
  proof: { id: string; expiresAt: Date } | undefined;
  /** The time of arrival: submit_case takes it only within two minutes of the database's clock. */
  now: Date;
}

// One call of the database function `submit_case` (migrations 0002_flood and
// 0005_submit_case_hardened) stores a submission in one round trip and one
// implicit transaction. It takes its limits from the owner's settings, the time
// only near the database's, and refuses what does not fit (SQLSTATE 23514).
// Named, it is parsed and planned once per connection. Exported for the tests
// that call it as a hostile host would.
export const submitCase = {
  name: 'submit-case-v3',
  text: `select outcome, retry_after, reference, due_at, flood_peak from submit_case(${Array.from({ length: 24 }, (_, i) => `$${i + 1}`).join(', ')})`,
};

/** The arguments of submit_case, in the order of its parameters. */
export function submitCaseParams(row: NewCase, request: Pick<StoreRequest, 'network' | 'wide' | 'idempotencyKeyHash' | 'bodyHash' | 'proof' | 'now'>): unknown[] {
  const { now, idempotencyKeyHash: keyHash, proof } = request;
  const { sealed } = row;
  return [
    request.network, request.wide, proof?.id ?? null, proof?.expiresAt ?? null,
    keyHash ?? null, request.bodyHash, now,
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

type Outcome = 'stored' | 'replay' | 'conflict' | 'network' | 'wide' | 'proof' | 'proof_used' | 'spam_dropped';

/**
 * Stores a submission in one transaction: a known Idempotency-Key first, the
 * network limits, flood mode's proof of work, the spam ceiling, the case with
 * its routing, the outbox row for the team's notification (not for spam), the
 * idempotency key and the rate counters. The caller answers 201 only after
 * this resolves, that is after the commit. A repeated Idempotency-Key with
 * the same answers returns the first reference and creates nothing.
 */
export async function storeCase(database: Pick<DatabaseHandle, 'query'>, request: StoreRequest): Promise<StoreResult> {
  for (let attempt = 0; ; attempt++) {
    const reference = request.newReference();
    const row = request.build(reference);
    let outcome: { outcome: Outcome; retry_after: number | null; reference: string | null; due_at: Date | string | null; flood_peak: number | null };
    try {
      const { rows } = await database.query<typeof outcome>(submitCase.text, submitCaseParams(row, request), { name: submitCase.name });
      outcome = rows[0]!;
    } catch (error) {
      // Two references drawn alike (one in a billion): nothing was stored, draw again.
      if (attempt < 3 && isUniqueViolation(error, 'cases_reference_unique')) continue;
      throw error;
    }
    const floodPeak = Number(outcome.flood_peak ?? 0);
    switch (outcome.outcome) {
      case 'stored':
        return { outcome: 'stored', reference, dueAt: row.dueAt, floodPeak };
      case 'network':
      case 'wide':
        return { outcome: 'limited', refusal: { scope: outcome.outcome, retryAfterSeconds: Math.max(1, Number(outcome.retry_after ?? 1)) } };
      case 'proof':
      case 'proof_used':
        return { outcome: 'proof_required', used: outcome.outcome === 'proof_used', floodPeak };
      case 'spam_dropped':
        return { outcome: 'spam_dropped', reference, dueAt: row.dueAt, floodPeak };
      case 'conflict':
        return { outcome: 'conflict' };
      case 'replay':
        // The key already names a case (maybe a parallel request's): its reference, nothing new.
        if (!outcome.reference || !outcome.due_at) throw new Error('submit_case reported a replay without its case');
        return { outcome: 'replayed', reference: outcome.reference, dueAt: new Date(outcome.due_at) };
    }
  }
}
