import fc from 'fast-check';
import { expect } from 'vitest';
import { newReference } from '../../server/intake/reference.ts';
import type { TestApp } from './app.ts';
import {
  nextSteps,
  planAssign,
  planAttempt,
  planLink,
  planNote,
  planRestore,
  planRoute,
  planStatus,
  predictChange,
  predictView,
  type AttemptTime,
  type CaseModel,
  type LinkTarget,
  type ModelCase,
  type ModelStaff,
  type Prediction,
} from './case-model.ts';
import { staffCall } from './casework.ts';

/**
 * The commands of the stateful case test (tests/proof/case-model.test.ts):
 * each predicts the server's answer with the model in case-model.ts, sends
 * the request, compares the answer, moves the model on, and compares the
 * database with the model.
 */

/** Who acts: intake, a youth worker, a social worker, an admin. */
export const actors = ['intake', 'youth', 'social', 'admin'] as const;
/** One of {@link actors}. */
export type Actor = (typeof actors)[number];
// Intake does most of the work, as in the office.
const actorArb = fc.oneof({ weight: 4, arbitrary: fc.constant<Actor>('intake') }, { weight: 4, arbitrary: fc.constantFrom<Actor>('youth', 'social') }, { weight: 1, arbitrary: fc.constant<Actor>('admin') });
const caseArb = fc.nat({ max: 3 });
// Mostly the current version; sometimes one behind or ahead (a colleague changed it meanwhile).
const skewArb = fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1) });
const queueArb = fc.constantFrom('youth-work', 'social-work', 'police');
const statusArb = fc.constantFrom('new', 'triage', 'assigned', 'in_contact', 'referred', 'closed');
const outcomeArb = fc.option(fc.constantFrom('resolved', 'no-action', 'duplicate', 'withdrawn'), { nil: undefined, freq: 2 });

/** The system under test: the app, everyone's session, and a deactivated team member. */
export interface Real {
  t: TestApp;
  people: Record<Actor, { userId: string; cookie: string }>;
  deactivatedId: string;
}

type Run = (m: CaseModel, r: Real) => Promise<void>;

/** One step: what it does, told in a counterexample. */
export class Step implements fc.AsyncCommand<CaseModel, Real> {
  readonly label: string;
  readonly run: Run;
  constructor(label: string, run: Run) {
    this.label = label;
    this.run = (m, r) => {
      Step.count++;
      return run(m, r);
    };
  }
  check = () => true;
  toString = () => this.label;
  /** Steps run so far, for the closing figures. */
  static count = 0;
}

/** Every answer seen, by status and code: the run must have met each kind of refusal. */
export const answers = new Map<string, number>();

/** The answer's status and code compared with the prediction; the model moved on a success. */
function expectAnswer(label: string, answer: { status: number; json: Record<string, unknown> & { errors?: { code: string }[] } }, expected: Prediction, c: ModelCase) {
  const code = answer.status === 400 ? answer.json.errors?.[0]?.code : (answer.json.error as string | undefined);
  const key = `${answer.status}${code ? ` ${code}` : ''}`;
  answers.set(key, (answers.get(key) ?? 0) + 1);
  expect({ status: answer.status, code }, `${label}: ${JSON.stringify(answer.json).slice(0, 300)}`).toEqual({ status: expected.status, code: expected.code });
  if (expected.status === 200) expected.apply?.(c);
}

/** A change's answer: on success the returned case agrees with the model. */
function expectChanged(label: string, answer: { status: number; json: Record<string, unknown> }, c: ModelCase) {
  if (answer.status !== 200) return;
  expect(answer.json.case, label).toMatchObject({ id: c.id, status: c.status, queue: c.queue, assigneeId: c.assigneeId, version: c.version, outcome: c.outcome, linkedCaseId: c.linkedCaseId });
}

