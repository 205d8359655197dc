/**
 * A case's life cycle, enforced on the server whatever the client sends.
 *
 * new ─▶ triage ─▶ assigned ─▶ in_contact ─▶ referred ─▶ closed
 *
 * - `new`: arrived, nobody has looked at it; `triage`: intake has confirmed
 *   (or is deciding) the queue; `assigned`: a named worker has it;
 *   `in_contact`: the worker is in touch with the family or young person;
 *   `referred`: handed on to other services, awaiting their answer;
 *   `closed`: done, with an outcome. Retention counts from `closed_at`.
 * - `spam` is set only by the forms (honeypot, too fast) and left only by the
 *   spam review's restore, which puts the case back as `new`.
 * - Any open case may be closed (a duplicate, an obvious mistake); a worker
 *   may hand a case back to triage; only intake may reopen a closed case.
 */

/** Statuses a case can be moved to through `POST /cases/:id/status`. */
export const caseStatuses = ['new', 'triage', 'assigned', 'in_contact', 'referred', 'closed'] as const;

/** A case status, including `spam` (set by the forms only). */
export type CaseStatus = (typeof caseStatuses)[number] | 'spam';

/** Statuses of cases that are still being worked on. */
export const openStatuses: readonly CaseStatus[] = ['new', 'triage', 'assigned', 'in_contact', 'referred'];

/**
 * How a case ended. `duplicate` needs a linked case (the one it duplicates);
 * `spam` is for what got past the honeypot; `no-contact` when every attempt
 * failed; `withdrawn` when the person asked to stop.
 */
export const outcomes = ['resolved', 'referred-to-services', 'no-action', 'no-contact', 'withdrawn', 'duplicate', 'spam'] as const;

/** A closed case's outcome. */
export type Outcome = (typeof outcomes)[number];

const transitions: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['triage', 'closed'],
  triage: ['assigned', 'closed'],
  assigned: ['triage', 'in_contact', 'referred', 'closed'],
  in_contact: ['assigned', 'referred', 'closed'],
  referred: ['in_contact', 'closed'],
  closed: ['triage'],
  spam: [],
};

/** What the transition check needs to know about the case and the change. */
export interface TransitionInput {
  from: CaseStatus;
  to: CaseStatus;
  role: 'intake' | 'team' | 'admin';
  hasAssignee: boolean;
  hasLinkedCase: boolean;
  outcome: Outcome | undefined;
}

/** Why a status change is refused: a 409 (`invalid_transition`) or a 400 on one field. */
export type TransitionRefusal =
  | { kind: 'conflict'; error: 'invalid_transition' }
  | { kind: 'field'; path: 'status' | 'outcome'; code: 'assignee_required' | 'outcome_required' | 'outcome_not_allowed' | 'duplicate_needs_link' };

/** Whether `from → to` is an edge of the life cycle (regardless of role). */
export function isTransition(from: CaseStatus, to: CaseStatus): boolean {
  return transitions[from].includes(to);
}

/** Checks a status change; undefined when it may go ahead. */
export function checkTransition(input: TransitionInput): TransitionRefusal | undefined {
  const { from, to, role, outcome } = input;
  if (!isTransition(from, to)) return { kind: 'conflict', error: 'invalid_transition' };
  // Reopening undoes a decision about retention: intake's call.
  if (from === 'closed' && role !== 'intake') return { kind: 'conflict', error: 'invalid_transition' };
  if (to === 'assigned' && !input.hasAssignee) return { kind: 'field', path: 'status', code: 'assignee_required' };
  if (to === 'closed' && !outcome) return { kind: 'field', path: 'outcome', code: 'outcome_required' };
  if (to !== 'closed' && outcome) return { kind: 'field', path: 'outcome', code: 'outcome_not_allowed' };
  if (outcome === 'duplicate' && !input.hasLinkedCase) return { kind: 'field', path: 'outcome', code: 'duplicate_needs_link' };
  return undefined;
}

/** Whether a case in `status` may still be worked on (contact attempts, routing, assignment). */
export const isOpen = (status: string): boolean => (openStatuses as readonly string[]).includes(status);
