import fc from 'fast-check';
import { caseStatuses, outcomes } from '../../src/shared/casework/lifecycle.ts';
import { contactMethods, contactOutcomes, purposes } from '../../server/casework/requests.ts';
import { queues } from '../../server/intake/routing.ts';
import { concernFields, contactFields, humanMeta } from './forms.ts';
import { fillRoute, type RouteInfo } from './route-table.ts';

/**
 * fast-check arbitraries of hostile HTTP requests: methods, headers, cookies,
 * path segments, query strings and bodies, both random and shaped like what
 * a route expects (so that a request gets past the first check now and then).
 */

/** What the arbitraries may pick from the database under test. */
export interface FuzzKnowns {
  caseIds: string[];
  references: string[];
  userIds: string[];
  /** What an enrolled person knows: a sign-in may use them (a TOTP code is {@link CURRENT_TOTP}, filled in when sent). */
  credentials: { email: string; password: string; recoveryCodes: string[] };
  /** Tokens of enrolment links not used yet. */
  enrolmentTokens: string[];
}

/** Stands for the enrolled person's current TOTP code in a body; the test replaces it as it sends. */
export const CURRENT_TOTP = '@current-totp@';

/** The methods a request may use. */
export const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** A header value a client can actually send: no CR, LF or NUL, no outer whitespace. */
const headerSafe = (s: string): string =>
  s
    .replace(/[^\t\x20-\x7e\x80-\xff]/g, '?')
    .replace(/^[\t ]+|[\t ]+$/g, '');

const garbage = fc.string({ unit: 'binary-ascii', maxLength: 200 }).map(headerSafe);
const huge = fc.integer({ min: 8_000, max: 70_000 }).map((n) => 'A'.repeat(n));

/** A header value: garbage, huge, or one of the values that matter. */
const headerValue = (...meaningful: string[]) =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...meaningful) }, { weight: 2, arbitrary: garbage }, { weight: 1, arbitrary: huge.map((h) => h.slice(0, 9_000)) });

const contentType = headerValue(
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json;;;',
  'application/jsonx',
  'text/plain',
  'text/html',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  '',
);
const secFetchSite = headerValue('same-origin', 'same-site', 'cross-site', 'none', 'Same-Origin', '');
const origin = headerValue('http://portal.test', 'https://portal.test', 'http://evil.test', 'null', 'http://portal.test.evil.test');
const idempotencyKey = headerValue('abcdefgh-1234', 'short', 'a'.repeat(129), '../../etc', '🙂🙂🙂🙂🙂🙂🙂🙂'.replace(/[^\x20-\x7e]/g, '?'));
const forwardedFor = headerValue('203.0.113.7', '203.0.113.7, 127.0.0.1', '::1', 'not-an-ip', '1.2.3.4, , ,', '999.999.999.999', '::ffff:10.0.0.1', ', ,');
const acceptLanguage = headerValue('fi', 'sv-FI,sv;q=0.9', 'en', 'ar', 'xx-YY', '*', 'fi;q=abc', ';;;,,,');
const ifNoneMatch = headerValue('*', '"x"', 'W/"x"', '');
const acceptEncoding = headerValue('br', 'gzip', 'br;q=0', 'gzip, br', 'identity', '*;q=0');

/** Optional request headers, each present or absent at random. */
export const headersArb = fc.record(
  {
    'Content-Type': contentType,
    'Sec-Fetch-Site': secFetchSite,
    Origin: origin,
    'Idempotency-Key': idempotencyKey,
    'X-Forwarded-For': forwardedFor,
    'Accept-Language': acceptLanguage,
    'If-None-Match': ifNoneMatch,
    'Accept-Encoding': acceptEncoding,
  },
  { requiredKeys: [] },
);

/** A path segment in place of a route parameter: known ids and references, and everything a router or parser may trip on. */
export function segmentArb(knowns: FuzzKnowns, alternatives: string[] | undefined, likely: readonly string[] = []): fc.Arbitrary<string> {
  const known = [...knowns.caseIds, ...knowns.userIds, ...knowns.references];
  return fc.oneof(
    // What the parameter names (a case id for /cases/:id, a user id for /users/:id) comes up most.
    { weight: likely.length ? 10 : 0, arbitrary: fc.constantFrom(...(likely.length ? likely : [''])) },
    // A parameter with a fixed set of values (`:kind{contact|concern}`) mostly gets one of them, so the request reaches the handler.
    { weight: alternatives ? 40 : 0, arbitrary: fc.constantFrom(...(alternatives ?? [''])) },
    { weight: 4, arbitrary: fc.constantFrom(...known) },
    { weight: 1, arbitrary: fc.constantFrom(...knowns.references).map((r) => `${r.slice(0, 4)}-${r.slice(4)}`.toLowerCase()) },
    { weight: 2, arbitrary: fc.uuid().map(String) },
    {
      weight: 2,
      arbitrary: fc.constantFrom('..', '.', '%00', '%2e%2e', '%2F', '%', '%E0%A4%A', '%ZZ', '%C0%AE', '00000000-0000-0000-0000-000000000000', 'by-reference', 'print', 'null', 'undefined', '-1', '0', 'NaN', '', ' ', '*', '%20'),
    },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.integer({ min: 300, max: 8_000 }).map((n) => 'x'.repeat(n)) },
  );
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

