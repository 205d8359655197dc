import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { goodPassword, linkToken, signInAs, staffPost, testClock } from '../../tests/support/staff-auth.ts';
import { rawTableText } from '../../tests/support/tables.ts';
import { totpCode } from '../../tests/support/totp.ts';
import { addStaffUser, deactivateStaffUser } from '../staff/users.ts';

type Errors = { errors: { path: string; code: string; message: string }[] };

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`staff enrolment on ${kind}`, () => {
    let t: TestApp;
    const clock = testClock();
    beforeAll(async () => {
      t = await createTestApp(kind, {}, { now: clock.now });
    });
    afterAll(() => t.close());

    const newUser = async (email = `new-${crypto.randomUUID().slice(0, 8)}@anchor.test`) => {
      const added = await addStaffUser(t.database.handle.db, { email, role: 'team', team: 'police' }, { now: clock.now(), publicOrigin: t.env.PUBLIC_ORIGIN });
      if (added.outcome !== 'added') throw new Error('not added');
      return { ...added, token: linkToken(added.link), email };
    };
    const userRow = async (id: string) =>
      (await t.database.handle.query<{ status: string; password_hash: string | null; totp_secret: string | null }>('select * from staff_users where id = $1', [id])).rows[0]!;

    it('puts the token in the fragment of a link to the public origin, valid for 24 hours', async () => {
      const { link, expiresAt } = await newUser();
      expect(link).toMatch(/^http:\/\/portal\.test\/staff\/enrol\/#[\w-]{43}$/);
      expect(expiresAt.getTime() - clock.now().getTime()).toBe(24 * 3_600_000);
      // Only a hash of the token is stored.
      expect(await rawTableText(t.database.handle, 'enrolments')).not.toContain(linkToken(link));
    });

    it('enrols end to end: password and authenticator, then 10 recovery codes shown once; the person can sign in', async () => {
      const { token, user, email } = await newUser();
      const start = await staffPost(t, '/auth/enrol/start', { token, password: goodPassword });
      expect(start.status).toBe(200);
      const { totpSecret, otpauthUri, qrSvg } = (await start.json()) as { totpSecret: string; otpauthUri: string; qrSvg: string };
      expect(totpSecret).toMatch(/^[A-Z2-7]{32}$/);
      const uri = new URL(otpauthUri);
      expect(uri.protocol).toBe('otpauth:');
      expect(uri.host).toBe('totp');
      expect(decodeURIComponent(uri.pathname)).toBe(`/Ankkuri:${email}`);
      expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret: totpSecret, issuer: 'Ankkuri', algorithm: 'SHA1', digits: '6', period: '30' });
      // Drawn on the server: an SVG with no outside reference.
      expect(qrSvg).toMatch(/^<svg[^>]*viewBox="[^"]+"/);
      expect(qrSvg.replace('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:|href/);
      expect((await userRow(user.id)).status).toBe('pending');

      const finish = await staffPost(t, '/auth/enrol/finish', { token, code: totpCode(totpSecret, clock.now()) });
      expect(finish.status).toBe(200);
      const { recoveryCodes } = (await finish.json()) as { recoveryCodes: string[] };
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      for (const code of recoveryCodes) expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      const row = await userRow(user.id);
      expect(row.status).toBe('active');
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=65536,t=2,p=1\$/);
      const stored = await rawTableText(t.database.handle, 'recovery_codes');
      for (const code of recoveryCodes) expect(stored).not.toContain(code);

      clock.advance(30_000);
      const signIn = await signInAs(t, clock, { userId: user.id, email, password: goodPassword, secret: totpSecret, recoveryCodes });
      expect(signIn.status).toBe(200);
    });

    it('refuses a link once used, for either step, and keeps the enrolment it made', async () => {
      const { token, user } = await newUser();
      const start = await staffPost(t, '/auth/enrol/start', { token, password: goodPassword });
      const { totpSecret } = (await start.json()) as { totpSecret: string };
      expect((await staffPost(t, '/auth/enrol/finish', { token, code: totpCode(totpSecret, clock.now()) })).status).toBe(200);
      const before = await userRow(user.id);

      const again = await staffPost(t, '/auth/enrol/start', { token, password: `${goodPassword}-other` });
      expect(again.status).toBe(400);
      expect(((await again.json()) as Errors).errors[0]).toMatchObject({ path: 'token', code: 'link_used' });
      const finish = await staffPost(t, '/auth/enrol/finish', { token, code: totpCode(totpSecret, clock.now()) });
      expect(finish.status).toBe(400);
      expect(((await finish.json()) as Errors).errors[0]).toMatchObject({ path: 'token', code: 'link_used' });
      expect(await userRow(user.id)).toEqual(before);
    });

    it('refuses an expired link (after 24 hours) and changes nothing', async () => {
      const { token, user } = await newUser();
      clock.advance(24 * 3_600_000 + 1_000);
      const res = await staffPost(t, '/auth/enrol/start', { token, password: goodPassword });
      expect(res.status).toBe(400);
      const { errors } = (await res.json()) as Errors;
      expect(errors).toEqual([{ path: 'token', code: 'link_expired', message: expect.any(String) }]);
      const row = await userRow(user.id);
      expect(row).toMatchObject({ status: 'pending', password_hash: null, totp_secret: null });
    });

    it('refuses an unknown token, and the link of a person deactivated before enrolling', async () => {
      const unknown = await staffPost(t, '/auth/enrol/start', { token: 'x'.repeat(43), password: goodPassword });
      expect(((await unknown.json()) as Errors).errors[0]).toMatchObject({ path: 'token', code: 'link_invalid' });
      const { token, user } = await newUser();
      await deactivateStaffUser(t.database.handle.db, user.id, clock.now());
      const res = await staffPost(t, '/auth/enrol/start', { token, password: goodPassword });
      expect(((await res.json()) as Errors).errors[0]).toMatchObject({ path: 'token', code: 'link_invalid' });
    });

    it('refuses a weak, common or short password with an error in the request language, and stores nothing', async () => {
      const { token, user, email } = await newUser('mikko.virtanen@anchor.test');
      const cases: [string, string][] = [
        ['password1234', 'weak'],
        ['salasana1234', 'weak'],
        ['qwertyuiop12', 'weak'],
        ['short-1A!', 'too_short'],
        [email, 'weak'],
        ['mikko.virtanen2026', 'weak'],
      ];
      for (const [password, code] of cases) {
        const res = await t.app.request('/api/staff/auth/enrol/start', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin', 'Accept-Language': 'en' },
          body: JSON.stringify({ token, password }),
        });
        expect(res.status, password).toBe(400);
        const { errors } = (await res.json()) as Errors;
        expect(errors, password).toEqual([expect.objectContaining({ path: 'password', code })]);
        expect(errors[0]!.message).toBeTruthy();
      }
      expect(await userRow(user.id)).toMatchObject({ status: 'pending', password_hash: null, totp_secret: null });
    });

    it('refuses a wrong code at the second step, and finishing before the first; the link stays usable', async () => {
      const { token, user } = await newUser();
      const early = await staffPost(t, '/auth/enrol/finish', { token, code: '123456' });
      expect(((await early.json()) as Errors).errors[0]).toMatchObject({ code: 'not_started' });
      const start = await staffPost(t, '/auth/enrol/start', { token, password: goodPassword });
      const { totpSecret } = (await start.json()) as { totpSecret: string };
      const good = totpCode(totpSecret, clock.now());
      const wrong = good === '000000' ? '111111' : '000000';
      const res = await staffPost(t, '/auth/enrol/finish', { token, code: wrong });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Errors).errors[0]).toMatchObject({ path: 'code', code: 'code_invalid' });
      expect((await userRow(user.id)).status).toBe('pending');
      expect((await staffPost(t, '/auth/enrol/finish', { token, code: good })).status).toBe(200);
    });

    it('answers 400 with field errors to a malformed body, and 415 to a form post', async () => {
      const res = await staffPost(t, '/auth/enrol/start', { token: 'short' });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Errors).errors.map((e) => e.path).sort()).toEqual(['password', 'token']);
      const form = await t.app.request('/api/staff/auth/enrol/start', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
        body: 'token=x',
      });
      expect(form.status).toBe(415);
    });
  });
}
