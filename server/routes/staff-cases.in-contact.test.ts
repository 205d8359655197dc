import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { staffCall, submitCase } from '../../tests/support/casework.ts';
import { contactFields } from '../../tests/support/forms.ts';
import { signedInStaff } from '../../tests/support/staff.ts';

describe('a contact attempt that reached the person can set the case in contact in the same step', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { RATE_LIMIT_SITE_PER_HOUR: '100000' });
  });
  afterAll(() => t.close());

  /** A case routed to youth work, with the version it has now. */
  async function routedCase(intakeCookie: string) {
    const { id } = await submitCase(t, 'contact', { ...contactFields('Ic9Marker'), writer: 'parent', categories: ['crime'] });
    const view = await staffCall(t, intakeCookie, 'GET', `/cases/${id}?purpose=triage`);
    const version = (view.json.case as { version: number }).version;
    const routed = await staffCall(t, intakeCookie, 'POST', `/cases/${id}/route`, { queue: 'youth-work', reason: 'Ic9 youth work fits', version });
    const createdAt = (view.json.case as { createdAt: string }).createdAt;
    return { id, version: (routed.json.case as { version: number }).version, at: new Date(Date.parse(createdAt) + 60_000).toISOString() };
  }

  it('records the attempt and the status change as one change, one version, both in the history and the audit', async () => {
    const db = t.database.handle.db;
    const intake = await signedInStaff(db, 'intake');
    const youth = await signedInStaff(db, 'team', 'youth-work');
    const c = await routedCase(intake.cookie);
    const assigned = await staffCall(t, intake.cookie, 'POST', `/cases/${c.id}/assign`, { assigneeId: youth.userId, version: c.version });
    const version = (assigned.json.case as { version: number }).version;

    // Only with "reached".
    const noAnswer = await staffCall(t, youth.cookie, 'POST', `/cases/${c.id}/contact-attempts`, { at: c.at, method: 'phone', outcome: 'no-answer', setInContact: true, version });
    expect(noAnswer.status).toBe(400);
    expect(noAnswer.json.errors).toEqual([{ path: 'setInContact', code: 'needs_reached' }]);

    const reached = await staffCall(t, youth.cookie, 'POST', `/cases/${c.id}/contact-attempts`, { at: c.at, method: 'phone', outcome: 'reached', setInContact: true, version });
    expect(reached.status).toBe(200);
    expect(reached.json.case).toMatchObject({ status: 'in_contact', firstContactAt: c.at, version: version + 1 });
    const detail = await staffCall(t, youth.cookie, 'GET', `/cases/${c.id}?purpose=follow-up`);
    const events = detail.json.events as { type: string; detail: Record<string, unknown> }[];
    // Both steps at the same moment (their order within it is not defined).
    expect(events.slice(-2)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'contact-attempt', detail: expect.objectContaining({ method: 'phone', outcome: 'reached' }) }),
        expect.objectContaining({ type: 'status', detail: { from: 'assigned', to: 'in_contact', outcome: null } }),
      ]),
    );
    const audit = await t.database.handle.query<{ action: string; detail: Record<string, unknown> }>(
      "select action, detail from audit_log where case_id = $1 and action = 'contact-attempt'",
      [c.id],
    );
    expect(audit.rows).toEqual([{ action: 'contact-attempt', detail: { method: 'phone', outcome: 'reached', status: { from: 'assigned', to: 'in_contact' } } }]);

    // Already in contact: another reached attempt with the box ticked changes nothing more.
    const again = await staffCall(t, youth.cookie, 'POST', `/cases/${c.id}/contact-attempts`, { at: c.at, method: 'sms', outcome: 'reached', setInContact: true, version: version + 1 });
    expect(again.json.case).toMatchObject({ status: 'in_contact', version: version + 2 });
  });

  it('keeps the life cycle: a case nobody is assigned to cannot go to in contact, and nothing is recorded', async () => {
    const db = t.database.handle.db;
    const intake = await signedInStaff(db, 'intake');
    const c = await routedCase(intake.cookie);
    const refused = await staffCall(t, intake.cookie, 'POST', `/cases/${c.id}/contact-attempts`, { at: c.at, method: 'phone', outcome: 'reached', setInContact: true, version: c.version });
    expect(refused.status).toBe(409);
    expect(refused.json).toEqual({ error: 'invalid_transition' });
    const detail = await staffCall(t, intake.cookie, 'GET', `/cases/${c.id}?purpose=triage`);
    expect(detail.json.contactAttempts).toEqual([]);
    expect(detail.json.case).toMatchObject({ status: 'triage', firstContactAt: null, version: c.version });
  });
});
