/**
 * A model of the case life cycle, written from the rules in
 * server/casework/*.ts (lifecycle.ts, assignment.ts, progress.ts, spam.ts,
 * change.ts, case-access.ts) without importing them, so that the stateful
 * test compares the server with an independent statement of the rules: who
 * sees which case, which step follows which, what each refusal is called.
 */

/** A staff person in the model: their id, role and team. */
export interface ModelStaff {
  userId: string;
  role: 'intake' | 'team' | 'admin';
  team: string | null;
  active: boolean;
}

/** What the model knows of one case. */
export interface ModelCase {
  id: string;
  reference: string;
  status: string;
  proposedQueue: string;
  queue: string | null;
  assigneeId: string | null;
  version: number;
  linkedCaseId: string | null;
  outcome: string | null;
  notes: number;
  events: number;
  attempts: number;
  audits: number;
  outbox: number;
  /** Whether a contact attempt that reached someone has been recorded (first_contact_at is set). */
  contacted: boolean;
}

/** The model: the cases of one run and everyone who may act or be assigned. */
export interface CaseModel {
  cases: ModelCase[];
  staff: Map<string, ModelStaff>;
}

/** What the server should answer, and how the model changes when it does. */
export interface Prediction {
  status: 200 | 400 | 403 | 409;
  /** `error` of a 403/409 body, or `errors[0].code` of a 400. */
  code?: string;
  apply?: (c: ModelCase) => void;
}

// The life cycle's steps (lifecycle.ts's header comment and table).
const steps: Record<string, readonly string[]> = {
  new: ['triage', 'closed'],
  triage: ['assigned', 'closed'],
  assigned: ['triage', 'in_contact', 'referred', 'closed'],
  in_contact: ['assigned', 'referred', 'closed'],
  referred: ['in_contact', 'closed'],
  closed: ['triage'],
  spam: [],
};

/** The statuses a case may go to next, by the life cycle (whoever asks). */
export const nextSteps = (status: string): readonly string[] => steps[status] ?? [];

const isOpen = (status: string) => status !== 'closed' && status !== 'spam';

/** Whether a person sees (and may work on) a case: intake every case, a team member their team's confirmed non-spam cases, admin none. */
export function maySee(staff: ModelStaff, c: ModelCase): boolean {
  if (staff.role === 'intake') return true;
  if (staff.role === 'team') return c.status !== 'spam' && c.queue !== null && c.queue === staff.team;
  return false;
}

/** Whether a person may hold a case in `queue`: active intake, or an active member of that team. */
export function mayHold(model: CaseModel, userId: string, queue: string | null): boolean {
  const person = model.staff.get(userId);
  if (!person || !person.active) return false;
  return person.role === 'intake' || (person.role === 'team' && queue !== null && person.team === queue);
}

const refuse = (status: 400 | 403 | 409, code: string): Prediction => ({ status, code });

/**
 * The checks every change goes through, in the server's order: the route's
 * roles (403), the body's version (400 below 1), seeing the case (403), the
 * version (409 stale_version); then the action's own plan.
 */
export function predictChange(
  model: CaseModel,
  actor: ModelStaff,
  c: ModelCase,
  request: { roles: readonly string[]; version: number },
  plan: () => Prediction,
): Prediction {
  if (!request.roles.includes(actor.role)) return refuse(403, 'forbidden');
  if (!Number.isInteger(request.version) || request.version < 1) return refuse(400, 'too_small');
  if (!maySee(actor, c)) return refuse(403, 'forbidden');
  if (request.version !== c.version) return refuse(409, 'stale_version');
  const decided = plan();
  if (decided.status !== 200) return decided;
  return {
    status: 200,
    apply: (target) => {
      decided.apply?.(target);
      target.version += 1;
      target.events += 1;
      target.audits += 1;
    },
  };
}

/** `POST /cases/:id/route`: confirm or change the queue. */
export function planRoute(model: CaseModel, c: ModelCase, queue: string, reason: string | undefined): Prediction {
  if (!isOpen(c.status)) return refuse(409, 'invalid_transition');
  const changesQueue = queue !== c.proposedQueue || (c.queue !== null && queue !== c.queue);
  if (changesQueue && !reason?.trim()) return refuse(400, 'required');
  const keeps = c.assigneeId !== null && mayHold(model, c.assigneeId, queue);
  return {
    status: 200,
    apply: (t) => {
      const lost = t.assigneeId !== null && !keeps;
      t.queue = queue;
      if (t.status === 'new') t.status = 'triage';
      if (lost) {
        t.assigneeId = null;
        t.status = 'triage';
      }
    },
  };
}