// Dates JavaScript accepts that a database may not, and the edges of the range.
const edgeDates = fc.constantFrom(
  '-271821-04-20T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '0000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '2026-02-30T00:00:00Z',
  '2026-03-02T08:00:00+14:00',
  '1970-01-01T00:00:00Z',
  'not a date',
  '',
);
const anyDateString = fc.oneof(edgeDates, fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
const bigInts = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e21, 1e308, 0.5, -0),
);

/** A pagination cursor: random text, or base64url JSON shaped like the real ones with extreme values. */
const cursorArb = (knowns: FuzzKnowns) =>
  fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.jsonValue({ maxDepth: 2 }).map(base64url),
    fc.tuple(bigInts, anyDateString, fc.oneof(fc.constantFrom(...knowns.caseIds), fc.uuid().map(String))).map(base64url),
    fc.tuple(anyDateString, fc.oneof(fc.constantFrom(...knowns.caseIds), fc.uuid().map(String))).map(base64url),
  );

const queryValue = (knowns: FuzzKnowns) =>
  fc.oneof(
    fc.constantFrom(...purposes, ...queues, ...caseStatuses, 'open', 'all', '1', 'true', '0', '2026-01', '1900-01', '0000-01', '9999-12', '2026-13'),
    bigInts.map(String),
    cursorArb(knowns),
    fc.string({ unit: 'binary', maxLength: 50 }),
    huge.map((h) => h.slice(0, 2_000)),
  );

// The query parameters each list reads, with values that matter to it.
const listKeys = (path: string): string[] => {
  if (path.endsWith('/cases')) return ['status', 'queue', 'priority', 'overdue', 'mine', 'after', 'limit'];
  if (path.endsWith('/spam') || path.endsWith('/audit')) return ['after', 'limit'];
  if (path.includes('/stats')) return ['from', 'to'];
  if (path.endsWith('/cases/:id')) return ['purpose'];
  return [];
};

