import * as z from 'zod/mini';
import { statsPeriodKind } from '../../shared/stats/periods.ts';

/**
 * The staff app's form schemas (zod/mini, messages as UI string keys). They
 * catch what can be told before sending (a field left empty, a note too
 * long); the server checks everything again and its refusals are shown too.
 */

const required = 'form.error.required';
const tooLong = 'form.error.tooLong';
const choose = 'form.error.choose';

const text = (max: number) => z.string(required).check(z.trim(), z.minLength(1, required), z.maxLength(max, tooLong));

/** Sign-in: email, password and the second factor, every time. */
export const signInSchema = z.object({
  email: text(254),
  // A password is taken as typed: spaces at either end are part of it.
  password: z.string(required).check(z.minLength(1, required), z.maxLength(1024, tooLong)),
  code: text(64),
});

/** Enrolment, step 1: the new password twice. */
export const passwordSchema = z
  .object({
    password: z.string(required).check(z.minLength(1, required), z.maxLength(1024, tooLong)),
    confirm: z.string(required).check(z.minLength(1, required)),
  })
  .check(
    z.refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'staff.enrol.password.mismatch' }),
  );

/** Enrolment, step 2: a code from the new authenticator. */
export const codeSchema = z.object({ code: text(64) });

/** Why a case is opened (logged with the view). */
export const purposeSchema = z.object({ purpose: z.enum(['triage', 'contact', 'follow-up', 'handover', 'client-request'], choose) });

/** A reference as typed or read out; the server normalises it. */
export const referenceSchema = z.object({ reference: text(40) });

/** Confirming or changing the queue; the reason is required for a change (checked in the action). */
export const routeSchema = z.object({
  queue: z.string(choose).check(z.minLength(1, choose)),
  reason: z.string().check(z.trim(), z.maxLength(500, tooLong)),
});

/** Assigning: someone, or nobody (''). */
export const assignSchema = z.object({ assigneeId: z.string() });

/** A status change; closing needs an outcome. */
export const statusSchema = z
  .object({ status: z.string(choose).check(z.minLength(1, choose)), outcome: z.string() })
  .check(z.refine((v) => v.status !== 'closed' || v.outcome !== '', { path: ['outcome'], message: 'staff.apiError.outcome_required' }));

/** A contact attempt: when (Helsinki time), how, and what came of it. */
export const attemptSchema = z.object({
  at: z.string(required).check(z.minLength(1, required)),
  method: z.string(choose).check(z.minLength(1, choose)),
  outcome: z.string(choose).check(z.minLength(1, choose)),
});

/** The longest note (server/casework/requests.ts). */
export const noteMaxLength = 4000;

/** A note. */
export const noteSchema = z.object({ text: text(noteMaxLength) });

/** A new staff user. */
export const newUserSchema = z
  .object({
    email: text(254).check(z.email('form.error.email')),
    role: z.string(choose).check(z.minLength(1, choose)),
    team: z.string(),
  })
  .check(z.refine((v) => v.role !== 'team' || v.team !== '', { path: ['team'], message: 'staff.error.teamRequired' }));

/** A range of months for the statistics. */
export const monthRangeSchema = z
  .object({
    from: z.string(required).check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'staff.stats.monthFormat')),
    to: z.string(required).check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'staff.stats.monthFormat')),
  })
  .check(z.refine((v) => v.from <= v.to, { path: ['from'], message: 'staff.apiError.after_to' }))
  .check(z.refine((v) => v.from > v.to || statsPeriodKind(v.from, v.to) !== undefined, { path: ['from'], message: 'staff.apiError.not_a_period' }));
