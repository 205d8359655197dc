import type { hc, InferResponseType } from 'hono/client';
import type { AppType } from '../../../server/app.ts';
import type { FormKind } from '../../shared/forms/submission.ts';
import { proofHeader } from '../../shared/flood/proof.ts';

// The server's answers, typed from its routes (`import type` only: no client code reaches the page).
type FormsPost = ReturnType<typeof hc<AppType>>['forms'][':kind{contact|concern}']['$post'];
type Created = InferResponseType<FormsPost, 201>;

/** One problem the server found in a submission; `message` is already in the reader's language. */
export interface ServerFieldError {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** What came of sending a form. Only `sent` means the team has it. */
export type SubmitResult =
  | { readonly status: 'sent'; readonly reference: Created['reference']; readonly dueAt: Created['dueAt'] }
  | { readonly status: 'invalid'; readonly errors: readonly ServerFieldError[] }
  | { readonly status: 'rate-limited'; readonly retryAfterSeconds: number | undefined }
  /** Flood mode: send again with this challenge solved (see proof-solver.ts). */
  | { readonly status: 'proof-required'; readonly challenge: string }
  | { readonly status: 'failed' };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseErrors(body: unknown): ServerFieldError[] | undefined {
  if (!isRecord(body) || !Array.isArray(body.errors)) return undefined;
  const errors = body.errors.filter(
    (e): e is ServerFieldError =>
      isRecord(e) && typeof e.path === 'string' && typeof e.code === 'string' && typeof e.message === 'string',
  );
  return errors.length ? errors : undefined;
}

/** Seconds from a Retry-After header, which may be a number of seconds or an HTTP date. */
function retryAfterSeconds(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * Sends a form to `POST /api/forms/:kind` as JSON: the only place the
 * browser posts a form. The same `idempotencyKey` on a retry (or a double
 * click) makes the server return the case it already created instead of a
 * second one. Never throws: a network failure, a 5xx or any answer it cannot
 * read is `failed`, meaning nothing is known to have arrived. `proof` is a
 * solved flood challenge (`challenge:solution`), sent after a 428.
 */
export async function submitForm(kind: FormKind, body: unknown, idempotencyKey: string, proof?: string): Promise<SubmitResult> {
  let response: Response;
  try {
    response = await fetch(`/api/forms/${kind}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey, ...(proof ? { [proofHeader]: proof } : {}) },
      body: JSON.stringify(body),
      // Same origin only; no cookies are needed to send a form.
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return { status: 'failed' };
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (response.status === 201 || response.status === 200) {
    if (isRecord(json) && typeof json.reference === 'string' && typeof json.dueAt === 'string') {
      return { status: 'sent', reference: json.reference, dueAt: json.dueAt };
    }
    return { status: 'failed' };
  }
  if (response.status === 400) {
    const errors = parseErrors(json);
    return errors ? { status: 'invalid', errors } : { status: 'failed' };
  }
  if (response.status === 428) {
    return isRecord(json) && typeof json.challenge === 'string' ? { status: 'proof-required', challenge: json.challenge } : { status: 'failed' };
  }
  if (response.status === 429) {
    return { status: 'rate-limited', retryAfterSeconds: retryAfterSeconds(response.headers.get('Retry-After'), Date.now()) };
  }
  return { status: 'failed' };
}

/**
 * A fresh idempotency key. `crypto.randomUUID` exists only in secure contexts
 * (https, localhost); elsewhere 16 random bytes make the same kind of key.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** An idempotency key and the answers it was first sent with. */
export interface KeyedAnswers {
  readonly key: string;
  readonly answers: string;
}

/**
 * The key to send `answers` with: the same key for the same answers (a retry
 * or a double click, so the team gets one case), a new one when the answers
 * changed since the key was last sent (after a failed send the server may
 * hold the first answers under it, and would refuse the new ones with 409).
 */
export function keyForAnswers(previous: KeyedAnswers | undefined, answers: string, newKey: () => string = newIdempotencyKey): KeyedAnswers {
  return previous && previous.answers === answers ? previous : { key: newKey(), answers };
}
