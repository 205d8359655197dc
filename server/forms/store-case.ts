import { and, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { cases, idempotencyKeys } from '../db/schema/cases.ts';
import { hourStart, SITE_COUNTER_SHARDS, type RateLimits, type RateRefusal } from './rate-limit.ts';
import { randomInt } from 'node:crypto';

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

/**
 * One statement for the whole submission, so it costs one round trip: the
 * limit checks guard every insert (the case, its outbox row, the idempotency
 * key, the client's rate event and a shard of the site's hourly counter), and
 * the result says which check failed, if any.
 */
function insertCaseStatement(row: NewCase, request: StoreRequest, keyHash: string | undefined): SQL {
  const { now, limits, client } = request;
  const windowStart = new Date(now.getTime() - limits.clientWindowMs);
  const hour = hourStart(now);
  const idempotency = keyHash
    ? sql`insert into idempotency_keys (key_hash, reference, created_at, expires_at)
          select ${keyHash}, ${row.reference}, ${now}, ${new Date(now.getTime() + request.idempotencyTtlMs)} from guard where ok
          on conflict do nothing returning key_hash`
    : sql`select 'none'::text as key_hash from guard where ok`;
  return sql`
    with recent as (
      select at from rate_events where client_hash = ${client} and at > ${windowStart}
      order by at limit ${limits.perClient}
    ), checks as (
      select (select count(*) from recent) < ${limits.perClient} as client_ok,
             (select coalesce(sum(count), 0) from rate_counters where "window" = ${hour}) < ${limits.sitePerHour} as site_ok,
             (select min(at) from recent) as oldest
    ), guard as (
      select client_ok and site_ok as ok from checks
    ), idem as (${idempotency}
    ), inserted as (
      insert into cases (reference, kind, locale, status, writer, categories, age_band, urgency, interpreter_needed,
        contact_language, proposed_queue, priority, due_at, sealed_key_id, sealed_ephemeral_key, sealed_nonce,
        sealed_ciphertext, created_at, updated_at)
      select ${row.reference}, ${row.kind}, ${row.locale}, ${row.status}, ${row.writer},
        ${`{${row.categories.map((c) => `"${c}"`).join(',')}}`}::text[], ${row.ageBand}, ${row.urgency},
        ${row.interpreterNeeded}, ${row.contactLanguage}, ${row.proposedQueue}, ${row.priority}, ${row.dueAt},
        ${row.sealed.keyId}, ${row.sealed.ephemeralPublicKey}, ${row.sealed.nonce}, ${row.sealed.ciphertext}, ${now}, ${now}
      from idem
      returning id
    ), mail as (
      insert into outbox (case_id, kind, next_attempt_at)
      select id, 'new-case-mail', ${now} from inserted where ${row.status !== 'spam'}
    ), event as (
      insert into rate_events (client_hash, at) select ${client}, ${now} from inserted
    ), counter as (
      insert into rate_counters ("window", shard, count) select ${hour}, ${randomInt(SITE_COUNTER_SHARDS)}, 1 from inserted
      on conflict ("window", shard) do update set count = rate_counters.count + 1
    )
    select checks.client_ok, checks.site_ok, checks.oldest,
      exists (select 1 from idem) as claimed, (select id from inserted) as case_id
    from checks`;
}

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
        // Parallel submissions of one client are counted one after another;
        // different clients never wait for each other. Taken in its own
        // statement so that the next one's snapshot sees what the lock waited for.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${request.client}, 0))`);
        const result = await tx.execute(insertCaseStatement(row, request, keyHash));
        const outcome = (result as unknown as { rows: { client_ok: boolean; site_ok: boolean; claimed: boolean; case_id: string | null; oldest: Date | string | null }[] }).rows[0]!;
        if (!outcome.client_ok) {
          const oldest = new Date(outcome.oldest ?? now).getTime();
          const retry = Math.ceil((oldest + request.limits.clientWindowMs - now.getTime()) / 1000);
          return { outcome: 'limited' as const, refusal: { scope: 'client' as const, retryAfterSeconds: Math.max(1, retry) } };
        }
        if (!outcome.site_ok) {
          const retry = Math.ceil((hourStart(now).getTime() + 3_600_000 - now.getTime()) / 1000);
          return { outcome: 'limited' as const, refusal: { scope: 'site' as const, retryAfterSeconds: Math.max(1, retry) } };
        }
        // A parallel request with the same key committed first: roll back and return its reference.
        if (!outcome.claimed) throw new IdempotentReplay();
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
