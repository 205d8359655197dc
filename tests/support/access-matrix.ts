import { randomBytes } from 'node:crypto';
import { generateKeyPair, publicOnly } from '../../server/crypto/keys.ts';
import { createSession, SESSION_COOKIE } from '../../server/staff/sessions.ts';
import { createAppOn, keyringFrom, useSubmissionLimits, type TestApp } from './app.ts';
import { staffCall, submitCase } from './casework.ts';
import { createTestDatabase, type DatabaseKind } from './databases.ts';
import { routeTable, type RouteInfo } from './route-table.ts';
import { signedInStaff } from './staff.ts';

/**
 * The access-control matrix: every route of the app's route table, as
 * every kind of caller, on every ROLE a process can run as. The expected
 * answer is derived from what each route declares (requireRole's `.access`;
 * routes outside the staff API are open), so a route added tomorrow is in
 * the matrix tomorrow, and a staff route without requireRole() is a failure.
 * Shared by tests/proof/access-matrix.test.ts and `npm run security:matrix`.
 */

/** Who calls: nobody signed in, or a signed-in person of each role (team members of two teams). */
export const matrixRoles = ['anonymous', 'intake', 'team:youth-work', 'team:social-work', 'admin'] as const;
/** One of {@link matrixRoles}. */
export type MatrixRole = (typeof matrixRoles)[number];

/** How a matrix role is written in a table's heading. */
export const roleHeading: Record<MatrixRole, string> = {
  anonymous: 'anonymous',
  intake: 'intake',
  'team:youth-work': 'team (youth-work)',
  'team:social-work': 'team (social-work)',
  admin: 'admin',
};

/** The ROLE a process runs as: both faces, the public site and forms only, or the staff API only. */
export const appRoles = ['all', 'public', 'staff'] as const;
/** One of {@link appRoles}. */
export type AppRole = (typeof appRoles)[number];

/** The queue of the case the matrix uses for case routes: a youth worker may see it, a social worker may not. */
export const fixtureQueue = 'youth-work';

/** What a cell should answer: an exact status, or `allowed` (the request got past access control: neither 401 nor 403). */
export type Expectation = { kind: 'exactly'; status: number; json: boolean; why: string } | { kind: 'allowed'; why: string } | { kind: 'undeclared'; why: string };

/** Routes of one case, where a team member's access also depends on the case's team (case-access.ts maySee). */
export function isCaseScoped(path: string): boolean {
  return path.startsWith('/api/staff/cases/:id') || path.startsWith('/api/staff/cases/by-reference/') || path.startsWith('/api/staff/spam/:id');
}

const baseRole = (role: MatrixRole) => (role.startsWith('team:') ? 'team' : role);
const teamOf = (role: MatrixRole) => (role.startsWith('team:') ? role.slice('team:'.length) : null);

/** The answer a route should give a caller on a process of `app` role, from the route's declared access. */
export function expectedAnswer(route: RouteInfo, role: MatrixRole, app: AppRole): Expectation {
  const staffRoute = route.path.startsWith('/api/staff/');
  if (staffRoute && app === 'public') return { kind: 'exactly', status: 404, json: true, why: 'no staff API on a ROLE=public process' };
  if (route.path.startsWith('/api/forms/') && app === 'staff') return { kind: 'exactly', status: 404, json: true, why: 'no forms on a ROLE=staff process' };
  if (route.access === 'undeclared') return { kind: 'undeclared', why: 'a staff route without requireRole()' };
  if (route.access === 'open') return { kind: 'allowed', why: 'open route' };
  if (route.access.includes('public')) return { kind: 'allowed', why: "requireRole('public')" };
  if (role === 'anonymous') return { kind: 'exactly', status: 401, json: true, why: 'no session' };
  if (!route.access.includes(baseRole(role) as 'intake' | 'team' | 'admin')) return { kind: 'exactly', status: 403, json: true, why: `requireRole(${route.access.join(', ')})` };
  const team = teamOf(role);
  if (team !== null && isCaseScoped(route.path) && team !== fixtureQueue) {
    // By reference another team's case is exactly an unknown one: a reference must not tell what exists.
    if (route.path.startsWith('/api/staff/cases/by-reference/')) return { kind: 'exactly', status: 404, json: true, why: "another team's case, by reference" };
    return { kind: 'exactly', status: 403, json: true, why: "another team's case" };
  }
  return { kind: 'allowed', why: `requireRole(${route.access.join(', ')})` };
}

