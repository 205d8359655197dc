import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { caseVersion, staffCall, submitCase } from '../../tests/support/casework.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { contactFields, humanMeta, sameOriginJson } from '../../tests/support/forms.ts';
import { signedInStaff } from '../../tests/support/staff.ts';
import { tableCounts } from '../../tests/support/tables.ts';

const changeTables = ['cases', 'case_events', 'case_notes', 'audit_log', 'outbox'];

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`case API rejections on ${kind}`, () => {
    let t: TestApp;
    let intake: { cookie: string; userId: string };
    let youth: { cookie: string; userId: string };
    let police: { cookie: string; userId: string };
    let admin: { cookie: string; userId: string };
    /** A case confirmed to youth work, and its version. */
    let id: string;
    let reference: string;

    beforeAll(async () => {
      t = await createTestApp(kind, { FLOOD_THRESHOLD_PER_MINUTE: '100000', RATE_LIMIT_PER_WIDE_NETWORK: '100000' });
      const db = t.database.handle.db;
      intake = await signedInStaff(db, 'intake');
      youth = await signedInStaff(db, 'team', 'youth-work');
      police = await signedInStaff(db, 'team', 'police');
      admin = await signedInStaff(db, 'admin');
      ({ id, reference } = await submitCase(t, 'contact', { ...contactFields(), writer: 'self', categories: ['other'] }));
      const routed = await staffCall(t, intake.cookie, 'POST', `/cases/${id}/route`, { queue: 'youth-work', version: 1 });
      expect(routed.status).toBe(200);
    });
    afterAll(() => t.close());

    /** Runs a rejected request and shows it changed nothing. */
    async function unchanged<T>(run: () => Promise<T>): Promise<T> {
      const before = await tableCounts(t.database.handle, changeTables);
      const version = await caseVersion(t, id);
      const result = await run();
      expect(await tableCounts(t.database.handle, changeTables)).toEqual(before);
      expect(await caseVersion(t, id)).toBe(version);
      return result;
    }

    it('401 without a session', async () => {
      await unchanged(async () => {
        const list = await t.app.request('/api/staff/cases');
        expect(list.status).toBe(401);
        expect(await list.json()).toEqual({ error: 'unauthenticated' });
        const note = await t.app.request(`/api/staff/cases/${id}/notes`, { method: 'POST', headers: sameOriginJson, body: JSON.stringify({ text: 'x', version: 2 }) });
        expect(note.status).toBe(401);
      });
    });

    it('403 for a role that may not: admin reads no case, a team member routes none', async () => {
      await unchanged(async () => {
        expect((await staffCall(t, admin.cookie, 'GET', '/cases')).status).toBe(403);
        expect((await staffCall(t, admin.cookie, 'GET', `/cases/${id}?purpose=triage`)).status).toBe(403);
        expect((await staffCall(t, youth.cookie, 'POST', `/cases/${id}/route`, { queue: 'police', reason: 'r', version: 2 })).status).toBe(403);
        expect((await staffCall(t, youth.cookie, 'GET', '/spam')).status).toBe(403);
        expect((await staffCall(t, intake.cookie, 'GET', '/audit')).status).toBe(403);
        expect((await staffCall(t, youth.cookie, 'GET', '/stats')).status).toBe(403);
      });
    });

    it("403 for a team member on another team's case, whatever they try", async () => {
      await unchanged(async () => {
        const version = await caseVersion(t, id);
        expect(await staffCall(t, police.cookie, 'GET', `/cases/${id}?purpose=contact`)).toEqual({ status: 403, json: { error: 'forbidden' } });
        expect((await staffCall(t, police.cookie, 'GET', `/cases/${id}/print`)).status).toBe(403);
        expect((await staffCall(t, police.cookie, 'GET', `/cases/by-reference/${reference}`)).status).toBe(403);
        expect((await staffCall(t, police.cookie, 'POST', `/cases/${id}/notes`, { text: 'x', version })).status).toBe(403);
        expect((await staffCall(t, police.cookie, 'POST', `/cases/${id}/status`, { status: 'closed', outcome: 'no-action', version })).status).toBe(403);
      });
    });

    it('409 invalid_transition for a step the life cycle does not have', async () => {
      await unchanged(async () => {
        const version = await caseVersion(t, id);
        const res = await staffCall(t, intake.cookie, 'POST', `/cases/${id}/status`, { status: 'referred', version });
        expect(res).toEqual({ status: 409, json: { error: 'invalid_transition' } });
        expect((await staffCall(t, intake.cookie, 'POST', `/spam/${id}/restore`, { version })).json).toEqual({ error: 'invalid_transition' });
      });
    });

    it('409 stale_version for an update made on an old version', async () => {
      const version = await caseVersion(t, id);
      await unchanged(async () => {
        const res = await staffCall(t, youth.cookie, 'POST', `/cases/${id}/notes`, { text: 'written on an old screen', version: version - 1 });
        expect(res).toEqual({ status: 409, json: { error: 'stale_version' } });
      });
      // Two workers on the same version at once: one wins, the other is told its copy is stale.
      const results = await Promise.all([
        staffCall(t, intake.cookie, 'POST', `/cases/${id}/assign`, { assigneeId: youth.userId, version }),
        staffCall(t, youth.cookie, 'POST', `/cases/${id}/notes`, { text: 'at the same moment', version }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await caseVersion(t, id)).toBe(version + 1);
    });

    it('400 for a view without a purpose (or with an unknown one), and nothing is logged', async () => {
      await unchanged(async () => {
        const none = await staffCall(t, intake.cookie, 'GET', `/cases/${id}`);
        expect(none.status).toBe(400);
        expect(none.json.errors).toEqual([{ path: 'purpose', code: 'invalid_value' }]);
        expect((await staffCall(t, intake.cookie, 'GET', `/cases/${id}?purpose=curiosity`)).status).toBe(400);
      });
    });

    it('404 for an unknown case and 400 for what cannot be an id, reference or body', async () => {
      await unchanged(async () => {
        expect((await staffCall(t, intake.cookie, 'GET', '/cases/00000000-0000-4000-8000-000000000000?purpose=triage')).status).toBe(404);
        expect((await staffCall(t, intake.cookie, 'GET', '/cases/not-an-id?purpose=triage')).status).toBe(400);
        expect((await staffCall(t, intake.cookie, 'GET', '/cases/by-reference/ABCD-EFGH')).status).toBe(404);
        expect((await staffCall(t, intake.cookie, 'GET', '/cases/by-reference/O0O0-1111')).status).toBe(400);
        const version = await caseVersion(t, id);
        const long = await staffCall(t, youth.cookie, 'POST', `/cases/${id}/notes`, { text: 'x'.repeat(4001), version });
        expect(long.json.errors).toEqual([{ path: 'text', code: 'too_big' }]);
        const attempt = await staffCall(t, youth.cookie, 'POST', `/cases/${id}/contact-attempts`, { at: '2000-01-01T00:00:00Z', method: 'phone', outcome: 'reached', version });
        expect(attempt.json.errors).toEqual([{ path: 'at', code: 'out_of_range' }]);
        const broken = await t.app.request(`/api/staff/cases/${id}/notes`, { method: 'POST', headers: { ...sameOriginJson, Cookie: youth.cookie }, body: '{"text":' });
        expect(broken.status).toBe(400);
        expect((await staffCall(t, intake.cookie, 'GET', '/cases?after=bogus')).status).toBe(400);
        expect((await staffCall(t, intake.cookie, 'GET', '/cases?queue=nowhere')).status).toBe(400);
      });
    });

    it('finds a case by a reference read out over the phone', async () => {
      const spoken = ` ${reference.slice(0, 4).toLowerCase()} – ${reference.slice(4)} `;
      const res = await staffCall(t, youth.cookie, 'GET', `/cases/by-reference/${encodeURIComponent(spoken)}`);
      expect(res).toEqual({ status: 200, json: { id, reference, status: expect.any(String) } });
    });

    it('spam: kept out of the queue, listed for intake without free text, restored with its notification', async () => {
      const spam = await submitCase(t, 'contact', contactFields('Sp4mMarker'), { ...humanMeta(), website: 'http://bot.example' });
      const queue = await staffCall(t, intake.cookie, 'GET', '/cases?status=all&limit=200');
      expect((queue.json.rows as { id: string }[]).map((r) => r.id)).not.toContain(spam.id);
      const review = await staffCall(t, intake.cookie, 'GET', '/spam');
      expect((review.json.rows as { id: string; status: string }[]).find((r) => r.id === spam.id)).toMatchObject({ status: 'spam', kind: 'contact' });
      expect(JSON.stringify(review.json)).not.toMatch(/sp4mmarker/i);
      const outboxBefore = await t.database.handle.query('select * from outbox where case_id = $1', [spam.id]);
      expect(outboxBefore.rows).toHaveLength(0);
      const restored = await staffCall(t, intake.cookie, 'POST', `/spam/${spam.id}/restore`, { version: 1 });
      expect(restored.json.case).toMatchObject({ status: 'new', version: 2 });
      const outboxAfter = await t.database.handle.query('select kind from outbox where case_id = $1', [spam.id]);
      expect(outboxAfter.rows).toEqual([{ kind: 'new-case-mail' }]);
      expect((await staffCall(t, intake.cookie, 'GET', '/spam')).json.rows).not.toContainEqual(expect.objectContaining({ id: spam.id }));
    });

    it('answers a link to a case the team member may not see as an unknown reference, and changes nothing', async () => {
      const other = await submitCase(t, 'contact', { ...contactFields(), writer: 'parent', categories: ['crime'] });
      const routed = await staffCall(t, intake.cookie, 'POST', `/cases/${other.id}/route`, { queue: 'police', version: 1 });
      expect(routed.status).toBe(200);
      const result = await unchanged(async () =>
        staffCall(t, youth.cookie, 'POST', `/cases/${id}/link`, { otherReference: other.reference, version: await caseVersion(t, id) }),
      );
      expect(result.status).toBe(400);
      expect(result.json.errors).toEqual([{ path: 'otherReference', code: 'not_found' }]);
    });

    it('closes a case as a duplicate only once it is linked to the case it repeats', async () => {
      const a = await submitCase(t);
      const b = await submitCase(t);
      const early = await staffCall(t, intake.cookie, 'POST', `/cases/${b.id}/status`, { status: 'closed', outcome: 'duplicate', version: 1 });
      expect(early.json.errors).toEqual([{ path: 'outcome', code: 'duplicate_needs_link' }]);
      expect((await staffCall(t, intake.cookie, 'POST', `/cases/${b.id}/link`, { otherReference: b.reference, version: 1 })).json.errors).toEqual([
        { path: 'otherReference', code: 'same_case' },
      ]);
      const linked = await staffCall(t, intake.cookie, 'POST', `/cases/${b.id}/link`, { otherReference: a.reference.toLowerCase(), version: 1 });
      expect(linked.json.case).toMatchObject({ linkedCaseId: a.id });
      const closed = await staffCall(t, intake.cookie, 'POST', `/cases/${b.id}/status`, { status: 'closed', outcome: 'duplicate', version: 2 });
      expect(closed.json.case).toMatchObject({ status: 'closed', outcome: 'duplicate' });
      const other = await staffCall(t, intake.cookie, 'GET', `/cases/${a.id}?purpose=triage`);
      expect(other.json.linkedFrom).toEqual([expect.objectContaining({ id: b.id, reference: b.reference, status: 'closed' })]);
      // Only intake reopens.
      expect((await staffCall(t, intake.cookie, 'POST', `/cases/${b.id}/status`, { status: 'triage', version: 3 })).json.case).toMatchObject({ status: 'triage', outcome: null, closedAt: null });
    });
  });
}
