import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { staffCall, submitCase } from '../../tests/support/casework.ts';
import { contactFields, humanMeta } from '../../tests/support/forms.ts';
import { signedInStaff } from '../../tests/support/staff.ts';

describe('the spam review says why each case was held', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { RATE_LIMIT_SITE_PER_HOUR: '100000' });
  });
  afterAll(() => t.close());

  it('honeypot, fill time or both; a person is not held; the reason stays in the history after a restore', async () => {
    const intake = await signedInStaff(t.database.handle.db, 'intake');
    const fast = () => ({ ...humanMeta(), startedAt: Date.now() - 500, sentAt: Date.now() });
    const honeypot = await submitCase(t, 'contact', contactFields(), { ...humanMeta(), website: 'http://bot.example' });
    const tooFast = await submitCase(t, 'contact', contactFields(), fast());
    const both = await submitCase(t, 'contact', contactFields(), { ...fast(), website: 'buy now' });
    const person = await submitCase(t, 'contact', contactFields());

    const review = await staffCall(t, intake.cookie, 'GET', '/spam');
    const rows = review.json.rows as { id: string; heldFor: string[] | null }[];
    const heldFor = (id: string) => rows.find((r) => r.id === id)?.heldFor;
    expect(heldFor(honeypot.id)).toEqual(['honeypot']);
    expect(heldFor(tooFast.id)).toEqual(['fill-time']);
    expect(heldFor(both.id)).toEqual(['honeypot', 'fill-time']);
    expect(rows.map((r) => r.id)).not.toContain(person.id);
    // A person's case has no such event; nothing personal is in the reason.
    expect((await t.database.handle.query("select count(*)::int as n from case_events where type = 'held'")).rows).toEqual([{ n: 3 }]);
    expect(JSON.stringify(review.json)).not.toMatch(/bot\.example|buy now/);

    const restored = await staffCall(t, intake.cookie, 'POST', `/spam/${honeypot.id}/restore`, { version: 1 });
    expect(restored.status).toBe(200);
    const detail = await staffCall(t, intake.cookie, 'GET', `/cases/${honeypot.id}?purpose=triage`);
    expect((detail.json.events as { type: string; detail: unknown }[]).map((e) => [e.type, e.detail])).toEqual([
      ['held', { reasons: ['honeypot'] }],
      ['restored', { from: 'spam', to: 'new' }],
    ]);
  });
});
