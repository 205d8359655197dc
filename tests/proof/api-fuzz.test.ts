import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '../../server/staff/sessions.ts';
import { addStaffUser } from '../../server/staff/users.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { staffCall, submitCase } from '../support/casework.ts';
import { concernFields, contactFields, fromAddress, humanMeta } from '../support/forms.ts';
import { bodyArb, CURRENT_TOTP, CURRENT_VERSION, headersArb, methods, pathArb, queryArb, type FuzzKnowns } from '../support/http-arbitraries.ts';
import { enrolledStaff, linkToken, testClock, type EnrolledStaff } from '../support/staff-auth.ts';
import { totpCode } from '../support/totp.ts';
import { isStaffPath, routeName, routeTable, type RouteInfo } from '../support/route-table.ts';
import { signedInStaff } from '../support/staff.ts';
import { changedTables, tableState, type TableState } from '../support/table-state.ts';

/**
 * Whole-API fuzzing: random requests at every route of the app's route
 * table. Whatever arrives, the app never answers 5xx, every /api answer is
 * JSON, and a refused request (4xx) leaves every table of cases, staff and
 * sessions exactly as it was.
 */

// Runs per property; their sum is the figure the closing report quotes.
const RUNS = { anything: 6_000, staff: 3_000, forms: 1_500 } as const;

const cookieKinds = ['none', 'garbage', 'garbage-session', 'intake', 'youth', 'social', 'admin', 'expired', 'two'] as const;
type CookieKind = (typeof cookieKinds)[number];
type PoolRole = 'intake' | 'youth' | 'social' | 'admin';
const poolRoles: Record<PoolRole, ['intake' | 'team' | 'admin', string | null]> = {
  intake: ['intake', null],
  youth: ['team', 'youth-work'],
  social: ['team', 'social-work'],
  admin: ['admin', null],
};

const totals = { runs: 0, fiveHundreds: 0, rejected: 0, accepted: 0, statuses: new Map<number, number>() };
// Requests per route of the table, and how many of them were accepted (2xx/3xx).
const perRoute = new Map<string, { sent: number; accepted: number }>();

