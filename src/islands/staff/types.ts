import type { QueueRow } from '../../../server/casework/list.ts';
import { caseStatuses, checkTransition, outcomes, type CaseStatus } from '../../shared/casework/lifecycle.ts';

/**
 * What the case-work API answers. The case routes answer through one
 * generic helper, so their bodies are not typed in the client's inference;
 * these mirror server/casework (detail.ts, change.ts, list.ts).
 */

/** One row of the queue and of the spam review: nothing personal. */
export type { QueueRow };

/** A page of the queue or of the spam review. */
export interface QueuePage {
  readonly rows: readonly QueueRow[];
  readonly nextCursor: string | null;
}

/** The facts of a case, without personal data. */
export interface CaseFacts {
  readonly id: string;
  readonly reference: string;
  readonly referenceFormatted: string;
  readonly version: number;
  readonly kind: string;
  readonly locale: string;
  readonly writer: string;
  readonly status: string;
  readonly proposedQueue: string;
  readonly queue: string | null;
  readonly priority: number;
  readonly urgency: string;
  readonly dueAt: string;
  readonly overdue: boolean;
  readonly assignee: { readonly id: string; readonly email: string | null } | null;
  readonly categories: readonly string[];
  readonly ageBand: string | null;
  readonly outcome: string | null;
  readonly closedAt: string | null;
  readonly firstContactAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A contact attempt as recorded. */
export interface ContactAttempt {
  readonly id: string;
  readonly at: string;
  readonly method: string;
  readonly outcome: string;
  readonly recordedAt: string;
  readonly recordedBy: string | null;
}

/** A note, opened. */
export interface CaseNote {
  readonly id: string;
  readonly createdAt: string;
  readonly authorEmail: string | null;
  readonly text: string | null;
}

/** A step in the case's history; `reason` is the routing reason, opened. */
export interface CaseEvent {
  readonly id: string;
  readonly at: string;
  readonly type: string;
  readonly actorEmail: string | null;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly reason: string | null;
}

/** Another case about the same child. */
export interface LinkedCase {
  readonly id: string;
  readonly reference: string;
  readonly kind: string;
  readonly status: string;
  readonly queue: string | null;
  readonly createdAt: string;
}

/** `GET /cases/:id?purpose=` and `GET /cases/:id/print`: the case with its personal data opened. */
export interface CaseDetail {
  /** How to get in touch safely: shown first. */
  readonly contactPreferences: Readonly<Record<string, unknown>>;
  readonly contactDetails: Readonly<Record<string, unknown>>;
  readonly child?: Readonly<Record<string, unknown>>;
  readonly answers: Readonly<Record<string, unknown>>;
  readonly case: CaseFacts;
  readonly contactAttempts: readonly ContactAttempt[];
  readonly notes: readonly CaseNote[];
  readonly events: readonly CaseEvent[];
  readonly linkedCase: LinkedCase | null;
  readonly linkedFrom: readonly LinkedCase[];
  readonly printedAt?: string;
  readonly printedBy?: string;
}

/** A changed case, as every case action answers (`{ case: ... }`). */
export interface ChangedCase {
  readonly id: string;
  readonly reference: string;
  readonly version: number;
  readonly status: string;
  readonly proposedQueue: string;
  readonly queue: string | null;
  readonly priority: number;
  readonly dueAt: string;
  readonly assigneeId: string | null;
  readonly outcome: string | null;
  readonly closedAt: string | null;
  readonly firstContactAt: string | null;
  readonly linkedCaseId: string | null;
}

/** Someone a case can be assigned to (`GET /cases/:id/assignees`). */
export interface Assignee {
  readonly id: string;
  readonly email: string;
  readonly role: string;
  readonly team: string | null;
}

/** The signed-in person. */
export interface StaffSession {
  readonly email: string;
  readonly role: 'intake' | 'team' | 'admin';
  readonly team: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A case answer, when the body looks like one. */
export function asCaseDetail(body: unknown): CaseDetail | undefined {
  return isRecord(body) && isRecord(body.case) && isRecord(body.contactPreferences) ? (body as unknown as CaseDetail) : undefined;
}

/** The changed case of an action's answer. */
export function asChangedCase(body: unknown): ChangedCase | undefined {
  return isRecord(body) && isRecord(body.case) && typeof body.case.version === 'number' ? (body.case as unknown as ChangedCase) : undefined;
}

/** A queue page, when the body looks like one. */
export function asQueuePage(body: unknown): QueuePage | undefined {
  return isRecord(body) && Array.isArray(body.rows) ? (body as unknown as QueuePage) : undefined;
}

/** The case lists' constants, as the server has them (server/casework, server/intake/routing.ts); the life cycle's from src/shared. */
export const queues = ['youth-work', 'social-work', 'police', 'psychiatric-nurse', 'domestic-violence'] as const;
export { caseStatuses, outcomes };
export const purposes = ['triage', 'contact', 'follow-up', 'handover', 'client-request'] as const;
export const attemptMethods = ['phone', 'sms', 'email', 'meeting', 'letter'] as const;
export const attemptOutcomes = ['reached', 'no-answer', 'left-message', 'wrong-number', 'other'] as const;
export const roles = ['intake', 'team', 'admin'] as const;

/**
 * The statuses a case can move to from `status`, for a role: the life cycle's
 * own check, shared with the server, so only changes the server takes are
 * offered (closing asks for its outcome on the next step).
 */
export function nextStatuses(status: string, role: StaffSession['role'], hasAssignee: boolean): string[] {
  if (!(caseStatuses as readonly string[]).includes(status)) return [];
  return caseStatuses.filter(
    (to) => checkTransition({ from: status as CaseStatus, to, role, hasAssignee, hasLinkedCase: false, outcome: to === 'closed' ? 'resolved' : undefined }) === undefined,
  );
}