/** Whether an answer meets the expectation. */
export function meets(expected: Expectation, status: number, contentType: string): boolean {
  if (expected.kind === 'undeclared') return false;
  if (expected.kind === 'allowed') return status !== 401 && status !== 403 && status < 500;
  return status === expected.status && (!expected.json || contentType.startsWith('application/json'));
}

/** One checked cell. */
export interface MatrixCell {
  app: AppRole;
  /** The route's `METHOD pattern` (a parameter with fixed values becomes one row per value). */
  row: string;
  route: RouteInfo;
  role: MatrixRole;
  url: string;
  expected: Expectation;
  status: number;
  contentType: string;
  ok: boolean;
}

/** The matrix's result: every cell, and the route table of each ROLE's process. */
export interface MatrixResult {
  cells: MatrixCell[];
  tables: Record<AppRole, RouteInfo[]>;
  /** Rows of the matrix (routes, with fixed parameter values expanded). */
  rows: string[];
}

const nobody = '00000000-0000-4000-8000-000000000000';

/** The concrete requests for a route: one per value of a fixed-values parameter. */
export function requestsFor(route: RouteInfo, fixture: { caseId: string; reference: string }): { row: string; url: string; body: unknown }[] {
  const kinds = /:kind\{([^}]*)\}/.exec(route.path)?.[1]?.split('|') ?? [undefined];
  return kinds.map((kind) => {
    const path = route.path
      .replace(/:kind\{[^}]*\}/, kind ?? '')
      .replace(':id', isCaseScoped(route.path) || route.path.startsWith('/api/staff/audit/') ? fixture.caseId : nobody)
      .replace(':ref', fixture.reference)
      .replace(/\/\*$/, '/fi/');
    const query = route.path === '/api/staff/cases/:id' ? '?purpose=triage' : '';
    return { row: kind ? `${route.method} ${path}` : `${route.method} ${route.path}`, url: path + query, body: bodyFor(route.path, fixture.reference) };
  });
}

// Case actions get a well-formed body with a version that is never current: each request
// gets past validation to the access checks, and none changes anything (409 stale_version).
function bodyFor(path: string, reference: string): unknown {
  const version = 999_999;
  if (path.endsWith('/route')) return { queue: fixtureQueue, version };
  if (path.endsWith('/assign')) return { assigneeId: null, version };
  if (path.endsWith('/status')) return { status: 'triage', version };
  if (path.endsWith('/contact-attempts')) return { at: new Date().toISOString(), method: 'phone', outcome: 'no-answer', version };
  if (path.endsWith('/notes')) return { text: 'Access matrix', version };
  if (path.endsWith('/link')) return { otherReference: reference, version };
  if (path.endsWith('/restore')) return { version };
  return {};
}

/**
 * Builds one process of each ROLE on one shared database (as deployed
 * instances share PostgreSQL), a case confirmed to youth work, and a person
 * of each role; then calls every route as everyone on every process. Each
 * signed-in call gets a fresh session, so sign-out in one cell cannot sign
 * anyone out of the next. `inspect` sees every response (its body read).
 */
