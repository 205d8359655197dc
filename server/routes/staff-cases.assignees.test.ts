import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { staffCall, submitCase } from '../../tests/support/casework.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { contactFields } from '../../tests/support/forms.ts';
import { signedInStaff } from '../../tests/support/staff.ts';
import { staffUsers } from '../db/schema/staff.ts';

type Assignee = { id: string; email: string; role: string; team: string | null };

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`assignable staff of a case on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(kind, { FLOOD_THRESHOLD_PER_MINUTE: '100000', RATE_LIMIT_PER_WIDE_NETWORK: '100000' });
    });
    afterAll(() => t.close());

    it('lists active intake workers and the active members of the case queue, each of whom the assign action accepts', async () => {
      const db = t.database.handle.db;
      const intake = await signedInStaff(db, 'intake');
      const youth = await signedInStaff(db, 'team', 'youth-work');
      const social = await signedInStaff(db, 'team', 'social-work');
      const admin = await signedInStaff(db, 'admin');
      const [pending] = await db.insert(staffUsers).values({ email: `pending-${crypto.randomUUID()}@anchor.test`, role: 'team', team: 'youth-work', status: 'pending' }).returning();
      const [gone] = await db.insert(staffUsers).values({ email: `gone-${crypto.randomUUID()}@anchor.test`, role: 'intake', status: 'deactivated' }).returning();
      const { id } = await submitCase(t, 'contact', { ...contactFields(), writer: 'self', categories: ['other'] });

      // Before intake confirms a queue, only intake can hold the case.
      const unrouted = await staffCall(t, intake.cookie, 'GET', `/cases/${id}/assignees`);
      expect(unrouted.status).toBe(200);
      const unroutedIds = (unrouted.json.assignees as Assignee[]).map((a) => a.id);
      expect(unroutedIds).toContain(intake.userId);
      expect(unroutedIds).not.toContain(youth.userId);

      expect((await staffCall(t, intake.cookie, 'POST', `/cases/${id}/route`, { queue: 'youth-work', version: 1 })).status).toBe(200);
      const listed = await staffCall(t, youth.cookie, 'GET', `/cases/${id}/assignees`);
      expect(listed.status).toBe(200);
      const assignees = listed.json.assignees as Assignee[];
      const ids = assignees.map((a) => a.id);
      expect(ids).toContain(intake.userId);
      expect(ids).toContain(youth.userId);
      for (const other of [social.userId, admin.userId, pending!.id, gone!.id]) expect(ids).not.toContain(other);
      expect(assignees.map((a) => a.email)).toEqual(assignees.map((a) => a.email).sort());
      expect(Object.keys(assignees[0]!).sort()).toEqual(['email', 'id', 'role', 'team']);

      // Every one listed is accepted by the assign action.
      let version = 2;
      for (const assignee of assignees.filter((a) => a.id === youth.userId || a.id === intake.userId)) {
        const assigned = await staffCall(t, intake.cookie, 'POST', `/cases/${id}/assign`, { assigneeId: assignee.id, version });
        expect(assigned.status, assignee.email).toBe(200);
        version += 1;
      }
    });

    it('answers 403 for a case outside the team, 404 for an unknown one, 400 for a malformed id, and 403 to admin', async () => {
      const db = t.database.handle.db;
      const social = await signedInStaff(db, 'team', 'social-work');
      const intake = await signedInStaff(db, 'intake');
      const admin = await signedInStaff(db, 'admin');
      const { id } = await submitCase(t);
      expect((await staffCall(t, social.cookie, 'GET', `/cases/${id}/assignees`)).status).toBe(403);
      expect((await staffCall(t, intake.cookie, 'GET', `/cases/00000000-0000-4000-8000-000000000000/assignees`)).status).toBe(404);
      expect((await staffCall(t, intake.cookie, 'GET', `/cases/not-an-id/assignees`)).status).toBe(400);
      expect((await staffCall(t, admin.cookie, 'GET', `/cases/${id}/assignees`)).status).toBe(403);
    });
  });
}