/** A query string (with its `?`), or nothing; for a route that reads a query, often the keys it reads. */
export const queryArb = (knowns: FuzzKnowns, route?: RouteInfo) => {
  const own = route ? listKeys(route.path) : [];
  const pairs = (keys: string[]) =>
    fc
      .array(fc.tuple(fc.constantFrom(...keys), queryValue(knowns)), { minLength: 1, maxLength: 4 })
      .map((list) => `?${list.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 3, arbitrary: pairs(['purpose', 'status', 'queue', 'priority', 'overdue', 'mine', 'after', 'limit', 'from', 'to', 'x', '__proto__']) },
    { weight: own.length ? 4 : 0, arbitrary: pairs(own.length ? own : ['x']) },
    // A cursor made to look real, with extreme values inside.
    { weight: own.includes('after') ? 3 : 0, arbitrary: cursorArb(knowns).map((c) => `?after=${encodeURIComponent(c)}`) },
    { weight: 1, arbitrary: fc.constantFrom('?', '?&&', '?purpose', '?after=%', '?limit=%E0%A4%A', '?a=1&a=2&a=3') },
    // What a case view needs, so that views get through too.
    { weight: 2, arbitrary: fc.constantFrom(...purposes).map((p) => `?purpose=${p}`) },
  );
};

/** Stands for the current version of the case a request names; the test replaces it as it sends. */
export const CURRENT_VERSION = '@current-version@';

// Mostly the case's current version (so that changes go through and the next request meets a changed case).
const version = fc.oneof(
  { weight: 4, arbitrary: fc.constant(CURRENT_VERSION) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 6 }) },
  { weight: 1, arbitrary: fc.oneof(bigInts, fc.constant('1'), fc.constant(null)) },
);
const textish = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: 0, max: 5_000 }).map((n) => 'n'.repeat(n)));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const chosen = <T>(values: readonly T[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) });

/** A JSON body shaped like the one the route expects, with random and extreme values in it. */
export function shapedBody(route: RouteInfo, knowns: FuzzKnowns, kind: string | undefined): fc.Arbitrary<unknown> {
  const ids = fc.oneof(fc.constantFrom(...knowns.userIds), fc.uuid().map(String), fc.constant(null), textish);
  const refs = fc.oneof(fc.constantFrom(...knowns.references), textish);
  const p = route.path;
  if (p.startsWith('/api/forms/')) {
    const valid = (kind === 'concern' ? concernFields() : contactFields()) as unknown as Record<string, unknown>;
    const keys = [...Object.keys(valid), 'meta', '__proto__'];
    return fc
      .record({
        mutations: fc.oneof(fc.constant([]), fc.array(fc.tuple(fc.constantFrom(...keys), fc.oneof(fc.jsonValue({ maxDepth: 2 }), textish)), { maxLength: 3 })),
        meta: fc.oneof(
          { weight: 3, arbitrary: fc.constant(humanMeta()) },
          { weight: 1, arbitrary: fc.record({ locale: fc.constantFrom('fi', 'sv', 'xx'), website: textish, startedAt: bigInts, sentAt: bigInts }) },
        ),
      })
      .map(({ mutations, meta }) => {
        const body: Record<string, unknown> = { ...valid, meta };
        for (const [key, value] of mutations) body[key] = value;
        return body;
      });
  }
  // Sign-in and enrolment sometimes with what a real person knows, so that a wrong half meets a right half.
  const { credentials } = knowns;
  const known = <T>(values: readonly T[]) => fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: textish });
  const code = known([CURRENT_TOTP, ...credentials.recoveryCodes, '000000']);
  if (p.endsWith('/auth/sign-in')) {
    return fc.record({ email: known([credentials.email, credentials.email.toUpperCase()]), password: known([credentials.password, `${credentials.password}x`]), code }, { requiredKeys: [] });
  }
  if (p.endsWith('/auth/enrol/start')) return fc.record({ token: known(knowns.enrolmentTokens), password: known([credentials.password, 'password123']) }, { requiredKeys: [] });
  if (p.endsWith('/auth/enrol/finish')) return fc.record({ token: known(knowns.enrolmentTokens), code }, { requiredKeys: [] });
  if (p === '/api/staff/users') {
    return fc.record({
      email: fc.oneof(fc.emailAddress(), textish),
      role: chosen(['intake', 'team', 'admin']),
      team: maybe(chosen([...queues, null])),
    });
  }
  if (p.endsWith('/route')) return fc.record({ queue: chosen(queues), reason: maybe(textish), version });
  if (p.endsWith('/assign')) return fc.record({ assigneeId: ids, version });
  if (p.endsWith('/status')) return fc.record({ status: chosen(caseStatuses), outcome: maybe(chosen(outcomes)), version });
  if (p.endsWith('/contact-attempts')) {
    return fc.record({
      at: fc.oneof(anyDateString, fc.constant(new Date().toISOString())),
      method: chosen(contactMethods),
      outcome: chosen(contactOutcomes),
      version,
    });
  }
  if (p.endsWith('/notes')) return fc.record({ text: textish, version });
  if (p.endsWith('/link')) return fc.record({ otherReference: refs, version });
  if (p.endsWith('/restore')) return fc.record({ version });
  return fc.jsonValue({ maxDepth: 2 });
}

/** A request body: nothing, random JSON, random text or bytes, a huge string, or JSON shaped for the route. */
export function bodyArb(route: RouteInfo, knowns: FuzzKnowns, kind: string | undefined, shapedWeight = 5): fc.Arbitrary<string | Uint8Array<ArrayBuffer> | undefined> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    { weight: 1, arbitrary: fc.integer({ min: 20_000, max: 70_000 }).map((n) => `{"text":"${'x'.repeat(n)}"}`) },
    { weight: shapedWeight, arbitrary: shapedBody(route, knowns, kind).map((v) => JSON.stringify(v)) },
  );
}

/** A concrete URL path for a route: its parameters replaced by hostile or known segments, a rest path for `*`. */
export function pathArb(route: RouteInfo, knowns: FuzzKnowns): fc.Arbitrary<{ path: string; kind: string | undefined }> {
  const names = [...route.path.matchAll(/:(\w+)(\{([^}]*)\})?/g)].map((m) => ({ name: m[1]!, alternatives: m[3]?.split('|') }));
  const rest = fc.oneof(
    fc.constantFrom('fi/', 'sv/', 'en/parents/', 'fi', 'en/parents', '_astro/app.abc123.js', '404.html', '', 'fi/../../etc/passwd', 'fi/%00', '%2e%2e/%2e%2e/', 'ar/'),
    fc.array(segmentArb(knowns, undefined), { maxLength: 3 }).map((s) => s.join('/')),
  );
  const likely = (name: string): readonly string[] => {
    if (name === 'ref') return knowns.references;
    if (name !== 'id') return [];
    return route.path.includes('/users/') ? knowns.userIds : knowns.caseIds;
  };
  return fc.tuple(fc.tuple(...names.map((n) => segmentArb(knowns, n.alternatives, likely(n.name)))), rest).map(([values, restPath]) => {
    const byName = new Map(names.map((n, i) => [n.name, values[i]!]));
    return { path: fillRoute(route.path, (name) => byName.get(name)!, restPath), kind: byName.get('kind') };
  });
}
