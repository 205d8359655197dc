import { expect } from 'vitest';
import type { TestApp } from './app.ts';
import { fromAddress } from './forms.ts';
import { totpCode } from './totp.ts';
import { addStaffUser, type NewStaffUser } from '../../server/staff/users.ts';

/** A clock a test moves by hand; give `now` to createTestApp. */
export function testClock(start = '2026-03-02T08:00:00Z') {
  let at = new Date(start).getTime();
  return {
    now: () => new Date(at),
    advance(ms: number) {
      at += ms;
    },
  };
}
export type TestClock = ReturnType<typeof testClock>;

/** A strong password for tests. */
export const goodPassword = 'Lumikko-sulkapallo-74-Hiidenkivi';

let nextAddress = 10;
/** A distinct client address per call, so the per-client sign-in limit stays out of tests not about it. */
export const someClient = () => fromAddress(`10.1.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 2}`);

/** A same-origin JSON POST to the staff API, with a session cookie and a client address when given. */
export function staffPost(t: TestApp, path: string, body?: unknown, options: { cookie?: string; client?: ReturnType<typeof fromAddress> } = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' };
  if (options.cookie) headers.Cookie = options.cookie;
  return t.app.request(`/api/staff${path}`, { method: 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) }, options.client ?? someClient());
}

/** A GET to the staff API with a session cookie. */
export function staffGet(t: TestApp, path: string, cookie?: string) {
  return t.app.request(`/api/staff${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

/** Whether `cookie` holds a live session: who-am-I answers 200 either way, saying which. */
export async function isSignedIn(t: TestApp, cookie?: string): Promise<boolean> {
  const res = await staffGet(t, '/me', cookie);
  expect(res.status).toBe(200);
  return ((await res.json()) as { signedIn: boolean }).signedIn;
}

/** The token in an enrolment link's fragment. */
export const linkToken = (link: string): string => new URL(link).hash.slice(1);

/** The `name=value` of the session cookie a response sets, for the next request's Cookie header. */
export function sessionCookie(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('__Host-session='));
  expect(set, 'a session cookie is set').toBeDefined();
  return set!.split(';')[0]!;
}

/** An enrolled person: what they know and hold. */
export interface EnrolledStaff {
  userId: string;
  email: string;
  password: string;
  secret: string;
  recoveryCodes: string[];
}

/** Adds a user and enrols them through the API, as a person would; the clock moves 30 s past the enrolment code. */
export async function enrolledStaff(t: TestApp, clock: TestClock, user: Partial<NewStaffUser> = {}, password = goodPassword): Promise<EnrolledStaff> {
  const email = user.email ?? `person-${crypto.randomUUID().slice(0, 8)}@anchor.test`;
  const added = await addStaffUser(t.database.handle.db, { email, role: user.role ?? 'intake', team: user.team ?? null }, { now: clock.now(), publicOrigin: t.env.PUBLIC_ORIGIN });
  if (added.outcome !== 'added') throw new Error('email taken');
  const token = linkToken(added.link);
  const start = await staffPost(t, '/auth/enrol/start', { token, password });
  expect(start.status).toBe(200);
  const { totpSecret } = (await start.json()) as { totpSecret: string };
  const finish = await staffPost(t, '/auth/enrol/finish', { token, code: totpCode(totpSecret, clock.now()) });
  expect(finish.status).toBe(200);
  const { recoveryCodes } = (await finish.json()) as { recoveryCodes: string[] };
  clock.advance(30_000);
  return { userId: added.user.id, email, password, secret: totpSecret, recoveryCodes };
}

/** Signs in with the current TOTP code; returns the response. */
export function signInAs(t: TestApp, clock: TestClock, who: EnrolledStaff, overrides: Partial<{ email: string; password: string; code: string }> = {}, client = someClient()) {
  return staffPost(t, '/auth/sign-in', { email: who.email, password: who.password, code: totpCode(who.secret, clock.now()), ...overrides }, { client });
}
