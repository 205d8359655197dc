import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fixtureSiteDir, type TestApp } from '../../tests/support/app.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { spawnServer, trackServers, waitHealthy } from '../../tests/support/process.ts';
import { goodPassword, signInAs, testClock } from '../../tests/support/staff-auth.ts';
import { totpCode } from '../../tests/support/totp.ts';
import { openDatabase, type Db } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { staffUsers } from '../db/schema/staff.ts';
import { hashPassword } from './passwords.ts';
import { staffSecretKeyFrom } from './secret-key.ts';
import { newTotpSecret } from './totp.ts';
import { isSealedTotpSecret, openTotpSecret, sealStoredTotpSecrets, sealTotpSecret } from './totp-seal.ts';

const track = trackServers();

/** A user as stored before STAFF_SECRET_KEY: the TOTP secret in plain base32. */
async function userWithPlainSecret(db: Db, email: string) {
  const secret = newTotpSecret();
  const [user] = await db
    .insert(staffUsers)
    .values({ email, role: 'intake', status: 'active', passwordHash: await hashPassword(goodPassword), totpSecret: secret })
    .returning({ id: staffUsers.id });
  return { userId: user!.id, email, password: goodPassword, secret, recoveryCodes: [] };
}

const stored = async (db: Db, id: string) => (await db.select({ s: staffUsers.totpSecret }).from(staffUsers).where(eq(staffUsers.id, id)))[0]!.s!;

describe('sealing a TOTP secret', () => {
  const key = staffSecretKeyFrom('a-staff-secret-key-for-tests-only-0123456789');
  it('opens for its user under its key only, and holds no trace of the secret', () => {
    const secret = newTotpSecret();
    const sealed = sealTotpSecret(secret, 'user-1', key);
    expect(isSealedTotpSecret(sealed)).toBe(true);
    expect(sealed).not.toContain(secret);
    expect(sealTotpSecret(secret, 'user-1', key)).not.toBe(sealed);
    expect(openTotpSecret(sealed, 'user-1', key)).toBe(secret);
    expect(openTotpSecret(sealed, 'user-2', key)).toBeUndefined();
    expect(openTotpSecret(sealed, 'user-1', staffSecretKeyFrom('another-staff-secret-key-0123456789abc'))).toBeUndefined();
    expect(openTotpSecret(secret, 'user-1', key)).toBeUndefined();
    expect(openTotpSecret(`${sealed.slice(0, -2)}AA`, 'user-1', key)).toBeUndefined();
  });
});

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`the TOTP migration on ${kind}`, () => {
    let t: TestApp;
    const clock = testClock();
    beforeAll(async () => {
      t = await createTestApp(kind, {}, { now: clock.now });
    });
    afterAll(() => t.close());

    it('seals the plain secrets once; sign-in works before (refused) and after (accepted); the column holds no secret', async () => {
      const db = t.database.handle.db;
      const people = [await userWithPlainSecret(db, 'first@anchor.test'), await userWithPlainSecret(db, 'second@anchor.test')];
      expect(await stored(db, people[0]!.userId)).toBe(people[0]!.secret);
      // A plain secret is never used to sign in.
      expect((await signInAs(t, clock, people[0]!)).status).toBe(401);
      clock.advance(30_000);

      expect(await sealStoredTotpSecrets(db, t.staffSecretKey)).toBe(2);
      expect(await sealStoredTotpSecrets(db, t.staffSecretKey)).toBe(0);
      for (const person of people) {
        const after = await stored(db, person.userId);
        expect(isSealedTotpSecret(after)).toBe(true);
        expect(after).not.toContain(person.secret);
        expect(openTotpSecret(after, person.userId, t.staffSecretKey)).toBe(person.secret);
        const signIn = await signInAs(t, clock, person);
        expect(signIn.status).toBe(200);
      }
      const { rows } = await t.database.handle.query<{ totp_secret: string }>('select totp_secret from staff_users');
      for (const person of people) expect(rows.map((r) => r.totp_secret).join('\n')).not.toContain(person.secret);
    });
  });
}

describe('the first start with STAFF_SECRET_KEY', () => {
  it('seals the secrets stored before it, and the person signs in with the same authenticator', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'anchor-totp-'));
    const handle = await openDatabase({ dataDir });
    await migrateDatabase(handle);
    const person = await userWithPlainSecret(handle.db, 'before@anchor.test');
    await handle.close();

    const env = { DATA_DIR: dataDir, SITE_DIR: fixtureSiteDir(), ROLE: 'staff', STAFF_SECRET_KEY: 'the-staff-secret-key-of-this-test-0123456789' };
    const s = track(await spawnServer(env));
    await waitHealthy(s.port);
    expect(s.output()).toContain('"sealed":1');
    const res = await fetch(`http://127.0.0.1:${s.port}/api/staff/auth/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' },
      body: JSON.stringify({ email: person.email, password: person.password, code: totpCode(person.secret, new Date()) }),
    });
    expect(res.status).toBe(200);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);

    const after = await openDatabase({ dataDir });
    try {
      const value = await stored(after.db, person.userId);
      expect(value).not.toContain(person.secret);
      expect(openTotpSecret(value, person.userId, staffSecretKeyFrom(env.STAFF_SECRET_KEY))).toBe(person.secret);
    } finally {
      await after.close();
    }
  }, 90_000);
});
