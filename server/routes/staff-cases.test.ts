import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/verify.ts';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { caseVersion, staffCall, submitCase } from '../../tests/support/casework.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { concernFields, contactFields, humanMeta } from '../../tests/support/forms.ts';
import { signedInStaff } from '../../tests/support/staff.ts';
import { rawTableText } from '../../tests/support/tables.ts';

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`case life cycle on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(kind, { FLOOD_THRESHOLD_PER_MINUTE: '100000', RATE_LIMIT_PER_WIDE_NETWORK: '100000' });
    });
    afterAll(() => t.close());

    it('goes from a submitted form to a closed case, every step audited and the notes sealed', async () => {
      const db = t.database.handle.db;
      const intake = await signedInStaff(db, 'intake');
      const youth = await signedInStaff(db, 'team', 'youth-work');
      const social = await signedInStaff(db, 'team', 'social-work');
      const admin = await signedInStaff(db, 'admin');
      const { reference, id } = await submitCase(t, 'contact', { ...contactFields('Lc7Marker'), writer: 'parent', categories: ['crime'] });

      // The intake list shows the case without a trace of personal data.
      const list = await staffCall(t, intake.cookie, 'GET', '/cases?limit=200');
      expect(list.status).toBe(200);
      const rows = list.json.rows as Record<string, unknown>[];
      const row = rows.find((r) => r.reference === reference)!;
      expect(row).toMatchObject({ id, kind: 'contact', status: 'new', proposedQueue: 'police', queue: null, interpreterNeeded: true, categories: ['crime'] });
      expect(JSON.stringify(list.json)).not.toMatch(/lc7marker|040 123 4567/i);

      // Opening needs a purpose; with one, the answers are opened and the view is logged.
      expect((await staffCall(t, intake.cookie, 'GET', `/cases/${id}`)).status).toBe(400);
      const view = await staffCall(t, intake.cookie, 'GET', `/cases/${id}?purpose=triage`);
      expect(view.status).toBe(200);
      expect(Object.keys(view.json)[0]).toBe('contactPreferences');
      expect(Object.keys(view.json).indexOf('contactPreferences')).toBeLessThan(Object.keys(view.json).indexOf('contactDetails'));
      expect(view.json.contactPreferences).toMatchObject({ contactMethod: 'phone', noVoicemail: true, safeTimes: 'Lc7Marker after 17', doNotContact: false });
      expect(view.json.contactDetails).toMatchObject({ firstName: 'Lc7MarkerName', phone: '040 123 4567' });
      expect((view.json.answers as { description: string }).description).toContain('Lc7Marker My son');
      const viewed = await t.database.handle.query<{ action: string; purpose: string; actor_id: string }>('select action, purpose, actor_id from audit_log where case_id = $1', [id]);
      expect(viewed.rows).toEqual([{ action: 'view', purpose: 'triage', actor_id: intake.userId }]);

      // Intake routes it to youth work: a change from the proposal needs a reason.
      let version = (view.json.case as { version: number }).version;
      const noReason = await staffCall(t, intake.cookie, 'POST', `/cases/${id}/route`, { queue: 'youth-work', version });
      expect(noReason.status).toBe(400);
      expect(noReason.json.errors).toEqual([{ path: 'reason', code: 'required' }]);
      const routed = await staffCall(t, intake.cookie, 'POST', `/cases/${id}/route`, { queue: 'youth-work', reason: 'Lc7Reason boy asked for a youth worker', version });
      expect(routed.status).toBe(200);
      expect(routed.json.case).toMatchObject({ queue: 'youth-work', status: 'triage', version: version + 1 });
      version += 1;

      // A social worker neither lists nor opens it; the youth worker does once it is confirmed to youth work.
      const socialList = await staffCall(t, social.cookie, 'GET', '/cases');
      expect((socialList.json.rows as { id: string }[]).map((r) => r.id)).not.toContain(id);
      expect((await staffCall(t, social.cookie, 'GET', `/cases/${id}?purpose=contact`)).status).toBe(403);
      const youthList = await staffCall(t, youth.cookie, 'GET', '/cases');
      expect((youthList.json.rows as { id: string }[]).map((r) => r.id)).toContain(id);

      // Intake assigns it to the youth worker, but not to the social worker.
      expect((await staffCall(t, intake.cookie, 'POST', `/cases/${id}/assign`, { assigneeId: social.userId, version })).json.errors).toEqual([
        { path: 'assigneeId', code: 'invalid_assignee' },
      ]);
      const assigned = await staffCall(t, intake.cookie, 'POST', `/cases/${id}/assign`, { assigneeId: youth.userId, version });
      expect(assigned.json.case).toMatchObject({ status: 'assigned', assigneeId: youth.userId });
      version += 1;
      const mine = await staffCall(t, youth.cookie, 'GET', '/cases?mine=1');
      expect((mine.json.rows as { id: string; assigneeEmail: string }[]).find((r) => r.id === id)?.assigneeEmail).toMatch(/^team-youth-work-/);

      // The youth worker records a failed and then a successful contact attempt.
      const createdAt = new Date(row.createdAt as string);
      const first = new Date(createdAt.getTime() + 60_000).toISOString();
      const second = new Date(createdAt.getTime() + 120_000).toISOString();
      const noAnswer = await staffCall(t, youth.cookie, 'POST', `/cases/${id}/contact-attempts`, { at: first, method: 'phone', outcome: 'no-answer', version });
      expect(noAnswer.json.case).toMatchObject({ firstContactAt: null });
      version += 1;
      const reached = await staffCall(t, youth.cookie, 'POST', `/cases/${id}/contact-attempts`, { at: second, method: 'sms', outcome: 'reached', version });
      expect(reached.json.case).toMatchObject({ firstContactAt: second });
      version += 1;
      expect((await staffCall(t, youth.cookie, 'POST', `/cases/${id}/status`, { status: 'in_contact', version })).status).toBe(200);
      version += 1;

      // A note is stored sealed: its text is in no column of any table in clear.
      const note = await staffCall(t, youth.cookie, 'POST', `/cases/${id}/notes`, { text: 'Qx4NoteText met at the youth centre', version });
      expect(note.status).toBe(200);
      version += 1;
      for (const table of ['cases', 'case_notes', 'case_events', 'audit_log', 'outbox']) {
        expect(await rawTableText(t.database.handle, table)).not.toMatch(/qx4notetext|lc7reason/i);
      }

      // Closing needs an outcome.
      expect((await staffCall(t, youth.cookie, 'POST', `/cases/${id}/status`, { status: 'closed', version })).json.errors).toEqual([
        { path: 'outcome', code: 'outcome_required' },
      ]);
      const closed = await staffCall(t, youth.cookie, 'POST', `/cases/${id}/status`, { status: 'closed', outcome: 'resolved', version });
      expect(closed.json.case).toMatchObject({ status: 'closed', outcome: 'resolved' });
      expect(await caseVersion(t, id)).toBe(version + 1);

      // The youth worker reads it back: note, reason and attempts decrypted, in order.
      const detail = await staffCall(t, youth.cookie, 'GET', `/cases/${id}?purpose=follow-up`);
      expect((detail.json.notes as { text: string }[]).map((n) => n.text)).toEqual(['Qx4NoteText met at the youth centre']);
      expect((detail.json.contactAttempts as { outcome: string }[]).map((a) => a.outcome)).toEqual(['no-answer', 'reached']);
      const events = detail.json.events as { type: string; reason: string | null }[];
      expect(events.map((e) => e.type)).toEqual(['routed', 'assigned', 'contact-attempt', 'contact-attempt', 'status', 'note', 'status']);
      expect(events[0]!.reason).toBe('Lc7Reason boy asked for a youth worker');

      // The admin sees everyone who has seen or changed the case, with purposes; the chain verifies.
      const trail = await staffCall(t, admin.cookie, 'GET', `/audit/cases/${id}`);
      const entries = trail.json.entries as { action: string; purpose: string | null; actorId: string; actorEmail: string }[];
      expect(entries.map((e) => [e.action, e.purpose])).toEqual([
        ['view', 'triage'],
        ['route', null],
        ['assign', null],
        ['contact-attempt', null],
        ['contact-attempt', null],
        ['status', null],
        ['note', null],
        ['status', null],
        ['view', 'follow-up'],
      ]);
      expect(entries[8]!.actorId).toBe(youth.userId);
      const byReference = await staffCall(t, admin.cookie, 'GET', `/audit/cases/by-reference/${reference.slice(0, 4)}-${reference.slice(4).toLowerCase()}`);
      expect(byReference.json.entries).toEqual(trail.json.entries);
      expect((await verifyAuditChain(db, t.auditKey)).ok).toBe(true);
      expect(t.logs.join('\n')).not.toMatch(/lc7marker|qx4notetext|040 123 4567/i);
    });

    it('opens a concern as written, in its language, with the safe-contact answer first, and prints it as an audited handover', async () => {
      const db = t.database.handle.db;
      const intake = await signedInStaff(db, 'intake');
      const { id, reference } = await submitCase(t, 'concern', concernFields('Cn5Marker'), humanMeta('sv'));
      const view = await staffCall(t, intake.cookie, 'GET', `/cases/${id}?purpose=client-request`);
      expect(Object.keys(view.json).slice(0, 2)).toEqual(['contactPreferences', 'contactDetails']);
      expect(view.json.contactPreferences).toEqual({ guardiansKnow: 'no', contactLanguage: 'sv' });
      expect(view.json.contactDetails).toMatchObject({ name: 'Cn5Marker Teacher', workPhone: '09 310 12345', organisation: 'Cn5Marker School' });
      expect(view.json.child).toMatchObject({ childName: 'Cn5Marker Child', childDateOfBirth: '2013-05-04' });
      expect(view.json.answers).toMatchObject({ description: 'Cn5Marker Older youths wait for the pupil after school.', notificationMade: 'yes' });
      expect(view.json.case).toMatchObject({ reference, locale: 'sv', kind: 'concern', urgency: 'urgent', priority: 1 });

      const printed = await staffCall(t, intake.cookie, 'GET', `/cases/${id}/print`);
      expect(printed.status).toBe(200);
      expect(Object.keys(printed.json)[0]).toBe('contactPreferences');
      expect(printed.json).toMatchObject({ printedBy: expect.stringMatching(/^intake-/), case: { referenceFormatted: `${reference.slice(0, 4)}-${reference.slice(4)}` } });
      const { rows } = await t.database.handle.query<{ action: string; purpose: string }>('select action, purpose from audit_log where case_id = $1 order by seq', [id]);
      expect(rows).toEqual([
        { action: 'view', purpose: 'client-request' },
        { action: 'print', purpose: 'handover' },
      ]);
    });
  });
}