/** The database agrees with the model for every case of the run. */
async function expectDatabase(label: string, m: CaseModel, r: Real) {
  const { rows } = await r.t.database.handle.query<Record<string, unknown>>(
    `select c.id, c.status, c.queue, c.assignee_id, c.version, c.linked_case_id, c.outcome,
            c.closed_at is not null as closed_at_set, c.first_contact_at is not null as contacted,
            (select count(*)::int from case_notes n where n.case_id = c.id) as notes,
            (select count(*)::int from case_events e where e.case_id = c.id) as events,
            (select count(*)::int from case_events e where e.case_id = c.id and e.type = 'contact-attempt') as attempts,
            (select count(*)::int from audit_log a where a.case_id = c.id) as audits,
            (select count(*)::int from outbox o where o.case_id = c.id) as outbox
       from cases c where c.id = any($1::uuid[]) order by c.id`,
    [m.cases.map((c) => c.id)],
  );
  const actual = rows.map((row) => ({ ...row, version: Number(row.version) }));
  const expected = [...m.cases]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((c) => ({
      id: c.id,
      status: c.status,
      queue: c.queue,
      assignee_id: c.assigneeId,
      version: c.version,
      linked_case_id: c.linkedCaseId,
      outcome: c.outcome,
      // Retention counts from closed_at: set on closing, cleared on reopening.
      closed_at_set: c.status === 'closed',
      contacted: c.contacted,
      notes: c.notes,
      events: c.events,
      attempts: c.attempts,
      audits: c.audits,
      outbox: c.outbox,
    }));
  expect(actual, `${label}: database and model differ`).toEqual(expected);
}

const staffOf = (m: CaseModel, r: Real, actor: Actor): ModelStaff => m.staff.get(r.people[actor].userId)!;

/** A change to a case: predicted, sent, and checked in the answer and the database. */
function changeStep(
  label: string,
  actor: Actor,
  index: number,
  skew: number,
  roles: readonly string[],
  path: string,
  body: (version: number, m: CaseModel, r: Real) => Record<string, unknown>,
  plan: (m: CaseModel, c: ModelCase, staff: ModelStaff, r: Real) => Prediction,
) {
  const text = `${actor} ${label} case ${index}${skew ? ` (version ${skew > 0 ? '+' : ''}${skew})` : ''}`;
  return new Step(text, async (m, r) => {
    const c = m.cases[index]!;
    const staff = staffOf(m, r, actor);
    const version = c.version + skew;
    const expected = predictChange(m, staff, c, { roles, version }, () => plan(m, c, staff, r));
    const prefix = path.startsWith('/spam') ? '/spam' : '/cases';
    const answer = await staffCall(r.t, r.people[actor].cookie, 'POST', `${prefix}/${c.id}${path.replace(/^\/spam/, '')}`, body(version, m, r));
    expectAnswer(text, answer, expected, c);
    expectChanged(text, answer, c);
    await expectDatabase(text, m, r);
  });
}

