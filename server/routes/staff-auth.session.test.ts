import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { enrolledStaff, sessionCookie, signInAs, staffPost, testClock, isSignedIn } from '../../tests/support/staff-auth.ts';

const minutes = (n: number) => n * 60_000;

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`staff sessions on ${kind}`, () => {
    let t: TestApp;
    const clock = testClock();
    beforeAll(async () => {
      t = await createTestApp(kind, {}, { now: clock.now });
    });
    afterAll(() => t.close());

    const signedIn = async () => {
      const who = await enrolledStaff(t, clock);
      const res = await signInAs(t, clock, who);
      expect(res.status).toBe(200);
      return { who, cookie: sessionCookie(res), at: clock.now().getTime() };
    };

    it('ends a session left idle for more than 30 minutes', async () => {
      const { cookie, who } = await signedIn();
      clock.advance(minutes(29));
      expect(await isSignedIn(t, cookie)).toBe(true);
      clock.advance(minutes(31));
      expect(await isSignedIn(t, cookie)).toBe(false);
      // Once expired it is deleted, so nothing can revive it.
      expect((await t.database.handle.query('select 1 from sessions where user_id = $1', [who.userId])).rows).toEqual([]);
      expect((await staffPost(t, '/auth/keep-alive', undefined, { cookie })).status).toBe(401);
    });

    it('keep-alive moves the idle end on, but never past 12 hours from sign-in', async () => {
      const { cookie, at } = await signedIn();
      let last = '';
      for (let elapsed = minutes(20); elapsed <= minutes(12 * 60); elapsed += minutes(20)) {
        clock.advance(minutes(20));
        const res = await staffPost(t, '/auth/keep-alive', undefined, { cookie });
        expect(res.status, `after ${elapsed / 60_000} min`).toBe(200);
        last = ((await res.json()) as { idleExpiresAt: string }).idleExpiresAt;
        const expected = Math.min(clock.now().getTime() + minutes(30), at + minutes(12 * 60));
        expect(new Date(last).getTime()).toBe(expected);
      }
      expect(new Date(last).getTime()).toBe(at + minutes(12 * 60));
      clock.advance(minutes(1));
      expect(await isSignedIn(t, cookie)).toBe(false);
    });

    it('keep-alive needs a session', async () => {
      const res = await staffPost(t, '/auth/keep-alive');
      expect(res.status).toBe(401);
    });

    it('sign-out deletes the session on the server, clears the cookie and asks the browser to clear the site data', async () => {
      const { cookie } = await signedIn();
      const { rows: before } = await t.database.handle.query<{ n: number }>('select count(*)::int as n from sessions');
      const res = await staffPost(t, '/auth/sign-out', undefined, { cookie });
      expect(res.status).toBe(204);
      expect(res.headers.get('Clear-Site-Data')).toBe('"cache", "cookies", "storage"');
      const cleared = res.headers.getSetCookie();
      expect(cleared).toHaveLength(1);
      expect(cleared[0]).toMatch(/^__Host-session=;/);
      expect(cleared[0]).toMatch(/Max-Age=0/);
      expect(cleared[0]).toMatch(/Secure/);
      const { rows: after } = await t.database.handle.query<{ n: number }>('select count(*)::int as n from sessions');
      expect(after[0]!.n).toBe(before[0]!.n - 1);
      // The old cookie, kept by a copy or a stale tab, no longer works.
      expect(await isSignedIn(t, cookie)).toBe(false);
      // Signing out again (no session) still clears the browser.
      const again = await staffPost(t, '/auth/sign-out', undefined, { cookie });
      expect(again.status).toBe(204);
      expect(again.headers.get('Clear-Site-Data')).toBeTruthy();
    });

    it('refuses a state-changing staff request from another origin (403), keeping the session', async () => {
      const { who, cookie } = await signedIn();
      const post = (path: string, headers: Record<string, string>, body?: unknown) =>
        t.app.request(`/api/staff${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const foreign: Record<string, string>[] = [{ 'Sec-Fetch-Site': 'cross-site' }, { 'Sec-Fetch-Site': 'same-site' }, { Origin: 'https://evil.example' }, {}];
      for (const headers of foreign) {
        const signOut = await post('/auth/sign-out', headers);
        expect(signOut.status, JSON.stringify(headers)).toBe(403);
        expect(await signOut.json()).toEqual({ error: 'forbidden_origin' });
        expect(signOut.headers.get('Clear-Site-Data')).toBeNull();
        expect((await post('/auth/keep-alive', headers)).status).toBe(403);
        expect((await post('/auth/sign-in', headers, { email: who.email, password: who.password, code: '000000' })).status).toBe(403);
      }
      // The session survived every one of them; an older phone's Origin-only request is same-origin.
      expect((await post('/auth/keep-alive', { Origin: 'http://portal.test' })).status).toBe(200);
    });
  });
}
