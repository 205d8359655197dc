import { beforeAll, describe, expect, it } from 'vitest';
import { appRoles, expectedAnswer, matrixMarkdown, matrixRoles, runAccessMatrix, type MatrixResult } from '../support/access-matrix.ts';
import { routeName } from '../support/route-table.ts';

/**
 * The access-control matrix (tests/support/access-matrix.ts): every route ×
 * {anonymous, intake, team of youth work, team of social work, admin} × the
 * three ROLE settings, each answer compared with what the route declares.
 */
describe('access-control matrix', () => {
  let result: MatrixResult;
  beforeAll(async () => {
    result = await runAccessMatrix('pglite');
    console.log(`access-matrix: ${matrixMarkdown(result).split('\n').at(-1)}`);
  }, 120_000);

  it('has every route of the route table in it, each declaring its access', () => {
    expect(result.tables.all.length).toBeGreaterThan(25);
    const undeclared = result.tables.all.filter((r) => r.access === 'undeclared').map(routeName);
    expect(undeclared, 'staff routes without requireRole()').toEqual([]);
    for (const app of appRoles) {
      for (const route of result.tables.all) {
        expect(result.cells.some((c) => c.app === app && c.route === route), `${routeName(route)} on ROLE=${app}`).toBe(true);
      }
    }
    expect(result.cells).toHaveLength(result.rows.length * matrixRoles.length * appRoles.length);
  });

  it('answers every route as every caller on every ROLE as the route declares', () => {
    const wrong = result.cells.filter((c) => !c.ok).map((c) => `ROLE=${c.app} ${c.row} as ${c.role}: ${c.status} (${c.contentType}), expected ${JSON.stringify(c.expected)}`);
    expect(wrong).toEqual([]);
  });

  it('splits the API by ROLE: no staff route on a public process, no form on a staff process', () => {
    expect(result.tables.public.filter((r) => r.path.startsWith('/api/staff')).map(routeName)).toEqual([]);
    expect(result.tables.staff.filter((r) => r.path.startsWith('/api/forms')).map(routeName)).toEqual([]);
    // Everything else is the same on each: the public process keeps the forms, the staff process the staff API.
    const names = (app: (typeof appRoles)[number]) => result.tables[app].map(routeName).sort();
    expect(names('public')).toEqual(names('all').filter((n) => !n.includes(' /api/staff/')));
    // (/flood.css belongs to the form pages: the busy notice for readers without JavaScript.)
    expect(names('staff')).toEqual(names('all').filter((n) => !n.includes(' /api/forms/') && n !== 'GET /flood.css'));
  });

  it('has no metrics route on any ROLE: /metrics is served on METRICS_PORT alone (server/metrics/server.ts)', () => {
    for (const app of appRoles) expect(result.tables[app].map(routeName).filter((n) => /metrics/i.test(n)), `ROLE=${app}`).toEqual([]);
  });

  it('is not vacuous: refusals and successes are both in it, and the two teams differ on a case', () => {
    const statuses = new Set(result.cells.map((c) => c.status));
    for (const s of [200, 401, 403, 404, 409]) expect(statuses, `status ${s} somewhere in the matrix`).toContain(s);
    const view = (role: string) => result.cells.find((c) => c.app === 'all' && c.row === 'GET /api/staff/cases/:id' && c.role === role)!.status;
    expect([view('team:youth-work'), view('team:social-work'), view('admin'), view('anonymous')]).toEqual([200, 403, 403, 401]);
  });

  it('declares exactly the reviewed policy (a new route, or a changed declaration, must be added here on purpose)', () => {
    const declared = Object.fromEntries(result.tables.all.map((r) => [routeName(r), r.access === 'open' || r.access === 'undeclared' ? r.access : r.access.join(' ')]));
    const staff = 'intake team admin';
    const casework = 'intake team';
    expect(declared).toEqual({
      'GET /api/health/live': 'open',
      'GET /api/health': 'open',
      'GET /api/forms/challenge': 'open',
      'GET /flood.css': 'open',
      'POST /api/forms/:kind{contact|concern}': 'open',
      'GET /api/staff/me': 'public',
      'POST /api/staff/auth/enrol/start': 'public',
      'POST /api/staff/auth/enrol/finish': 'public',
      'POST /api/staff/auth/sign-in': 'public',
      'POST /api/staff/auth/sign-out': 'public',
      'POST /api/staff/auth/keep-alive': staff,
      'GET /api/staff/users': 'admin',
      'POST /api/staff/users': 'admin',
      'POST /api/staff/users/:id/deactivate': 'admin',
      'POST /api/staff/users/:id/reset': 'admin',
      'POST /api/staff/users/:id/unlock': 'admin',
      'GET /api/staff/cases': casework,
      'GET /api/staff/cases/by-reference/:ref': casework,
      'GET /api/staff/cases/:id': casework,
      'GET /api/staff/cases/:id/print': casework,
      'GET /api/staff/cases/:id/assignees': casework,
      'POST /api/staff/cases/:id/route': 'intake',
      'POST /api/staff/cases/:id/assign': casework,
      'POST /api/staff/cases/:id/status': casework,
      'POST /api/staff/cases/:id/contact-attempts': casework,
      'POST /api/staff/cases/:id/notes': casework,
      'POST /api/staff/cases/:id/link': casework,
      'GET /api/staff/spam': 'intake',
      'POST /api/staff/spam/:id/restore': 'intake',
      'GET /api/staff/audit': 'admin',
      'GET /api/staff/audit/cases/by-reference/:ref': 'admin',
      'GET /api/staff/audit/cases/:id': 'admin',
      'GET /api/staff/stats': 'admin',
      'GET /api/staff/stats.csv': 'admin',
      'GET /': 'open',
      // Redirects to the staff app in the reader's language (fi, sv or en); the app itself signs in.
      'GET /staff': 'open',
      'GET /staff/': 'open',
      'GET /staff/enrol': 'open',
      'GET /staff/enrol/': 'open',
      'GET /*': 'open',
      'HEAD /*': 'open',
    });
  });

  it('derives the expectation from the declaration, so a new route cannot slip through', () => {
    // A hypothetical route, as the route table would list it.
    const adminOnly = { method: 'POST', path: '/api/staff/new-thing', access: ['admin'] as const };
    expect(expectedAnswer(adminOnly, 'anonymous', 'all')).toMatchObject({ kind: 'exactly', status: 401 });
    expect(expectedAnswer(adminOnly, 'intake', 'all')).toMatchObject({ kind: 'exactly', status: 403 });
    expect(expectedAnswer(adminOnly, 'admin', 'all')).toMatchObject({ kind: 'allowed' });
    expect(expectedAnswer(adminOnly, 'admin', 'public')).toMatchObject({ kind: 'exactly', status: 404 });
    expect(expectedAnswer({ method: 'GET', path: '/api/staff/forgotten', access: 'undeclared' }, 'admin', 'all').kind).toBe('undeclared');
  });
});
