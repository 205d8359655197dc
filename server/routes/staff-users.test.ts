import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { enrolledStaff, linkToken, sessionCookie, signInAs, staffGet, staffPost, testClock, isSignedIn } from '../../tests/support/staff-auth.ts';
import { signedInStaff } from '../../tests/support/staff.ts';
import { tableCounts } from '../../tests/support/tables.ts';
import { totpCode } from '../../tests/support/totp.ts';

type Errors = { errors: { path: string; code: string; message: string }[] };
type UserJson = { id: string; email: string; role: string; team: string | null; status: string; createdAt: string };
const staffTables = ['staff_users', 'enrolments', 'sessions', 'recovery_codes'];

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`staff users API on ${kind}`, () => {
    let t: TestApp;
    let admin: { userId: string; cookie: string };
    const clock = testClock();
    beforeAll(async () => {
      t = await createTestApp(kind, {}, { now: clock.now });
      admin = await signedInStaff(t.database.handle.db, 'admin', null, clock.now());
    });
    afterAll(() => t.close());
    // Every request keeps the admin's session alive; the clock moves in small steps here.
    const add = (body: unknown) => staffPost(t, '/users', body, { cookie: admin.cookie });

    it('adds a person and answers with a one-time enrolment link that works', async () => {
      const res = await add({ email: '  New.Worker@Anchor.test ', role: 'team', team: 'psychiatric-nurse' });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { user: UserJson; enrolmentLink: string; expiresAt: string };
      expect(body.user).toMatchObject({ email: 'new.worker@anchor.test', role: 'team', team: 'psychiatric-nurse', status: 'pending' });
      expect(body.enrolmentLink).toMatch(/^http:\/\/portal\.test\/staff\/enrol\/#[\w-]{43}$/);
      expect(new Date(body.expiresAt).getTime()).toBe(clock.now().getTime() + 24 * 3_600_000);
      const start = await staffPost(t, '/auth/enrol/start', { token: linkToken(body.enrolmentLink), password: 'Kaarnalaiva-71-kesäyö' });
      expect(start.status).toBe(200);
    });

    it('puts every user change into the audit chain, by the admin, with ids only, and a sign-in and sign-out too', async () => {
      const entries = async () => {
        const { rows } = await t.database.handle.query<{ action: string; actor_id: string; detail: Record<string, unknown> }>(
          `select action, actor_id, detail from audit_log where action like 'user-%' or action like 'sign-%' order by seq`,
        );
        return rows;
      };
      const before = (await entries()).length;
      const added = (await (await add({ email: 'audited@anchor.test', role: 'intake' })).json()) as { user: UserJson };
      const id = added.user.id;
      expect((await staffPost(t, `/users/${id}/reset`, undefined, { cookie: admin.cookie })).status).toBe(200);
      expect((await staffPost(t, `/users/${id}/unlock`, undefined, { cookie: admin.cookie })).status).toBe(200);
      expect((await staffPost(t, `/users/${id}/deactivate`, undefined, { cookie: admin.cookie })).status).toBe(200);
      const who = await enrolledStaff(t, clock, { email: 'signs-in@anchor.test', role: 'intake' });
      const session = sessionCookie(await signInAs(t, clock, who));
      expect((await staffPost(t, '/auth/sign-out', undefined, { cookie: session })).status).toBe(204);
      // A stale cookie's sign-out ends nothing and records nothing.
      expect((await staffPost(t, '/auth/sign-out', undefined, { cookie: session })).status).toBe(204);
      expect((await entries()).slice(before)).toEqual([
        { action: 'user-add', actor_id: admin.userId, detail: { userId: id, role: 'intake', team: null } },
        { action: 'user-reset', actor_id: admin.userId, detail: { userId: id } },
        { action: 'user-unlock', actor_id: admin.userId, detail: { userId: id, cleared: 0 } },
        { action: 'user-deactivate', actor_id: admin.userId, detail: { userId: id } },
        { action: 'sign-in', actor_id: who.userId, detail: {} },
        { action: 'sign-out', actor_id: who.userId, detail: {} },
      ]);
      // The emails stay out of the chain: it names ids.
      const { rows } = await t.database.handle.query<{ text: string }>(`select string_agg(detail::text, ' ') as text from audit_log`);
      expect(rows[0]!.text).not.toMatch(/audited@|signs-in@/);
    });

    it('lists the staff without any hash or secret', async () => {
      await enrolledStaff(t, clock, { email: 'listed@anchor.test', role: 'intake' });
      const res = await staffGet(t, '/users', admin.cookie);
      expect(res.status).toBe(200);
      const { users } = (await res.json()) as { users: UserJson[] };
      const listed = users.find((u) => u.email === 'listed@anchor.test');
      expect(listed).toEqual({ id: expect.any(String), email: 'listed@anchor.test', role: 'intake', team: null, status: 'active', createdAt: expect.any(String) });
      // Added just before enrolling, which moved the clock on by 30 s.
      expect(new Date(listed!.createdAt).getTime()).toBe(clock.now().getTime() - 30_000);
      for (const u of users) expect(Object.keys(u).sort()).toEqual(['createdAt', 'email', 'id', 'role', 'status', 'team']);
      expect(users.map((u) => u.email)).toEqual([...users.map((u) => u.email)].sort());
    });

    it('refuses a bad new user with every field error (400) and an email in use (409), changing nothing', async () => {
      const before = await tableCounts(t.database.handle, staffTables);
      const cases: [unknown, string[]][] = [
        [{ email: 'not an email', role: 'boss' }, ['email', 'role']],
        [{ email: 'team@anchor.test', role: 'team' }, ['team']],
        [{ email: 'intake@anchor.test', role: 'intake', team: 'police' }, ['team']],
        [{ email: 'team@anchor.test', role: 'team', team: 'marketing' }, ['team']],
        [[], ['']],
      ];
      for (const [body, paths] of cases) {
        const res = await add(body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        const { errors } = (await res.json()) as Errors;
        expect(errors.map((e) => e.path).sort(), JSON.stringify(body)).toEqual(paths);
      }
      expect((await add({ email: 'dup@anchor.test', role: 'admin' })).status).toBe(201);
      const dup = await add({ email: 'DUP@anchor.test', role: 'intake' });
      expect(dup.status).toBe(409);
      expect(((await dup.json()) as Errors).errors[0]).toMatchObject({ path: 'email', code: 'email_taken' });
      const after = await tableCounts(t.database.handle, staffTables);
      expect(after.staff_users).toBe(before.staff_users! + 1);
      expect(after.enrolments).toBe(before.enrolments! + 1);
    });

    it('deactivates a person: status deactivated, sessions ended; unknown ids are 404 and an admin cannot deactivate themselves', async () => {
      const who = await enrolledStaff(t, clock);
      const session = sessionCookie(await signInAs(t, clock, who));
      const res = await staffPost(t, `/users/${who.userId}/deactivate`, undefined, { cookie: admin.cookie });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { user: UserJson }).user).toMatchObject({ id: who.userId, status: 'deactivated' });
      expect(await isSignedIn(t, session)).toBe(false);
      expect((await staffPost(t, `/users/${crypto.randomUUID()}/deactivate`, undefined, { cookie: admin.cookie })).status).toBe(404);
      expect((await staffPost(t, '/users/not-an-id/deactivate', undefined, { cookie: admin.cookie })).status).toBe(404);
      const self = await staffPost(t, `/users/${admin.userId}/deactivate`, undefined, { cookie: admin.cookie });
      expect(self.status).toBe(409);
      expect(await isSignedIn(t, admin.cookie)).toBe(true);
    });

    it('a reset revokes password, authenticator and recovery codes, ends sessions, and a new link enrols again', async () => {
      const who = await enrolledStaff(t, clock, { role: 'team', team: 'youth-work' });
      const session = sessionCookie(await signInAs(t, clock, who));
      clock.advance(30_000);
      const res = await staffPost(t, `/users/${who.userId}/reset`, undefined, { cookie: admin.cookie });
      expect(res.status).toBe(200);
      const { user, enrolmentLink } = (await res.json()) as { user: UserJson; enrolmentLink: string };
      expect(user).toMatchObject({ status: 'pending', role: 'team', team: 'youth-work' });
      expect(await isSignedIn(t, session)).toBe(false);
      const { rows } = await t.database.handle.query('select 1 from recovery_codes where user_id = $1', [who.userId]);
      expect(rows).toEqual([]);
      // The old password with a fresh code, or a recovery code, no longer signs in.
      expect((await signInAs(t, clock, who)).status).toBe(401);
      expect((await signInAs(t, clock, who, { code: who.recoveryCodes[0]! })).status).toBe(401);

      const token = linkToken(enrolmentLink);
      const newPassword = 'Routasilta-hiekkalaatikko-38';
      const start = await staffPost(t, '/auth/enrol/start', { token, password: newPassword });
      const { totpSecret } = (await start.json()) as { totpSecret: string };
      expect(totpSecret).not.toBe(who.secret);
      const finish = await staffPost(t, '/auth/enrol/finish', { token, code: totpCode(totpSecret, clock.now()) });
      expect(finish.status).toBe(200);
      clock.advance(30_000);
      expect((await signInAs(t, clock, { ...who, password: newPassword, secret: totpSecret })).status).toBe(200);
      const { rows: purposes } = await t.database.handle.query<{ purpose: string }>('select purpose from enrolments where user_id = $1 order by created_at', [who.userId]);
      expect(purposes.map((r) => r.purpose)).toEqual(['enrol', 'reset']);
    });

    it('a reset makes the earlier link useless, and is refused for a deactivated person', async () => {
      const first = await add({ email: 'twice@anchor.test', role: 'intake' });
      const { user, enrolmentLink } = (await first.json()) as { user: UserJson; enrolmentLink: string };
      const reset = await staffPost(t, `/users/${user.id}/reset`, undefined, { cookie: admin.cookie });
      expect(reset.status).toBe(200);
      const old = await staffPost(t, '/auth/enrol/start', { token: linkToken(enrolmentLink), password: 'Routasilta-hiekkalaatikko-38' });
      expect(((await old.json()) as Errors).errors[0]).toMatchObject({ code: 'link_used' });
      await staffPost(t, `/users/${user.id}/deactivate`, undefined, { cookie: admin.cookie });
      const refused = await staffPost(t, `/users/${user.id}/reset`, undefined, { cookie: admin.cookie });
      expect(refused.status).toBe(409);
      expect(await refused.json()).toEqual({ error: 'user_deactivated' });
    });

    it('is for admins only', async () => {
      const intake = await signedInStaff(t.database.handle.db, 'intake', null, clock.now());
      expect((await staffGet(t, '/users', intake.cookie)).status).toBe(403);
      expect((await staffPost(t, '/users', { email: 'x@anchor.test', role: 'admin' }, { cookie: intake.cookie })).status).toBe(403);
    });
  });
}
