import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Db } from '../../server/db/client.ts';
import { createSession, SESSION_COOKIE } from '../../server/staff/sessions.ts';
import { loadSite, type Site } from '../../server/static/site.ts';
import { appRoles, requestsFor, runAccessMatrix } from '../support/access-matrix.ts';
import { createAppOn, createTestApp, fixtureSiteDir, useSubmissionLimits, type TestApp } from '../support/app.ts';
import { staffCall, submitCase } from '../support/casework.ts';
import { concernFields, contactFields, fromAddress, humanMeta, sameOriginJson } from '../support/forms.ts';
import { headerViolations } from '../support/header-policy.ts';
import { methods } from '../support/http-arbitraries.ts';
import { routeName, routeTable } from '../support/route-table.ts';
import { signedInStaff } from '../support/staff.ts';

/**
 * Security headers (the policy in tests/support/header-policy.ts, described
 * in README.md "Security headers") on every route, as every caller, on
 * every ROLE, with every method, and on every status the app produces,
 * 500 included; a 500 says nothing of what went wrong.
 */

// What a thrown error carries that must never reach a response or the log.
const SECRET = 'boom: relation "cases" password=hunter2 at /srv/anchor/server/db/client.ts:42';
const leaks = [/boom/i, /hunter2/, /\bat \//, /\.ts:\d+/, /Error:/, /relation/];

/** A database whose every query throws (a dropped connection, a broken deployment). */
function brokenDatabase(): { handle: DatabaseHandle; url: undefined; drop(): Promise<void> } {
  const fail = () => {
    throw new Error(SECRET);
  };
  const db = new Proxy({}, { get: () => fail }) as unknown as Db;
  return { handle: { db, driver: 'postgres', description: 'broken', query: async () => fail(), close: async () => {} }, url: undefined, drop: async () => {} };
}

/** The fixture site, but looking up anything under /boom throws. */
function brokenSite(): Site {
  const site = loadSite(fixtureSiteDir());
  const throwing = (path: string) => {
    if (path.startsWith('/boom')) throw new Error(SECRET);
  };
  return {
    get: (path: string) => (throwing(path), site.get(path)),
    has: (path: string) => (throwing(path), site.has(path)),
    size: site.size,
    forEach: site.forEach.bind(site),
    entries: site.entries.bind(site),
    keys: site.keys.bind(site),
    values: site.values.bind(site),
    [Symbol.iterator]: site[Symbol.iterator].bind(site),
  } as Site;
}

const seen = new Map<number, number>();
let checked = 0;

/** Checks one response against the policy; records its status. */
function expectPolicy(label: string, res: Response, path: string, servesStaff = true) {
  checked++;
  seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
  expect(headerViolations(res, { path, servesStaff }), `${label} → ${res.status}`).toEqual([]);
}

describe('security headers', () => {
  let t: TestApp;
  let broken: TestApp;
  let intake: { cookie: string; userId: string };
  let admin: { cookie: string; userId: string };
  let fixture: { id: string; reference: string };

  beforeAll(async () => {
    t = await createTestApp('pglite', { FLOOD_THRESHOLD_PER_MINUTE: '100000', RATE_LIMIT_PER_WIDE_NETWORK: '100000' });
    const db = t.database.handle.db;
    intake = await signedInStaff(db, 'intake');
    admin = await signedInStaff(db, 'admin');
    fixture = await submitCase(t);
    broken = createAppOn(brokenDatabase(), {}, { site: brokenSite() });
  });
  afterAll(async () => {
    const statuses = [...seen.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(', ');
    console.log(`headers: ${checked} responses checked against the policy; by status: ${statuses}`);
    await t?.close();
  });

  it('holds on every route as every caller on every ROLE (the access matrix)', async () => {
    await runAccessMatrix('pglite', {
      inspect: (cell, res) => expectPolicy(`ROLE=${cell.app} ${cell.row} as ${cell.role}`, res, new URL(`http://localhost${cell.url}`).pathname, cell.app !== 'public'),
    });
    expect(appRoles).toHaveLength(3);
  }, 120_000);

  it('holds on every route with every method, signed in or not', async () => {
    const routes = routeTable(t.app);
    for (const route of routes) {
      for (const request of requestsFor(route, { caseId: fixture.id, reference: fixture.reference })) {
        for (const method of methods) {
          for (const signedIn of [false, true]) {
            // A session of its own each time: sign-out in one request must not sign out the next.
            const cookie = signedIn ? `${SESSION_COOKIE}=${await createSession(t.database.handle.db, intake.userId, new Date())}` : undefined;
            const carriesBody = method !== 'GET' && method !== 'HEAD';
            const res = await t.app.request(request.url, { method, headers: { ...sameOriginJson, ...(cookie ? { Cookie: cookie } : {}) }, body: carriesBody ? JSON.stringify(request.body) : undefined });
            await res.arrayBuffer();
            expectPolicy(`${method} ${routeName(route)}${cookie ? ' signed in' : ''}`, res, new URL(`http://localhost${request.url}`).pathname);
          }
        }
      }
    }
  }, 120_000);

  // Each status the app produces, provoked on purpose: [label, expected status, request].
  type Provocation = [string, number, () => Response | Promise<Response>, string];
  const get = (path: string, headers: Record<string, string> = {}) => () => t.app.request(path, { headers });
  const post = (path: string, body: string, headers: Record<string, string> = sameOriginJson, app = () => t) => () => app().app.request(path, { method: 'POST', headers, body }, fromAddress('192.0.2.77'));
  const form = (fields: object = contactFields()) => JSON.stringify({ ...fields, meta: humanMeta() });

  it('holds on every status the app produces, and each is produced', async () => {
    const page = await t.app.request('/fi/');
    const etag = page.headers.get('ETag')!;
    const provocations: Provocation[] = [
      ['a page', 200, get('/fi/'), '/fi/'],
      ['a staff app page', 200, get('/staff/fi/'), '/staff/fi/'],
      ['a page, HEAD', 200, () => t.app.request('/fi/', { method: 'HEAD' }), '/fi/'],
      ['an asset', 200, get('/_astro/app.abc123.js'), '/_astro/app.abc123.js'],
      ['readiness', 200, get('/api/health'), '/api/health'],
      // /metrics lives on METRICS_PORT only: on the app's ports it is an unknown page like any other.
      ['no metrics on the public port', 404, get('/metrics'), '/metrics'],
      ['no metrics under the API', 404, get('/api/metrics'), '/api/metrics'],
      ['a flood challenge', 200, get('/api/forms/challenge?kind=contact'), '/api/forms/challenge'],
      ['a flood challenge for no form', 400, get('/api/forms/challenge?kind=x'), '/api/forms/challenge'],
      ['who am I', 200, get('/api/staff/me', { Cookie: intake.cookie }), '/api/staff/me'],
      ['statistics as CSV', 200, get('/api/staff/stats.csv', { Cookie: admin.cookie }), '/api/staff/stats.csv'],
      ['a contact form accepted', 201, post('/api/forms/contact', form()), '/api/forms/contact'],
      ['a concern accepted', 201, post('/api/forms/concern', form(concernFields())), '/api/forms/concern'],
      ['sign-out', 204, post('/api/staff/auth/sign-out', '', { 'Sec-Fetch-Site': 'same-origin' }), '/api/staff/auth/sign-out'],
      ['a folder without its slash', 301, get('/fi'), '/fi'],
      ['the root, by language', 302, get('/', { 'Accept-Language': 'sv' }), '/'],
      ['a page not modified', 304, get('/fi/', { 'If-None-Match': etag }), '/fi/'],
      ['a form with errors', 400, post('/api/forms/contact', '{}'), '/api/forms/contact'],
      ['a case opened without a purpose', 400, get(`/api/staff/cases/${fixture.id}`, { Cookie: intake.cookie }), `/api/staff/cases/${fixture.id}`],
      ['the staff API without a session', 401, get('/api/staff/cases'), '/api/staff/cases'],
      ['a sign-in with wrong credentials', 401, post('/api/staff/auth/sign-in', JSON.stringify({ email: 'nobody@anchor.test', password: 'wrong-password', code: '123456' })), '/api/staff/auth/sign-in'],
      ['a form from another site', 403, post('/api/forms/contact', form(), { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' }), '/api/forms/contact'],
      ['a staff change from another site', 403, post('/api/staff/auth/sign-out', '', { 'Sec-Fetch-Site': 'cross-site' }), '/api/staff/auth/sign-out'],
      ['statistics as intake', 403, get('/api/staff/stats', { Cookie: intake.cookie }), '/api/staff/stats'],
      ['an unknown API path', 404, get('/api/nothing-here'), '/api/nothing-here'],
      ['an unknown page', 404, get('/fi/nothing-here'), '/fi/nothing-here'],
      ['an unknown staff user', 404, post('/api/staff/users/00000000-0000-4000-8000-000000000000/reset', '', { 'Sec-Fetch-Site': 'same-origin', Cookie: admin.cookie }), '/api/staff/users/00000000-0000-4000-8000-000000000000/reset'],
      ['a stale version', 409, post(`/api/staff/cases/${fixture.id}/notes`, JSON.stringify({ text: 'x', version: 99 }), { ...sameOriginJson, Cookie: intake.cookie }), `/api/staff/cases/${fixture.id}/notes`],
      ['an email already taken', 409, post('/api/staff/users', JSON.stringify({ email: 'taken@anchor.test', role: 'intake' }), { ...sameOriginJson, Cookie: admin.cookie }), '/api/staff/users'],
      ['a form over 64 KB', 413, post('/api/forms/contact', JSON.stringify({ description: 'x'.repeat(70_000) })), '/api/forms/contact'],
      ['a note over 32 KB', 413, post(`/api/staff/cases/${fixture.id}/notes`, JSON.stringify({ text: 'x'.repeat(40_000), version: 1 }), { ...sameOriginJson, Cookie: intake.cookie }), `/api/staff/cases/${fixture.id}/notes`],
      ['a form as text', 415, post('/api/forms/contact', form(), { 'Content-Type': 'text/plain', 'Sec-Fetch-Site': 'same-origin' }), '/api/forms/contact'],
      ['a sign-in as a web form', 415, post('/api/staff/auth/sign-in', 'email=a', { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' }), '/api/staff/auth/sign-in'],
      ['the API on a broken database', 500, () => broken.app.request('/api/staff/me', { headers: { Cookie: intake.cookie } }), '/api/staff/me'],
      ['a form on a broken database', 500, post('/api/forms/contact', form(), sameOriginJson, () => broken), '/api/forms/contact'],
      ['a page whose lookup throws', 500, () => broken.app.request('/boom/page'), '/boom/page'],
      ['readiness on a broken database', 503, () => broken.app.request('/api/health'), '/api/health'],
    ];
    // The second of two users with one email is refused.
    expect((await staffCall(t, admin.cookie, 'POST', '/users', { email: 'taken@anchor.test', role: 'intake' })).status).toBe(201);
    for (const [label, status, send, path] of provocations) {
      const res = await send();
      const body = await res.text();
      expect(res.status, `${label}: ${body.slice(0, 200)}`).toBe(status);
      expectPolicy(label, res, path);
    }
    // Rate limits: the sixth form from one address in ten minutes, the sixth sign-in to one account in fifteen.
    for (let i = 0; i < 6; i++) {
      const res = await t.app.request('/api/forms/contact', { method: 'POST', headers: sameOriginJson, body: form() }, fromAddress('192.0.2.99'));
      expect(res.status).toBe(i < 5 ? 201 : 429);
      expectPolicy(`form ${i + 1} from one address`, res, '/api/forms/contact');
    }
    for (let i = 0; i < 6; i++) {
      const res = await t.app.request('/api/staff/auth/sign-in', { method: 'POST', headers: sameOriginJson, body: JSON.stringify({ email: 'guess@anchor.test', password: `guess-${i}`, code: '000000' }) }, fromAddress('192.0.2.98'));
      expect(res.status).toBe(i < 5 ? 401 : 429);
      expectPolicy(`sign-in ${i + 1} to one account`, res, '/api/staff/auth/sign-in');
    }
    // Flood mode: past the threshold (1 a minute here, the owner's setting that submit_case reads), a form without a proof of work.
    const flooded = createAppOn(t.database, { FLOOD_THRESHOLD_PER_MINUTE: '1' });
    await useSubmissionLimits(t.database, { FLOOD_THRESHOLD_PER_MINUTE: '1', RATE_LIMIT_PER_WIDE_NETWORK: '100000' });
    for (let i = 0; i < 2; i++) {
      const res = await flooded.app.request('/api/forms/contact', { method: 'POST', headers: sameOriginJson, body: form() }, fromAddress(`192.0.2.${110 + i}`));
      // The first may already find this minute's forms above the threshold.
      expect(i === 0 ? [201, 428] : [428]).toContain(res.status);
      expectPolicy(`flood form ${i + 1}`, res, '/api/forms/contact');
    }
    const wanted = [200, 201, 204, 301, 302, 304, 400, 401, 403, 404, 409, 413, 415, 428, 429, 500, 503];
    expect(wanted.filter((s) => !seen.has(s)), 'statuses never produced').toEqual([]);
  }, 60_000);

  it('answers a 500 with nothing of the error: JSON for the API, a page for the site', async () => {
    const api = await broken.app.request('/api/staff/me', { headers: { Cookie: intake.cookie } });
    expect(api.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(await api.json()).toEqual({ error: 'internal_error' });
    const form = await broken.app.request('/api/forms/contact', { method: 'POST', headers: sameOriginJson, body: JSON.stringify({ ...contactFields(), meta: humanMeta() }) });
    expect(await form.json()).toEqual({ error: 'internal_error' });
    const page = await broken.app.request('/boom/page');
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toMatch(/^<!doctype html>/i);
    for (const pattern of leaks) expect(html).not.toMatch(pattern);
    // The log says that something failed, and where, but not the error's message.
    const errors = broken.logs.filter((l) => l.includes('unhandled error'));
    expect(errors.length).toBeGreaterThanOrEqual(3);
    for (const line of errors) for (const pattern of [/hunter2/, /relation/, /client\.ts/]) expect(line).not.toMatch(pattern);
  });
});