export async function runAccessMatrix(kind: DatabaseKind = 'pglite', options: { inspect?: (cell: MatrixCell, response: Response) => void } = {}): Promise<MatrixResult> {
  const database = await createTestDatabase(kind);
  try {
    // One deployment: the same keys everywhere, the public process holding only the public part.
    const keyring = keyringFrom(generateKeyPair());
    const auditKey = randomBytes(32);
    const env = { FLOOD_THRESHOLD_PER_MINUTE: '100000', RATE_LIMIT_PER_WIDE_NETWORK: '100000' };
    await useSubmissionLimits(database, env);
    const apps: Record<AppRole, TestApp> = {
      all: createAppOn(database, { ...env, ROLE: 'all' }, { keyring, auditKey }),
      public: createAppOn(database, { ...env, ROLE: 'public' }, { keyring: publicOnly(keyring) }),
      staff: createAppOn(database, { ...env, ROLE: 'staff' }, { keyring, auditKey }),
    };
    const db = database.handle.db;
    const people = {
      intake: await signedInStaff(db, 'intake'),
      'team:youth-work': await signedInStaff(db, 'team', 'youth-work'),
      'team:social-work': await signedInStaff(db, 'team', 'social-work'),
      admin: await signedInStaff(db, 'admin'),
    };
    const fixture = await submitCase(apps.all);
    const routed = await staffCall(apps.all, people.intake.cookie, 'POST', `/cases/${fixture.id}/route`, { queue: fixtureQueue, reason: 'access matrix fixture', version: 1 });
    if (routed.status !== 200) throw new Error(`could not route the fixture case: ${routed.status}`);

    const tables = Object.fromEntries(appRoles.map((a) => [a, routeTable(apps[a].app)])) as Record<AppRole, RouteInfo[]>;
    const cells: MatrixCell[] = [];
    const rows = new Set<string>();
    for (const app of appRoles) {
      for (const route of tables.all) {
        for (const request of requestsFor(route, { caseId: fixture.id, reference: fixture.reference })) {
          rows.add(request.row);
          for (const role of matrixRoles) {
            const headers: Record<string, string> = { 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' };
            if (role !== 'anonymous') headers.Cookie = `${SESSION_COOKIE}=${await createSession(db, people[role].userId, new Date())}`;
            const carriesBody = route.method !== 'GET' && route.method !== 'HEAD';
            const res = await apps[app].app.request(request.url, { method: route.method, headers, body: carriesBody ? JSON.stringify(request.body) : undefined });
            await res.arrayBuffer();
            const contentType = res.headers.get('Content-Type') ?? '';
            const expected = expectedAnswer(route, role, app);
            const cell = { app, row: request.row, route, role, url: request.url, expected, status: res.status, contentType, ok: meets(expected, res.status, contentType) };
            cells.push(cell);
            options.inspect?.(cell, res);
          }
        }
      }
    }
    return { cells, tables, rows: [...rows] };
  } finally {
    await database.drop();
  }
}

/** The matrix as Markdown: one table per ROLE, a row per route, the status each caller got (✗ where it is not the expected one). */
export function matrixMarkdown(result: MatrixResult): string {
  const lines: string[] = [];
  for (const app of appRoles) {
    lines.push(`### ROLE=${app}`, '', `| Route | ${matrixRoles.map((r) => roleHeading[r]).join(' | ')} |`, `|---|${matrixRoles.map(() => '---').join('|')}|`);
    for (const row of result.rows) {
      const cells = matrixRoles.map((role) => {
        const cell = result.cells.find((c) => c.app === app && c.row === row && c.role === role)!;
        if (cell.ok) return String(cell.status);
        const wanted = cell.expected.kind === 'exactly' ? String(cell.expected.status) : cell.expected.kind === 'allowed' ? 'not 401/403' : 'a requireRole()';
        return `✗ ${cell.status} (expected ${wanted})`;
      });
      lines.push(`| \`${row}\` | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  const failures = result.cells.filter((c) => !c.ok).length;
  lines.push(
    `${result.rows.length} routes × ${matrixRoles.length} roles × ${appRoles.length} ROLE settings = ${result.cells.length} routes × roles checked; ${failures} not as declared.`,
  );
  return lines.join('\n');
}
