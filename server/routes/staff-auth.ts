import { Hono, type Context } from 'hono';
import type { Tx } from '../audit/append.ts';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { finishEnrolment, startEnrolment } from '../staff/enrolment.ts';
import { clientHash } from '../forms/rate-limit.ts';
import { requireRole, type StaffEnv } from '../staff/access.ts';
import { fieldError, jsonOnly, parseBody, staffLocale, type FieldError } from '../http/json-body.ts';
import { requestAddress } from '../http/request-address.ts';
import { accountHash } from '../staff/throttle.ts';
import { deleteSession, SESSION_COOKIE } from '../staff/sessions.ts';
import { signIn } from '../staff/sign-in.ts';
import type { StaffDeps } from './staff.ts';
import { auditRecorder } from '../audit/record.ts';
import { signInFailures, signInThrottled } from '../metrics/metrics.ts';

// Shapes only: the password's strength is judged after the link is known good.
const token = z.string({ error: 'staff.error.linkInvalid' }).min(16, { error: 'staff.error.linkInvalid' }).max(128, { error: 'staff.error.linkInvalid' });
const enrolStartSchema = z.object({ token, password: z.string({ error: 'form.error.required' }).max(1024, { error: 'staff.error.passwordTooLong' }) }, { error: 'form.error.invalid' });
const enrolFinishSchema = z.object({ token, code: z.string({ error: 'form.error.required' }).max(64, { error: 'staff.error.codeInvalid' }) }, { error: 'form.error.invalid' });
const signInSchema = z.object(
  {
    // PostgreSQL text cannot hold NUL: refused here as what it is, bad input, rather than failing the query.
    email: z
      .string({ error: 'form.error.required' })
      .min(1, { error: 'form.error.required' })
      .max(254, { error: 'form.error.tooLong' })
      .refine((v) => !v.includes('\0'), { error: 'form.error.email' }),
    password: z.string({ error: 'form.error.required' }).min(1, { error: 'form.error.required' }).max(1024, { error: 'form.error.tooLong' }),
    code: z.string({ error: 'form.error.required' }).min(1, { error: 'form.error.required' }).max(64, { error: 'form.error.tooLong' }),
  },
  { error: 'form.error.invalid' },
);

// Each problem's field and UI string key.
const problems: Record<string, [path: string, key: string]> = {
  link_invalid: ['token', 'staff.error.linkInvalid'],
  link_used: ['token', 'staff.error.linkUsed'],
  link_expired: ['token', 'staff.error.linkExpired'],
  not_started: ['token', 'staff.error.enrolmentNotStarted'],
  code_invalid: ['code', 'staff.error.codeInvalid'],
  too_short: ['password', 'staff.error.passwordTooShort'],
  too_long: ['password', 'staff.error.passwordTooLong'],
  weak: ['password', 'staff.error.passwordWeak'],
};

function problemResponse(c: Context, problem: string, warning?: string) {
  const [path, key] = problems[problem]!;
  const errors: FieldError[] = [fieldError(staffLocale(c), path, problem, key, warning)];
  return c.json({ errors }, 400);
}

// `__Host-`: Secure, Path=/ and no Domain, so no other host or path can set or read it.
// No Max-Age: the browser forgets it on closing; the server ends it after 30 idle minutes or 12 hours.
const cookieOptions = { secure: true, httpOnly: true, sameSite: 'Strict', path: '/' } as const;

/**
 * `/api/staff/auth`: enrolment (two steps), sign-in, sign-out and
 * keep-alive. Everything but keep-alive is public: it is how a person gets a
 * session in the first place.
 */