const [routeArb, assignArb, statusArb2, nextArb, ...otherArbs] = [
  fc.record({ actor: actorArb, index: caseArb, skew: skewArb, queue: queueArb, reason: fc.constantFrom(undefined, '', '   ', 'The family asked for this team') }).map(({ actor, index, skew, queue, reason }) =>
    changeStep(`routes to ${queue}${reason?.trim() ? ' with a reason' : ''}`, actor, index, skew, ['intake'], '/route', (version) => ({ queue, reason, version }), (m, c) => planRoute(m, c, queue, reason)),
  ),
  fc.record({ actor: actorArb, index: caseArb, skew: skewArb, who: fc.constantFrom<Actor | 'nobody' | 'deactivated' | 'unknown'>(...actors, 'nobody', 'deactivated', 'unknown') }).map(({ actor, index, skew, who }) =>
    changeStep(`assigns ${who}`, actor, index, skew, ['intake', 'team'], '/assign', (version, _m, r) => ({ assigneeId: assigneeOf(r, who), version }), (m, c, _s, r) => planAssign(m, c, assigneeOf(r, who))),
  ),
  fc.record({ actor: actorArb, index: caseArb, skew: skewArb, to: statusArb, outcome: outcomeArb }).map(({ actor, index, skew, to, outcome }) =>
    changeStep(`sets status ${to}${outcome ? ` (${outcome})` : ''}`, actor, index, skew, ['intake', 'team'], '/status', (version) => ({ status: to, outcome, version }), (_m, c, staff) => planStatus(staff, c, to, outcome)),
  ),
  // A step the life cycle offers from wherever the case is now (chosen when it runs), so that runs get deep into it.
  fc.record({ actor: actorArb, index: caseArb, skew: skewArb, pick: fc.nat(), outcome: fc.constantFrom('resolved', 'no-action', 'duplicate') }).map(({ actor, index, skew, pick, outcome }) => {
    const text = `${actor} takes the next step (${pick % 12}) on case ${index}${skew ? ` (version ${skew > 0 ? '+' : ''}${skew})` : ''}`;
    return new Step(text, async (m, r) => {
      const next = nextSteps(m.cases[index]!.status);
      const to = next.length ? next[pick % next.length]! : 'triage';
      const step = changeStep(`sets status ${to}`, actor, index, skew, ['intake', 'team'], '/status', (version) => ({ status: to, outcome: to === 'closed' ? outcome : undefined, version }), (_m, c, staff) =>
        planStatus(staff, c, to, to === 'closed' ? outcome : undefined),
      );
      Step.count--;
      await step.run(m, r);
    });
  }),
  fc.record({ actor: actorArb, index: caseArb, skew: skewArb, at: fc.constantFrom<AttemptTime>('now', 'now', 'now', 'before-the-case', 'tomorrow'), outcome: fc.constantFrom('reached', 'no-answer') }).map(
    ({ actor, index, skew, at, outcome }) =>
      changeStep(
        `records a contact attempt (${outcome}, ${at})`,
        actor,
        index,
        skew,
        ['intake', 'team'],
        '/contact-attempts',
        (version) => ({ at: attemptTime(at), method: 'phone', outcome, version }),
        (_m, c) => planAttempt(c, at, outcome),
      ),
  ),
  fc.record({ actor: actorArb, index: caseArb, skew: skewArb }).map(({ actor, index, skew }) =>
    changeStep('writes a note', actor, index, skew, ['intake', 'team'], '/notes', (version) => ({ text: 'Called the school; will call again on Monday.', version }), (_m, c) => planNote(c)),
  ),
  fc
    .record({
      actor: actorArb,
      index: caseArb,
      skew: skewArb,
      target: fc.oneof(caseArb.map((i): LinkTarget => ({ kind: 'case', index: i })), fc.constantFrom<LinkTarget>({ kind: 'unknown' }, { kind: 'garbage' })),
    })
    .map(({ actor, index, skew, target }) =>
      changeStep(
        `links ${target.kind === 'case' ? `case ${target.index}` : `a ${target.kind} reference`}`,
        actor,
        index,
        skew,
        ['intake', 'team'],
        '/link',
        (version, m) => ({ otherReference: referenceOf(m, target), version }),
        (m, c, staff) => planLink(m, c, target, staff),
      ),
    ),
  // Two people write a note at the same moment on the same version: one wins, the other is told stale_version.
  fc.record({ first: actorArb, second: actorArb, index: caseArb }).map(({ first, second, index }) => {
    const text = `${first} and ${second} write a note on case ${index} at once`;
    return new Step(text, async (m, r) => {
      const c = m.cases[index]!;
      const each = [first, second].map((actor) => predictChange(m, staffOf(m, r, actor), c, { roles: ['intake', 'team'], version: c.version }, () => planNote(c)));
      const answers = await Promise.all(
        [first, second].map((actor) => staffCall(r.t, r.people[actor].cookie, 'POST', `/cases/${c.id}/notes`, { text: 'Same moment.', version: c.version })),
      );
      const seen = answers.map((a) => `${a.status} ${a.status === 200 ? '' : a.status === 400 ? a.json.errors?.[0]?.code : (a.json.error as string)}`.trim());
      const predicted = each.map((e) => `${e.status} ${e.code ?? ''}`.trim());
      if (predicted.every((p) => p === '200')) {
        // Either may win the race; exactly one does.
        expect(seen.sort(), text).toEqual(['200', '409 stale_version']);
        each[0]!.apply!(c);
      } else {
        expect(seen, text).toEqual(predicted);
        each.find((e) => e.status === 200)?.apply?.(c);
      }
      await expectDatabase(text, m, r);
    });
  }),
  fc.record({ actor: actorArb, index: caseArb, skew: skewArb }).map(({ actor, index, skew }) =>
    changeStep('restores from spam', actor, index, skew, ['intake'], '/spam/restore', (version) => ({ version }), (_m, c) => planRestore(c)),
  ),
  fc.record({ actor: actorArb, index: caseArb, purpose: fc.constantFrom(undefined, 'triage', 'contact', 'follow-up') }).map(({ actor, index, purpose }) => {
    const text = `${actor} views case ${index} ${purpose ? `for ${purpose}` : 'without a purpose'}`;
    return new Step(text, async (m, r) => {
      const c = m.cases[index]!;
      const expected = predictView(staffOf(m, r, actor), c, purpose);
      const answer = await staffCall(r.t, r.people[actor].cookie, 'GET', `/cases/${c.id}${purpose ? `?purpose=${purpose}` : ''}`);
      expectAnswer(text, answer, expected, c);
      if (answer.status === 200) {
        const view = answer.json as { case: Record<string, unknown>; notes: unknown[]; contactAttempts: unknown[]; events: unknown[] };
        expect(view.case, text).toMatchObject({ id: c.id, status: c.status, queue: c.queue, version: c.version, outcome: c.outcome });
        expect((view.case.assignee as { id: string } | null)?.id ?? null, text).toBe(c.assigneeId);
        expect({ notes: view.notes.length, attempts: view.contactAttempts.length, events: view.events.length }, text).toEqual({ notes: c.notes, attempts: c.attempts, events: c.events });
      }
      await expectDatabase(text, m, r);
    });
  }),
];