/** `POST /cases/:id/assign`: name who works on it, or nobody. */
export function planAssign(model: CaseModel, c: ModelCase, assigneeId: string | null): Prediction {
  if (!isOpen(c.status)) return refuse(409, 'invalid_transition');
  if (assigneeId !== null && !mayHold(model, assigneeId, c.queue)) return refuse(400, 'invalid_assignee');
  return {
    status: 200,
    apply: (t) => {
      if (assigneeId !== null && (t.status === 'new' || t.status === 'triage')) t.status = 'assigned';
      if (assigneeId === null && t.status === 'assigned') t.status = 'triage';
      t.assigneeId = assigneeId;
    },
  };
}

/** `POST /cases/:id/status`: a step of the life cycle. */
export function planStatus(actor: ModelStaff, c: ModelCase, to: string, outcome: string | undefined): Prediction {
  if (!steps[c.status]!.includes(to)) return refuse(409, 'invalid_transition');
  if (c.status === 'closed' && actor.role !== 'intake') return refuse(409, 'invalid_transition');
  if (to === 'assigned' && c.assigneeId === null) return refuse(400, 'assignee_required');
  if (to === 'closed' && !outcome) return refuse(400, 'outcome_required');
  if (to !== 'closed' && outcome) return refuse(400, 'outcome_not_allowed');
  if (outcome === 'duplicate' && c.linkedCaseId === null) return refuse(400, 'duplicate_needs_link');
  return {
    status: 200,
    apply: (t) => {
      t.status = to;
      t.outcome = to === 'closed' ? outcome! : null;
    },
  };
}

/** When a contact attempt says it happened. */
export type AttemptTime = 'now' | 'before-the-case' | 'tomorrow';

/** `POST /cases/:id/contact-attempts`. */
export function planAttempt(c: ModelCase, at: AttemptTime, outcome: string): Prediction {
  if (!isOpen(c.status)) return refuse(409, 'case_closed');
  if (at !== 'now') return refuse(400, 'out_of_range');
  return {
    status: 200,
    apply: (t) => {
      t.attempts += 1;
      if (outcome === 'reached') t.contacted = true;
    },
  };
}

/** `POST /cases/:id/notes`: anything but spam. */
export function planNote(c: ModelCase): Prediction {
  if (c.status === 'spam') return refuse(409, 'spam_case');
  return { status: 200, apply: (t) => void (t.notes += 1) };
}

/** What a link names: another case of the run, this case, a reference nobody has, or text that is no reference. */
export type LinkTarget = { kind: 'case'; index: number } | { kind: 'unknown' } | { kind: 'garbage' };

/** `POST /cases/:id/link`. */
export function planLink(model: CaseModel, c: ModelCase, target: LinkTarget, actor: ModelStaff): Prediction {
  if (target.kind === 'garbage') return refuse(400, 'invalid_reference');
  if (target.kind === 'unknown') return refuse(400, 'not_found');
  const other = model.cases[target.index]!;
  // Linking to a case the actor may not see is answered as if it did not exist.
  if (other.status === 'spam' || !maySee(actor, other)) return refuse(400, 'not_found');
  if (other.id === c.id) return refuse(400, 'same_case');
  return { status: 200, apply: (t) => void (t.linkedCaseId = other.id) };
}

/** `POST /spam/:id/restore`: a spam case back to new, its mail queued. */
export function planRestore(c: ModelCase): Prediction {
  if (c.status !== 'spam') return refuse(409, 'invalid_transition');
  return {
    status: 200,
    apply: (t) => {
      t.status = 'new';
      t.outbox += 1;
    },
  };
}

/** `GET /cases/:id?purpose=…`: 400 without a purpose, then as for changes; a view is audited. */
export function predictView(actor: ModelStaff, c: ModelCase, purpose: string | undefined): Prediction {
  if (actor.role === 'admin') return refuse(403, 'forbidden');
  if (!purpose) return refuse(400, 'invalid_value');
  if (!maySee(actor, c)) return refuse(403, 'forbidden');
  return { status: 200, apply: (t) => void (t.audits += 1) };
}
