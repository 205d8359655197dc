import * as argon2 from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { fromAddress } from '../../tests/support/forms.ts';
import { enrolledStaff, sessionCookie, signInAs, someClient, staffGet, staffPost, testClock, isSignedIn } from '../../tests/support/staff-auth.ts';
import { signedInStaff } from '../../tests/support/staff.ts';
import { rawTableText } from '../../tests/support/tables.ts';
import { totpCode } from '../../tests/support/totp.ts';
import { addStaffUser } from '../staff/users.ts';
import { signIn } from '../staff/sign-in.ts';
import { accountHash, signInLimits } from '../staff/throttle.ts';

// The real argon2, watched: a test counts how often a password is checked.
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof argon2>();
  return { ...real, verify: vi.fn(real.verify) };
});
const verifyCalls = () => vi.mocked(argon2.verify).mock.calls.length;

const invalid = { error: 'invalid_credentials' };

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`staff sign-in on ${kind}`, () => {
    let t: TestApp;
    const clock = testClock();
    beforeAll(async () => {
      t = await createTestApp(kind, {}, { now: clock.now });
    });
    afterAll(() => t.close());

    it('signs in with password and TOTP code: a Secure, HttpOnly, SameSite=Strict __Host- cookie and who is signed in', async () => {
      const who = await enrolledStaff(t, clock, { role: 'team', team: 'social-work' });
      const res = await signInAs(t, clock, who);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        email: who.email,
        role: 'team',
        team: 'social-work',
        idleExpiresAt: new Date(clock.now().getTime() + 30 * 60_000).toISOString(),
      });
      const setCookie = res.headers.getSetCookie();
      expect(setCookie).toHaveLength(1);
      const attributes = setCookie[0]!.split(';').map((a) => a.trim());
      expect(attributes[0]).toMatch(/^__Host-session=[\w-]{43}$/);
      expect(attributes.slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict', 'Secure']);
      const me = await staffGet(t, '/me', sessionCookie(res));
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ email: who.email, role: 'team', team: 'social-work' });
    });

    it('gives the same 401 for a wrong password, a wrong code, an unknown or unenrolled user, checking a password every time', async () => {
      const who = await enrolledStaff(t, clock);
      const pending = await addStaffUser(t.database.handle.db, { email: 'pending@anchor.test', role: 'intake', team: null }, { now: clock.now(), publicOrigin: 'x' });
      expect(pending.outcome).toBe('added');
      const good = totpCode(who.secret, clock.now());
      const attempts = [
        { password: `${who.password}x` },
        { code: good === '000000' ? '111111' : '000000' },
        { code: 'ABCD-EFGH-JKMN-PQRS' },
        { email: 'nobody@anchor.test' },
        { email: 'pending@anchor.test' },
        { email: 'nobody@anchor.test', code: 'ABCD-EFGH-JKMN-PQRS' },
      ];
      for (const overrides of attempts) {
        const before = verifyCalls();
        const res = await signInAs(t, clock, who, overrides);
        expect(res.status, JSON.stringify(overrides)).toBe(401);
        expect(await res.json()).toEqual(invalid);
        expect(res.headers.getSetCookie()).toEqual([]);
        // An unknown account costs the same argon2 check as a known one (against a dummy hash).
        expect(verifyCalls() - before, JSON.stringify(overrides)).toBe(1);
      }
      // None of those used up the right code: it still signs in.
      expect((await signInAs(t, clock, who)).status).toBe(200);
    });

    it('accepts a TOTP code once only: a replay is refused, in the same step or the next, and so is the enrolment code', async () => {
      const who = await enrolledStaff(t, clock);
      // The code of the step just before (accepted as clock drift) is the one used to enrol.
      const enrolmentCode = totpCode(who.secret, new Date(clock.now().getTime() - 30_000));
      expect(await (await signInAs(t, clock, who, { code: enrolmentCode })).json()).toEqual(invalid);
      const code = totpCode(who.secret, clock.now());
      expect((await signInAs(t, clock, who, { code })).status).toBe(200);
      expect(await (await signInAs(t, clock, who, { code })).json()).toEqual(invalid);
      clock.advance(30_000);
      expect((await signInAs(t, clock, who, { code })).status).toBe(401);
      expect((await signInAs(t, clock, who)).status).toBe(200);
    });

    it('accepts a recovery code (however it is typed) once only, and only with the password', async () => {
      const who = await enrolledStaff(t, clock);
      const code = who.recoveryCodes[3]!;
      expect((await signInAs(t, clock, who, { password: 'wrong password 123', code })).status).toBe(401);
      const typed = code.toLowerCase().replace(/-/g, ' ');
      expect((await signInAs(t, clock, who, { code: typed })).status).toBe(200);
      expect(await (await signInAs(t, clock, who, { code })).json()).toEqual(invalid);
      expect((await signInAs(t, clock, who, { code: who.recoveryCodes[4]! })).status).toBe(200);
      const { rows } = await t.database.handle.query<{ n: number }>('select count(*)::int as n from recovery_codes where user_id = $1 and used_at is not null', [who.userId]);
      expect(rows[0]!.n).toBe(2);
    });

    it('lets only one of two parallel sign-ins with the same TOTP code or recovery code through', async () => {
      const who = await enrolledStaff(t, clock);
      const code = totpCode(who.secret, clock.now());
      const byTotp = await Promise.all([signInAs(t, clock, who, { code }), signInAs(t, clock, who, { code })]);
      expect(byTotp.map((r) => r.status).sort()).toEqual([200, 401]);
      const recovery = who.recoveryCodes[0]!;
      const byRecovery = await Promise.all([signInAs(t, clock, who, { code: recovery }), signInAs(t, clock, who, { code: recovery })]);
      expect(byRecovery.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('slows one address guessing one account with growing waits (429, Retry-After) before any password is checked', async () => {
      const who = await enrolledStaff(t, clock);
      const attacker = fromAddress('203.0.113.40');
      for (let i = 0; i < 5; i++) expect((await signInAs(t, clock, who, { password: `guess number ${i}!` }, attacker)).status).toBe(401);
      // Then 1 s, 2 s, 4 s ... after each further failure; trying early is refused without a password check.
      for (const wait of [1, 2, 4, 8]) {
        const before = verifyCalls();
        const early = await signInAs(t, clock, who, { password: 'too early!' }, attacker);
        expect(early.status).toBe(429);
        expect(await early.json()).toMatchObject({ error: 'too_many_attempts', retryAfterSeconds: wait });
        expect(early.headers.get('Retry-After')).toBe(String(wait));
        expect(verifyCalls()).toBe(before);
        clock.advance(wait * 1000);
        expect((await signInAs(t, clock, who, { password: `after ${wait} s!` }, attacker)).status).toBe(401);
      }
      // The owner, from their own address, is not touched by any of it.
      expect((await signInAs(t, clock, who, {}, fromAddress('203.0.113.41'))).status).toBe(200);
    });

    it('50 failures from 10 addresses do not lock the owner out: from an eleventh address they sign in at once, with a code or a recovery code', async () => {
      const who = await enrolledStaff(t, clock);
      for (let a = 0; a < 10; a++) {
        for (let i = 0; i < 5; i++) expect((await signInAs(t, clock, who, { password: `guess ${a}-${i}!` }, fromAddress(`198.18.0.${a + 1}`))).status).toBe(401);
      }
      const res = await signInAs(t, clock, who, {}, fromAddress('198.18.0.11'));
      expect(res.status).toBe(200);
      expect((await signInAs(t, clock, who, { code: who.recoveryCodes[0]! }, fromAddress('198.18.0.12'))).status).toBe(200);
      // Counted and logged, never audited: an attacker cannot grow the chain.
      const { rows } = await t.database.handle.query<{ n: number }>(`select count(*)::int as n from audit_log where action = 'sign-in' and actor_id = $1`, [who.userId]);
      expect(rows[0]!.n).toBe(2);
      const failed = t.logs.filter((l) => l.includes('staff sign-in failed') && l.includes(who.userId));
      expect(failed.length).toBeGreaterThanOrEqual(50);
      expect(JSON.parse(failed.at(-1)!)).toMatchObject({ failures: { account: 49, pair: 4 } });
    });

    it('past the per-account ceiling refuses addresses that failed, slows clean ones, and never refuses the owner', async () => {
      const who = await enrolledStaff(t, clock);
      const db = t.database.handle.db;
      const limits = { ...signInLimits, accountCeiling: 6, ceilingDelayMs: 300 };
      const keys = (address: string) => ({ account: accountHash(who.email, t.clientKey), client: `client-${address}` });
      const attempt = (address: string, password: string, code = totpCode(who.secret, clock.now())) => signIn(db, { email: who.email, password, code }, { keys: keys(address), now: clock.now(), limits, totpKey: t.staffSecretKey });
      for (let a = 0; a < 6; a++) expect((await attempt(`a${a}`, 'wrong password!')).outcome).toBe('invalid');
      // Over the ceiling: an address that failed is refused outright.
      expect(await attempt('a0', who.password)).toMatchObject({ outcome: 'throttled' });
      // A fresh address may still guess once (slowed), and then is one that failed.
      let started = performance.now();
      expect((await attempt('fresh', 'wrong again!')).outcome).toBe('invalid');
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
      expect((await attempt('fresh', who.password)).outcome).toBe('throttled');
      // The owner from a clean address: slowed, and in.
      started = performance.now();
      expect((await attempt('owner', who.password)).outcome).toBe('signed_in');
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
      clock.advance(30_000);
      expect((await attempt('owner-2', who.password, who.recoveryCodes[1]!)).outcome).toBe('signed_in');
    });

    it('an admin lifts the throttle on an account (audited); nobody else can', async () => {
      const who = await enrolledStaff(t, clock);
      const client = fromAddress('203.0.113.90');
      for (let i = 0; i < 5; i++) await signInAs(t, clock, who, { password: `guess number ${i}!` }, client);
      expect((await signInAs(t, clock, who, { password: 'one more!' }, client)).status).toBe(429);
      const team = await signedInStaff(t.database.handle.db, 'intake', null, clock.now());
      expect((await staffPost(t, `/users/${who.userId}/unlock`, undefined, { cookie: team.cookie })).status).toBe(403);
      const admin = await signedInStaff(t.database.handle.db, 'admin', null, clock.now());
      const res = await staffPost(t, `/users/${who.userId}/unlock`, undefined, { cookie: admin.cookie });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ user: { id: who.userId }, cleared: 5 });
      expect((await signInAs(t, clock, who, {}, client)).status).toBe(200);
      const { rows } = await t.database.handle.query<{ actor_id: string; detail: unknown }>(`select actor_id, detail from audit_log where action = 'user-unlock' order by seq desc limit 1`);
      expect(rows[0]).toEqual({ actor_id: admin.userId, detail: { userId: who.userId, cleared: 5 } });
      expect((await staffPost(t, `/users/${crypto.randomUUID()}/unlock`, undefined, { cookie: admin.cookie })).status).toBe(404);
    });

    it('starts counting afresh after a successful sign-in', async () => {
      const who = await enrolledStaff(t, clock);
      for (let i = 0; i < 4; i++) await signInAs(t, clock, who, { password: `guess number ${i}!` });
      expect((await signInAs(t, clock, who)).status).toBe(200);
      clock.advance(30_000);
      for (let i = 0; i < 4; i++) expect((await signInAs(t, clock, who, { password: `again ${i}!` })).status).toBe(401);
      expect((await signInAs(t, clock, who)).status).toBe(200);
    });

    it('throttles a client address after 20 failures in 15 minutes, whichever accounts it tries', async () => {
      const who = await enrolledStaff(t, clock);
      const client = fromAddress('192.0.2.77');
      for (let i = 0; i < 20; i++) {
        const res = await signInAs(t, clock, who, { email: `guess-${i}@anchor.test` }, client);
        expect(res.status).toBe(401);
      }
      const before = verifyCalls();
      const res = await signInAs(t, clock, who, {}, client);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect(verifyCalls()).toBe(before);
      // The person themselves, from another address, is not affected.
      expect((await signInAs(t, clock, who, {}, someClient())).status).toBe(200);
    });

    it('a deactivated user is signed out at once and cannot sign in', async () => {
      const who = await enrolledStaff(t, clock);
      const session = sessionCookie(await signInAs(t, clock, who));
      expect(await isSignedIn(t, session)).toBe(true);
      const admin = await signedInStaff(t.database.handle.db, 'admin', null, clock.now());
      const res = await staffPost(t, `/users/${who.userId}/deactivate`, undefined, { cookie: admin.cookie });
      expect(res.status).toBe(200);
      expect(await isSignedIn(t, session)).toBe(false);
      clock.advance(30_000);
      expect(await (await signInAs(t, clock, who)).json()).toEqual(invalid);
    });

    it('replaces a session the browser already had', async () => {
      const who = await enrolledStaff(t, clock);
      const first = sessionCookie(await signInAs(t, clock, who));
      clock.advance(30_000);
      const res = await staffPost(t, '/auth/sign-in', { email: who.email, password: who.password, code: totpCode(who.secret, clock.now()) }, { cookie: first });
      expect(res.status).toBe(200);
      expect(await isSignedIn(t, first)).toBe(false);
      expect(await isSignedIn(t, sessionCookie(res))).toBe(true);
    });

    it('records every attempt with keyed hashes only: never the password, the email or the address', async () => {
      const who = await enrolledStaff(t, clock, { email: 'Recorded.Person@anchor.test'.toLowerCase() });
      const client = fromAddress('198.51.100.23');
      const { rows: before } = await t.database.handle.query<{ n: number }>('select count(*)::int as n from login_attempts');
      await signInAs(t, clock, who, { password: 'Wrong-Secret-Zq9' }, client);
      await signInAs(t, clock, who, {}, client);
      const { rows } = await t.database.handle.query<{ success: boolean }>('select success from login_attempts order by at desc, success desc limit 2');
      expect(rows.map((r) => r.success).sort()).toEqual([false, true]);
      const { rows: after } = await t.database.handle.query<{ n: number }>('select count(*)::int as n from login_attempts');
      expect(after[0]!.n - before[0]!.n).toBe(2);
      const text = await rawTableText(t.database.handle, 'login_attempts');
      for (const secret of [who.password, 'Wrong-Secret-Zq9', who.email, 'recorded.person', '198.51.100.23']) {
        expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
      }
      expect(t.logs.join('\n')).not.toMatch(/recorded\.person|Wrong-Secret|198\.51\.100/i);
    });

    it('answers 400 for a NUL in the email, recording nothing', async () => {
      const { rows: before } = await t.database.handle.query<{ n: number }>('select count(*)::int as n from login_attempts');
      const res = await staffPost(t, '/auth/sign-in', { email: 'some\u0000one@anchor.test', password: 'whatever password', code: '123456' });
      expect(res.status).toBe(400);
      const { errors } = (await res.json()) as { errors: { path: string }[] };
      expect(errors.map((e) => e.path)).toEqual(['email']);
      const { rows: after } = await t.database.handle.query<{ n: number }>('select count(*)::int as n from login_attempts');
      expect(after[0]!.n).toBe(before[0]!.n);
    });

    it('answers 400 with field errors when a field is missing, recording nothing', async () => {
      const res = await staffPost(t, '/auth/sign-in', { email: 'a@anchor.test' });
      expect(res.status).toBe(400);
      const { errors } = (await res.json()) as { errors: { path: string }[] };
      expect(errors.map((e) => e.path).sort()).toEqual(['code', 'password']);
    });
  });
}