describe('whole-API fuzzing', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  let knowns: FuzzKnowns;
  const pool = new Map<PoolRole, { userId: string; sessionId: string }>();
  const startedAt = new Date();
  let state: TableState;
  let enrolled: EnrolledStaff;

  /** Makes sure each role has a live session (an accepted request may have signed one out, reset or deactivated its user). */
  async function ensurePool() {
    const db = t.database.handle.db;
    for (const [name, [role, team]] of Object.entries(poolRoles) as [PoolRole, (typeof poolRoles)[PoolRole]][]) {
      const held = pool.get(name);
      if (held) {
        const me = await t.app.request('/api/staff/me', { headers: { Cookie: `${SESSION_COOKIE}=${held.sessionId}` } });
        if (me.status === 200) continue;
        const { rows } = await t.database.handle.query<{ status: string }>('select status from staff_users where id = $1', [held.userId]);
        if (rows[0]?.status === 'active') {
          // Signed out: a new session for the same person.
          pool.set(name, { userId: held.userId, sessionId: await createSession(db, held.userId, new Date()) });
          continue;
        }
      }
      // Reset or deactivated (or the first time): a new person in that role.
      const fresh = await signedInStaff(db, role, team);
      pool.set(name, { userId: fresh.userId, sessionId: fresh.sessionId });
    }
  }

  /** A session created 13 hours ago: past the absolute limit, so the server deletes it when it is presented. */
  async function expiredSession(): Promise<string> {
    const old = new Date(startedAt.getTime() - 13 * 3_600_000);
    return createSession(t.database.handle.db, pool.get('intake')!.userId, old);
  }

  async function cookieHeader(kind: CookieKind, garbage: string): Promise<string | undefined> {
    switch (kind) {
      case 'none':
        return undefined;
      case 'garbage':
        return garbage;
      case 'garbage-session':
        return `${SESSION_COOKIE}=${garbage}`;
      case 'expired':
        return `${SESSION_COOKIE}=${await expiredSession()}`;
      case 'two':
        return `${SESSION_COOKIE}=${garbage}; ${SESSION_COOKIE}=${pool.get('intake')!.sessionId}`;
      default:
        return `${SESSION_COOKIE}=${pool.get(kind)!.sessionId}`;
    }
  }

  beforeAll(async () => {
    // The loopback peer is a trusted proxy, so X-Forwarded-For garbage is parsed, not ignored.
    t = await createTestApp('pglite', { TRUSTED_PROXIES: '127.0.0.1', FLOOD_THRESHOLD_PER_MINUTE: '100000', RATE_LIMIT_PER_WIDE_NETWORK: '100000' });
    routes = routeTable(t.app);
    const db = t.database.handle.db;
    const submitted = [
      await submitCase(t, 'contact', { ...contactFields(), writer: 'self', categories: ['other'] }),
      await submitCase(t, 'contact'),
      await submitCase(t, 'concern', concernFields()),
      await submitCase(t, 'contact', contactFields(), { ...humanMeta(), website: 'http://spam.test' }),
    ];
    // An enrolled person (their password, TOTP secret and recovery codes known), and two unused enrolment links.
    const clock = testClock(new Date().toISOString());
    enrolled = await enrolledStaff(t, clock, { email: 'enrolled@anchor.test', role: 'intake' });
    const tokens: string[] = [];
    for (const email of ['invited-1@anchor.test', 'invited-2@anchor.test']) {
      const added = await addStaffUser(db, { email, role: 'team', team: 'police' }, { now: new Date(), publicOrigin: t.env.PUBLIC_ORIGIN });
      if (added.outcome === 'added') tokens.push(linkToken(added.link));
    }
    knowns = {
      caseIds: submitted.map((s) => s.id),
      references: submitted.map((s) => s.reference),
      userIds: [],
      credentials: { email: enrolled.email, password: enrolled.password, recoveryCodes: enrolled.recoveryCodes.slice(0, 3) },
      enrolmentTokens: tokens,
    };
    await ensurePool();
    // Confirm the first case to youth work and the second to social work, so team members reach cases too.
    const intakeCookie = `${SESSION_COOKIE}=${pool.get('intake')!.sessionId}`;
    expect((await staffCall(t, intakeCookie, 'POST', `/cases/${submitted[0]!.id}/route`, { queue: 'youth-work', version: 1 })).status).toBe(200);
    expect((await staffCall(t, intakeCookie, 'POST', `/cases/${submitted[1]!.id}/route`, { queue: 'social-work', reason: 'fuzz fixture', version: 1 })).status).toBe(200);
    // A person added but not yet enrolled, whom an admin may reset or deactivate.
    const pending = await addStaffUser(db, { email: 'pending@anchor.test', role: 'team', team: 'police' }, { now: new Date(), publicOrigin: t.env.PUBLIC_ORIGIN });
    if (pending.outcome === 'added') knowns.userIds.push(pending.user.id);
    knowns.userIds.push(pool.get('intake')!.userId, pool.get('youth')!.userId, pool.get('admin')!.userId);
    state = await tableState(t.database.handle, startedAt);
  }, 60_000);

  afterAll(async () => {
    const byStatus = [...totals.statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ');
    console.log(
      `api-fuzz: ${totals.runs} requests in total, ${totals.fiveHundreds} answered 5xx; ${totals.rejected} refused (4xx) with every guarded table unchanged, ${totals.accepted} accepted. By status: ${byStatus}`,
    );
    const quiet = [...perRoute.entries()].filter(([, n]) => n.accepted === 0).map(([name]) => name);
    console.log(`api-fuzz: ${perRoute.size} routes reached; never accepted under fuzzing: ${quiet.join(', ') || 'none'}`);
    await t?.close();
  });

  /** Sends one fuzzed request and checks the three properties. */
  async function exercise(req: { route: string; method: string; path: string; query: string; headers: Record<string, string>; cookie: CookieKind; garbage: string; body: string | Uint8Array<ArrayBuffer> | undefined; peer: string }) {
    const headers: Record<string, string> = { ...req.headers };
    const cookie = await cookieHeader(req.cookie, req.garbage);
    if (cookie !== undefined) headers.Cookie = cookie;
    const carriesBody = req.method !== 'GET' && req.method !== 'HEAD';
    const url = `${req.path}${req.query}`;
    // The enrolled person's code of this moment, where the body asks for it.
    let body = typeof req.body === 'string' ? req.body.replaceAll(CURRENT_TOTP, totpCode(enrolled.secret, new Date())) : req.body;
    // The version of the case the path names, where the body asks for it (1 when the path names none).
    if (typeof body === 'string' && body.includes(CURRENT_VERSION)) {
      const id = knowns.caseIds.find((c) => req.path.includes(c));
      const { rows } = id ? await t.database.handle.query<{ version: number }>('select version from cases where id = $1', [id]) : { rows: [] };
      body = body.replaceAll(`"${CURRENT_VERSION}"`, String(rows[0]?.version ?? 1));
    }
    const res = await t.app.request(url, { method: req.method, headers, body: carriesBody ? body : undefined }, fromAddress(req.peer));
    const text = await res.text();
    // As app.request() builds it (a leading // is a path here, not a host).
    const pathname = new URL(`http://localhost${url}`).pathname;
    const label = `${req.method} ${url.slice(0, 200)} → ${res.status}`;

    totals.runs++;
    const tally = perRoute.get(req.route) ?? { sent: 0, accepted: 0 };
    tally.sent++;
    if (res.status < 400) tally.accepted++;
    perRoute.set(req.route, tally);
    totals.statuses.set(res.status, (totals.statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500) totals.fiveHundreds++;
    expect(res.status, `${label}: ${text.slice(0, 200)}`).toBeLessThan(500);

    const isApi = pathname === '/api' || pathname.startsWith('/api/');
    // The statistics' CSV export is the one /api answer that is not JSON by design.
    const csvExport = pathname === '/api/staff/stats.csv' && res.status === 200;
    if (isApi && req.method !== 'HEAD' && res.status !== 204 && res.status !== 304 && !csvExport) {
      expect(res.headers.get('Content-Type'), label).toMatch(/^application\/json/);
      expect(() => JSON.parse(text), label).not.toThrow();
    }

    const after = await tableState(t.database.handle, startedAt);
    if (res.status >= 400) {
      totals.rejected++;
      expect(changedTables(state, after), `${label}: a refused request changed tables`).toEqual([]);
    } else {
      totals.accepted++;
      // An accepted request may have changed the staff (sign-out, reset, deactivation): keep every role signed in.
      if (isStaffPath(pathname) && req.method !== 'GET') await ensurePool();
    }
    state = await tableState(t.database.handle, startedAt);
  }

  const requestArb = (routeArb: fc.Arbitrary<RouteInfo>, options: { sameOriginJson?: 'always' | 'sometimes'; cookies?: readonly CookieKind[]; deep?: boolean } = {}) =>
    routeArb.chain((route) =>
      fc
        .record({
          method: fc.oneof({ weight: options.deep ? 12 : 3, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom(...methods) }),
          target: pathArb(route, knowns),
          query: queryArb(knowns, route),
          headers: headersArb.map((h) => h as Record<string, string>),
          cookie: fc.constantFrom(...(options.cookies ?? cookieKinds)),
          garbage: fc.string({ unit: 'binary-ascii', maxLength: 120 }).map((s) => s.replace(/[^\x21-\x7e]/g, 'x')),
          peer: fc.constantFrom('127.0.0.1', '198.51.100.4', '::1', '2001:db8::5'),
          sameOrigin: options.sameOriginJson === 'always' ? fc.constant(true) : options.sameOriginJson === 'sometimes' ? fc.boolean() : fc.constant(false),
        })
        // The body is shaped for the kind of form the path actually names.
        .chain((r) =>
          // Deep: mostly a body shaped for the route, so that requests get past validation to the actions.
          bodyArb(route, knowns, r.target.kind, options.deep ? 30 : 5).map((body) => ({
            ...r,
            route: routeName(route),
            body,
            headers: r.sameOrigin ? { ...r.headers, 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' } : r.headers,
          })),
        ),
    );

  it(`survives ${RUNS.anything} random requests at every route (any method, header, cookie, path and body)`, async () => {
    expect(routes.length).toBeGreaterThan(25);
    await fc.assert(
      fc.asyncProperty(requestArb(fc.constantFrom(...routes)), async (r) =>
        exercise({ route: r.route, method: r.method, path: r.target.path, query: r.query, headers: r.headers, cookie: r.cookie, garbage: r.garbage, body: r.body, peer: r.peer }),
      ),
      { numRuns: RUNS.anything },
    );
  }, 170_000);

  it(`survives ${RUNS.staff} same-origin JSON requests at every staff route as signed-in staff of every role`, async () => {
    const staffRoutes = routes.filter((r) => isStaffPath(r.path));
    expect(staffRoutes.length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(requestArb(fc.constantFrom(...staffRoutes), { sameOriginJson: 'always', deep: true, cookies: ['intake', 'youth', 'social', 'admin', 'intake', 'intake', 'expired'] }), async (r) =>
        exercise({ route: r.route, method: r.method, path: r.target.path, query: r.query, headers: r.headers, cookie: r.cookie, garbage: r.garbage, body: r.body ?? '{}', peer: r.peer }),
      ),
      { numRuns: RUNS.staff },
    );
  }, 170_000);

  it(`survives ${RUNS.forms} form submissions shaped like the forms, with hostile headers`, async () => {
    const formRoutes = routes.filter((r) => r.path.startsWith('/api/forms/'));
    expect(formRoutes.map(routeName)).toEqual(['GET /api/forms/challenge', 'POST /api/forms/:kind{contact|concern}']);
    await fc.assert(
      fc.asyncProperty(requestArb(fc.constantFrom(...formRoutes), { sameOriginJson: 'sometimes', cookies: ['none', 'garbage'] }), async (r) =>
        // The challenge route with its own query (half the time a real form's), the forms by POST.
        exercise({ route: r.route, method: r.route.startsWith('GET ') ? 'GET' : 'POST', path: r.target.path, query: r.route.startsWith('GET ') ? (r.garbage.length % 2 ? '?kind=contact' : r.query) : '', headers: r.headers, cookie: r.cookie, garbage: r.garbage, body: r.body ?? '{}', peer: r.peer }),
      ),
      { numRuns: RUNS.forms },
    );
  }, 170_000);


  it('reached every route of the table, each many times', () => {
    // After the properties: vitest runs a file's tests in order.
    for (const route of routes) expect(perRoute.get(routeName(route))?.sent ?? 0, routeName(route)).toBeGreaterThanOrEqual(50);
  });
});