export function staffAuthRoutes(deps: StaffDeps) {
  return new Hono<StaffEnv>()
    .post('/enrol/start', requireRole('public'), ...jsonOnly(), async (c) => {
      const body = await parseBody(c, enrolStartSchema);
      if (body.response) return body.response;
      const result = await startEnrolment(deps.db, body.data, deps.now(), deps.staffSecretKey);
      if ('problem' in result) return problemResponse(c, result.problem, 'warning' in result ? result.warning : undefined);
      return c.json(result.start);
    })
    .post('/enrol/finish', requireRole('public'), ...jsonOnly(), async (c) => {
      const body = await parseBody(c, enrolFinishSchema);
      if (body.response) return body.response;
      const result = await finishEnrolment(deps.db, body.data, deps.now(), deps.staffSecretKey);
      if ('problem' in result) return problemResponse(c, result.problem);
      deps.logger.info({ msg: 'staff enrolment finished', userId: result.userId });
      return c.json({ recoveryCodes: result.recoveryCodes });
    })
    .post('/sign-in', requireRole('public'), ...jsonOnly(), async (c) => {
      const body = await parseBody(c, signInSchema);
      if (body.response) return body.response;
      const keys = { account: accountHash(body.data.email, deps.clientKey), client: clientHash(requestAddress(c, deps.proxies), deps.clientKey) };
      const now = deps.now();
      const audit = auditRecorder({ key: deps.auditKey, sink: deps.auditSink });
      const onSignedIn = (tx: Tx, actorId: string) => audit.append(tx, { actorId, action: 'sign-in', caseId: null, caseReference: null, purpose: null, detail: {} }, now);
      const result = await signIn(deps.db, body.data, { keys, now, onSignedIn, totpKey: deps.staffSecretKey });
      await audit.committed();
      // Failures are logged and counted (login_attempts), never put into the audit chain: an attacker could grow it at will.
      // The log names the account by its keyed hash's start, and a known user by id: never the email or the address.
      const account = keys.account.slice(0, 12);
      if (result.outcome === 'throttled') {
        signInThrottled.inc();
        deps.logger.warn({ msg: 'staff sign-in throttled', account, failures: result.failures, retryAfterSeconds: result.retryAfterSeconds });
        c.header('Retry-After', String(result.retryAfterSeconds));
        return c.json({ error: 'too_many_attempts' as const, retryAfterSeconds: result.retryAfterSeconds }, 429);
      }
      if (result.outcome === 'invalid') {
        signInFailures.inc();
        deps.logger.warn({ msg: 'staff sign-in failed', account, userId: result.userId, failures: result.failures });
        return c.json({ error: 'invalid_credentials' as const }, 401);
      }
      // A session from before (a fixation attempt, or a forgotten one) ends: the new id replaces it.
      const previous = c.get('sessionId');
      if (previous) await deleteSession(deps.db, previous);
      setCookie(c, SESSION_COOKIE, result.sessionId, cookieOptions);
      return c.json({ email: result.email, role: result.role, team: result.team, idleExpiresAt: result.idleExpiresAt.toISOString() });
    })
    .post('/sign-out', requireRole('public'), async (c) => {
      const id = c.get('sessionId');
      const staff = c.get('staff');
      if (id) {
        // Only a live session's end is a sign-out worth chaining: a stale cookie's is not.
        const audit = auditRecorder({ key: deps.auditKey, sink: deps.auditSink });
        await deps.db.transaction(async (tx) => {
          const ended = await deleteSession(tx, id);
          if (ended && staff) await audit.append(tx, { actorId: staff.userId, action: 'sign-out', caseId: null, caseReference: null, purpose: null, detail: {} }, deps.now());
        });
        await audit.committed();
      }
      deleteCookie(c, SESSION_COOKIE, cookieOptions);
      // Also wipes what the browser cached or stored for the staff app (a shared office computer).
      c.header('Clear-Site-Data', '"cache", "cookies", "storage"');
      return c.body(null, 204);
    })
    .post('/keep-alive', requireRole('intake', 'team', 'admin'), (c) => {
      // The session middleware has already touched the session.
      return c.json({ idleExpiresAt: c.get('staff')!.idleExpiresAt.toISOString() });
    });
}
