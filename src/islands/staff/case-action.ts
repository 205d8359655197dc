import { errorCode, type ApiResponse } from './api.ts';
import type { Labels } from './labels.ts';
import type { CaseDetail, CaseEvent, ChangedCase } from './types.ts';

/** What an action adds to the page besides the changed case (the server's answer carries only the case). */
export interface LocalChange {
  readonly event?: Pick<CaseEvent, 'type' | 'detail'> & { readonly reason?: string | null };
  /** A second step of the same action (a contact attempt that also set the status). */
  readonly alsoEvent?: Pick<CaseEvent, 'type' | 'detail'>;
  readonly note?: string;
  readonly attempt?: { readonly at: string; readonly method: string; readonly outcome: string };
  readonly assigneeEmail?: string | null;
  readonly linked?: { readonly id: string; readonly reference: string; readonly status: string };
}

/** What every case action form gets from the case view. */
export interface ActionProps {
  readonly detail: CaseDetail;
  readonly labels: Labels;
  /**
   * Sends an action with the case's version. Answers the changed case, or
   * undefined when it was refused (shown through `refused`) or stale (the
   * case view says so).
   */
  readonly send: (path: string, body: Record<string, unknown>, refused: (response: ApiResponse) => void) => Promise<ChangedCase | undefined>;
  /** Puts the change on the page and says so in the live region. */
  readonly applied: (changed: ChangedCase, local: LocalChange, message: string) => void;
}

/** Whether an answer is the optimistic lock's refusal: someone changed the case in between. */
export const isStale = (response: ApiResponse): boolean => response.status === 409 && errorCode(response.body) === 'stale_version';

let localIds = 0;

/**
 * The case as it is after an action: the server's changed fields, and the
 * note, attempt or history step the page already knows about, so that the
 * personal data is not fetched (and its view logged) again for each action.
 */
export function withChange(detail: CaseDetail, changed: ChangedCase, local: LocalChange, me: string, now: number): CaseDetail {
  const at = new Date(now).toISOString();
  const id = () => `local-${++localIds}`;
  const before = detail.case;
  const assignee =
    changed.assigneeId === null
      ? null
      : { id: changed.assigneeId, email: local.assigneeEmail ?? (before.assignee?.id === changed.assigneeId ? before.assignee.email : null) };
  const open = changed.status !== 'closed' && changed.status !== 'spam';
  const linkedCase = local.linked
    ? { id: local.linked.id, reference: local.linked.reference, status: local.linked.status, kind: '', queue: null, createdAt: '' }
    : detail.linkedCase;
  return {
    ...detail,
    case: {
      ...before,
      version: changed.version,
      status: changed.status,
      queue: changed.queue,
      proposedQueue: changed.proposedQueue,
      priority: changed.priority,
      dueAt: changed.dueAt,
      outcome: changed.outcome,
      closedAt: changed.closedAt,
      firstContactAt: changed.firstContactAt,
      assignee,
      overdue: open && !changed.firstContactAt && Date.parse(changed.dueAt) < now,
    },
    linkedCase,
    events: [
      ...detail.events,
      ...(local.event ? [{ id: id(), at, actorEmail: me, type: local.event.type, detail: local.event.detail, reason: local.event.reason ?? null }] : []),
      ...(local.alsoEvent ? [{ id: id(), at, actorEmail: me, type: local.alsoEvent.type, detail: local.alsoEvent.detail, reason: null }] : []),
    ],
    notes: local.note !== undefined ? [...detail.notes, { id: id(), createdAt: at, authorEmail: me, text: local.note }] : detail.notes,
    contactAttempts: local.attempt ? [...detail.contactAttempts, { id: id(), ...local.attempt, recordedAt: at, recordedBy: me }] : detail.contactAttempts,
  };
}
