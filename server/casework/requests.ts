import { z } from 'zod';
import { queues } from '../intake/routing.ts';
import { caseStatuses, outcomes } from '../../src/shared/casework/lifecycle.ts';

/**
 * Request schemas of the staff case-work API. A failed parse answers 400
 * `{ errors: [{ path, code }] }`: `code` is a stable identifier (zod's issue
 * code, or a domain code such as `required` or `invalid_assignee`) that the
 * staff UI turns into text in the user's language.
 */

/**
 * Why someone opens a case's personal data; every view is logged with one
 * (purpose limitation, GDPR art. 5(1)(b); Client Data Act 703/2023 s.11 log).
 */
export const purposes = ['triage', 'contact', 'follow-up', 'handover', 'client-request'] as const;

/** A purpose of a view. */
export type Purpose = (typeof purposes)[number];

/** How a contact was attempted. */
export const contactMethods = ['phone', 'sms', 'email', 'meeting', 'letter'] as const;

/** What came of a contact attempt; `reached` is a contact. */
export const contactOutcomes = ['reached', 'no-answer', 'left-message', 'wrong-number', 'other'] as const;

/** The longest note. */
export const noteMaxLength = 4000;

const version = z.number().int().min(1);

/** `:id` of a case. */
export const caseIdParam = z.object({ id: z.uuid() });

/** `GET /cases` query. `status=open` (default): every status but closed. */
export const listQuery = z.object({
  queue: z.enum(queues).optional(),
  status: z.enum(['open', 'all', ...caseStatuses]).default('open'),
  priority: z.coerce.number().int().min(1).max(3).optional(),
  overdue: z.enum(['1', 'true']).optional(),
  mine: z.enum(['1', 'true']).optional(),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** `GET /cases/:id` query. */
export const viewQuery = z.object({ purpose: z.enum(purposes) });

/** `POST /cases/:id/route`: the reason is checked against the proposal in the action. */
export const routeBody = z.object({
  queue: z.enum(queues),
  reason: z.string().trim().max(500).optional(),
  version,
});

/** `POST /cases/:id/assign`: null hands the case back unassigned. */
export const assignBody = z.object({ assigneeId: z.uuid().nullable(), version });

/** `POST /cases/:id/status`. */
export const statusBody = z.object({ status: z.enum(caseStatuses), outcome: z.enum(outcomes).optional(), version });

/** `POST /cases/:id/contact-attempts`. */
export const contactAttemptBody = z.object({
  at: z.iso.datetime({ offset: true }),
  method: z.enum(contactMethods),
  outcome: z.enum(contactOutcomes),
  /** With outcome `reached`: also move the case to `in_contact` in the same step (the life cycle's rules apply). */
  setInContact: z.boolean().optional(),
  version,
});

/** `POST /cases/:id/notes`. */
export const noteBody = z.object({ text: z.string().trim().min(1).max(noteMaxLength), version });

/** `POST /cases/:id/link`: the other case's reference as typed or read out. */
export const linkBody = z.object({ otherReference: z.string().max(40), version });

/** `POST /spam/:id/restore`. */
export const restoreBody = z.object({ version });

/** `GET /spam` query. */
export const spamQuery = z.object({ after: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

/** A field error of a 400 answer. */
export interface FieldError {
  path: string;
  code: string;
}

/** The 400 body for zod issues. */
export function fieldErrors(issues: readonly { path: readonly PropertyKey[]; code: string }[]): { errors: FieldError[] } {
  return { errors: issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code })) };
}
