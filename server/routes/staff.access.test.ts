import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { signedInStaff } from '../../tests/support/staff.ts';
import type { Access } from '../staff/access.ts';

type RouteEntry = { method: string; path: string; handler: { access?: readonly Access[] } };
const roles = ['intake', 'team', 'admin'] as const;

/** Every staff route with the access its requireRole() declares (undefined when none). */
function staffRouteTable(t: TestApp): { method: string; path: string; access: readonly Access[] | undefined }[] {
  const routes = (t.app as unknown as { routes: RouteEntry[] }).routes.filter((r) => r.path.startsWith('/api/staff/') && r.method !== 'ALL');
  const byRoute = new Map<string, { method: string; path: string; access: readonly Access[] | undefined }>();
  for (const r of routes) {
    const key = `${r.method} ${r.path}`;
    const entry = byRoute.get(key) ?? { method: r.method, path: r.path, access: undefined };
    if (r.handler.access) entry.access = r.handler.access;
    byRoute.set(key, entry);
  }
  return [...byRoute.values()];
}

// A concrete URL for a route pattern: every parameter becomes a well-formed id.
const concrete = (path: string) => path.replace(/:(\w+)(\{[^}]*\})?/g, '00000000-0000-4000-8000-000000000000');

describe('staff route access', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t.close());

  it('every staff route declares the role it needs', () => {
    const table = staffRouteTable(t);
    expect(table.length).toBeGreaterThan(0);
    expect(table.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('refuses every non-public staff route without a session (401) and with a role too weak (403)', async () => {
    const sessions = Object.fromEntries(
      await Promise.all(roles.map(async (role) => [role, await signedInStaff(t.database.handle.db, role, role === 'team' ? 'youth-work' : null)] as const)),
    );
    for (const route of staffRouteTable(t)) {
      if (route.access?.includes('public')) continue;
      const url = concrete(route.path);
      const init = { method: route.method, headers: { 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json' } };
      const anonymous = await t.app.request(url, init);
      expect(anonymous.status, `${route.method} ${route.path} anonymous`).toBe(401);
      for (const role of roles.filter((r) => !route.access?.includes(r))) {
        const res = await t.app.request(url, { ...init, headers: { ...init.headers, Cookie: sessions[role]!.cookie } });
        expect(res.status, `${route.method} ${route.path} as ${role}`).toBe(403);
      }
    }
  });

  it('marks staff responses no-store', async () => {
    const res = await t.app.request('/api/staff/me');
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('answers who-am-I for a signed-out browser without an error status, and tells nothing', async () => {
    const res = await t.app.request('/api/staff/me');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ signedIn: false });
    const stale = await t.app.request('/api/staff/me', { headers: { Cookie: '__Host-session=not-a-session' } });
    expect(await stale.json()).toEqual({ signedIn: false });
  });
});
