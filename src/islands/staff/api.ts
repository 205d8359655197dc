import type { hc, InferResponseType } from 'hono/client';
import type { AppType } from '../../../server/app.ts';
import type { EnrolmentStart } from '../../../server/staff/enrolment.ts';
import { serverClock } from './session-clock.ts';

// The server's answers, typed from its routes (`import type` only: no server code reaches the page).
type Staff = ReturnType<typeof hc<AppType>>['staff'];

/** `GET /api/staff/me`: signed out, or who is signed in (sign-in answers the latter's fields). */
export type Me = InferResponseType<Staff['me']['$get'], 200>;
/** `POST /auth/keep-alive`. */
export type KeptAlive = InferResponseType<Staff['auth']['keep-alive']['$post'], 200>;
/** `GET /users`. */
export type UserList = InferResponseType<Staff['users']['$get'], 200>;
/** One staff user as the admin sees them. */
export type StaffUser = UserList['users'][number];
/** `GET /audit/cases/by-reference/:ref`. */
export type CaseAudit = InferResponseType<Staff['audit']['cases']['by-reference'][':ref']['$get'], 200>;
/** `GET /stats`. */
export type StatsReport = InferResponseType<Staff['stats']['$get'], 200>;

// The routes behind jsonOnly() lose their answer types in the client's
// inference, so these name the server's own types or mirror its answers.
/** `POST /auth/enrol/start`: the new authenticator secret three ways. */
export type EnrolStarted = EnrolmentStart;
/** `POST /auth/enrol/finish`: the recovery codes, shown once. */
export interface EnrolFinished {
  readonly recoveryCodes: readonly string[];
}
/** `POST /users` (201) and `POST /users/:id/reset`: the user and the one-time link to hand over. */
export interface LinkIssued {
  readonly user: StaffUser;
  readonly enrolmentLink: string;
  readonly expiresAt: string;
}

/** One field's problem in a 400 answer; the auth and user routes add the message in the request's language. */
export interface ApiFieldError {
  readonly path: string;
  readonly code: string;
  readonly message?: string;
}

/** A staff API answer: status 0 when the request never got an answer (offline, server down). */
export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly retryAfterSeconds?: number | undefined;
}

/** What the app hears about every answer: the session's timing and its end. */
export interface ApiListener {
  /** Any answer to a signed-in request: the server has touched the session. */
  onAnswer(path: string, status: number, serverNow: number | undefined, body: unknown): void;
}

/** The staff API, for the views. */
export interface StaffApi {
  get(path: string): Promise<ApiResponse>;
  post(path: string, body?: unknown): Promise<ApiResponse>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `error` code of a refusal (`stale_version`, `forbidden`, ...). */
export function errorCode(body: unknown): string | undefined {
  return isRecord(body) && typeof body.error === 'string' ? body.error : undefined;
}

/** The field errors of a 400 answer. */
export function fieldErrors(body: unknown): ApiFieldError[] {
  if (!isRecord(body) || !Array.isArray(body.errors)) return [];
  return body.errors.filter((e): e is ApiFieldError => isRecord(e) && typeof e.path === 'string' && typeof e.code === 'string');
}

/**
 * The staff API over same-origin fetch: JSON in and out, the session cookie
 * sent (same origin only; the browser adds Sec-Fetch-Site, which the server
 * checks on every state-changing request), the answers' language the UI's.
 * Never throws: a request that gets no answer is status 0.
 */
export function createStaffApi(lang: string, listener?: ApiListener): StaffApi {
  const send = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResponse> => {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`/api/staff${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
        redirect: 'error',
      });
    } catch {
      return { status: 0, body: undefined };
    }
    const text = await response.text().catch(() => '');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    listener?.onAnswer(path, response.status, serverClock(response.headers.get('Date')), json);
    const retry = Number(response.headers.get('Retry-After'));
    return { status: response.status, body: json, retryAfterSeconds: Number.isFinite(retry) && retry > 0 ? retry : undefined };
  };
  return { get: (path) => send('GET', path), post: (path, body) => send('POST', path, body) };
}