/**
 * The commands of a run. fc.commands picks among its arbitraries evenly: the steps that move a
 * case on are listed more than once, so that runs reach deep into the life cycle (reopening,
 * referral, duplicates).
 */
export const commandArbs = [routeArb!, routeArb!, assignArb!, assignArb!, statusArb2!, nextArb!, nextArb!, nextArb!, ...otherArbs];

// Who an assignment names.
const unknownId = '00000000-0000-4000-8000-00000000dead';
function assigneeOf(r: Real, who: Actor | 'nobody' | 'deactivated' | 'unknown'): string | null {
  if (who === 'nobody') return null;
  if (who === 'deactivated') return r.deactivatedId;
  if (who === 'unknown') return unknownId;
  return r.people[who].userId;
}

function attemptTime(at: AttemptTime): string {
  if (at === 'before-the-case') return '2000-01-01T12:00:00+02:00';
  if (at === 'tomorrow') return new Date(Date.now() + 86_400_000).toISOString();
  return new Date().toISOString();
}

// A reference as someone reads it out: lower case, with a dash.
const spoken = (reference: string) => `${reference.slice(0, 4)}-${reference.slice(4)}`.toLowerCase();
const unknownReference = newReference();
function referenceOf(m: CaseModel, target: LinkTarget): string {
  if (target.kind === 'garbage') return '!!';
  if (target.kind === 'unknown') return unknownReference;
  return spoken(m.cases[target.index]!.reference);
}

