import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffUsers } from '../../server/db/schema/staff.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { answers, commandArbs, Step, type Real } from '../support/case-commands.ts';
import { mayHold, type CaseModel, type ModelStaff } from '../support/case-model.ts';
import { staffCall, submitCase } from '../support/casework.ts';
import { databaseKinds, testDatabaseUrl, type DatabaseKind } from '../support/databases.ts';
import { contactFields, humanMeta } from '../support/forms.ts';
import { signedInStaff } from '../support/staff.ts';

/**
 * A stateful model test of the case life cycle: random sequences of what
 * intake, two team members of different teams and an admin do to four
 * cases (one new, two routed to different teams, one caught as spam). Each
 * step (tests/support/case-commands.ts) is predicted by the model in
 * tests/support/case-model.ts and compared with the server's answer and
 * with the database afterwards.
 */

const RUNS: Record<DatabaseKind, number> = { pglite: 100, postgres: 40 };
const MAX_COMMANDS = 30;

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`case life cycle model on ${kind}`, () => {
    let t: TestApp;
    let people: Real['people'];
    let deactivatedId: string;
    let staff: Map<string, ModelStaff>;

    beforeAll(async () => {
      Step.count = 0;
      answers.clear();
      t = await createTestApp(kind, { FLOOD_THRESHOLD_PER_MINUTE: '1000000', RATE_LIMIT_PER_WIDE_NETWORK: '1000000' });
      const db = t.database.handle.db;
      const make = async (role: 'intake' | 'team' | 'admin', team: string | null) => {
        const s = await signedInStaff(db, role, team);
        return { userId: s.userId, cookie: s.cookie };
      };
      people = { intake: await make('intake', null), youth: await make('team', 'youth-work'), social: await make('team', 'social-work'), admin: await make('admin', null) };
      const [gone] = await db.insert(staffUsers).values({ email: `gone-${crypto.randomUUID()}@anchor.test`, role: 'team', team: 'youth-work', status: 'deactivated' }).returning({ id: staffUsers.id });
      deactivatedId = gone!.id;
      staff = new Map<string, ModelStaff>([
        [people.intake.userId, { userId: people.intake.userId, role: 'intake', team: null, active: true }],
        [people.youth.userId, { userId: people.youth.userId, role: 'team', team: 'youth-work', active: true }],
        [people.social.userId, { userId: people.social.userId, role: 'team', team: 'social-work', active: true }],
        [people.admin.userId, { userId: people.admin.userId, role: 'admin', team: null, active: true }],
        [deactivatedId, { userId: deactivatedId, role: 'team', team: 'youth-work', active: false }],
      ]);
      // The model's own rule agrees on the fixtures before anything is run.
      expect(mayHold({ cases: [], staff }, deactivatedId, 'youth-work')).toBe(false);
    });
    afterAll(async () => {
      console.log(`case-model on ${kind}: ${Step.count} steps checked against the model; answers: ${[...answers].map(([k, n]) => `${k}: ${n}`).join(', ')}`);
      await t?.close();
    });

    /**
     * Four cases: one new (proposed to youth work: a young person wrote), two
     * that intake has already routed (to youth work and to social work), and
     * one the forms caught as spam.
     */
    async function setup(): Promise<{ model: CaseModel; real: Real }> {
      const submitted = [
        await submitCase(t, 'contact', { ...contactFields(), writer: 'self', categories: ['other'] }),
        await submitCase(t, 'contact', { ...contactFields(), categories: ['crime'] }),
        await submitCase(t, 'contact', { ...contactFields(), categories: ['other'] }),
        await submitCase(t, 'contact', { ...contactFields(), categories: ['other'] }, { ...humanMeta(), website: 'http://spam.test' }),
      ];
      const routed = [
        await staffCall(t, people.intake.cookie, 'POST', `/cases/${submitted[1]!.id}/route`, { queue: 'youth-work', reason: 'A youth worker knows the family', version: 1 }),
        await staffCall(t, people.intake.cookie, 'POST', `/cases/${submitted[2]!.id}/route`, { queue: 'social-work', version: 1 }),
      ];
      expect(routed.map((r) => r.status)).toEqual([200, 200]);
      const { rows } = await t.database.handle.query<{ id: string; status: string; proposed_queue: string; queue: string | null; reference: string }>(
        'select id, status, proposed_queue, queue, reference from cases where id = any($1::uuid[])',
        [submitted.map((s) => s.id)],
      );
      const cases = submitted.map(({ id }) => {
        const row = rows.find((r) => r.id === id)!;
        const routedHere = row.queue !== null;
        return {
          id,
          reference: row.reference,
          status: row.status,
          proposedQueue: row.proposed_queue,
          queue: row.queue,
          assigneeId: null,
          version: routedHere ? 2 : 1,
          linkedCaseId: null,
          outcome: null,
          notes: 0,
          events: routedHere ? 1 : 0,
          attempts: 0,
          audits: routedHere ? 1 : 0,
          outbox: row.status === 'spam' ? 0 : 1,
          contacted: false,
        };
      });
      expect(cases.map((c) => [c.status, c.proposedQueue, c.queue])).toEqual([
        ['new', 'youth-work', null],
        ['triage', 'police', 'youth-work'],
        ['triage', 'social-work', 'social-work'],
        ['spam', 'social-work', null],
      ]);
      return { model: { cases, staff }, real: { t, people, deactivatedId } };
    }

    it(`keeps the server and the model in step over ${RUNS[kind]} random sequences of up to ${MAX_COMMANDS} staff actions`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands(commandArbs, { maxCommands: MAX_COMMANDS, size: 'max' }), async (commands) => {
          await fc.asyncModelRun(setup, commands);
        }),
        { numRuns: RUNS[kind] },
      );
      // Not a vacuous run: successes and each kind of refusal were met and matched.
      for (const key of ['200', '400 too_small', '400 required', '400 invalid_assignee', '403 forbidden', '409 stale_version', '409 invalid_transition']) {
        expect(answers.get(key) ?? 0, `answers seen: ${JSON.stringify([...answers])}`).toBeGreaterThan(0);
      }
    }, 600_000);
  });
}
