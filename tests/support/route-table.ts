import type { Hono } from 'hono';
import type { Access } from '../../server/staff/access.ts';

/** Who may call a route: the roles its requireRole() lists, `open` for a route outside the staff API, `undeclared` for a staff route without requireRole(). */
export type RouteAccess = readonly Access[] | 'open' | 'undeclared';

/** One route of the app, as Hono's router holds it. */
export interface RouteInfo {
  method: string;
  /** The pattern, e.g. `/api/staff/cases/:id` or `/api/forms/:kind{contact|concern}`. */
  path: string;
  access: RouteAccess;
}

type RawRoute = { method: string; path: string; handler: { access?: readonly Access[] } };

const STAFF_PREFIX = '/api/staff/';

/** True for a route pattern of the staff API. */
export const isStaffPath = (path: string): boolean => path.startsWith(STAFF_PREFIX);

/**
 * Every route the app answers (middleware-only `ALL` entries left out), once
 * per method and pattern, with the access its requireRole() declares. Read
 * from Hono's route table, so a route added tomorrow is in it tomorrow.
 */
export function routeTable(app: Hono): RouteInfo[] {
  const raw = (app as unknown as { routes: RawRoute[] }).routes.filter((r) => r.method !== 'ALL');
  const byKey = new Map<string, RouteInfo>();
  for (const r of raw) {
    const key = `${r.method} ${r.path}`;
    const entry = byKey.get(key) ?? { method: r.method, path: r.path, access: isStaffPath(r.path) ? 'undeclared' : 'open' };
    if (r.handler.access) entry.access = r.handler.access;
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/** A route's `METHOD pattern`, as a table shows it. */
export const routeName = (r: Pick<RouteInfo, 'method' | 'path'>): string => `${r.method} ${r.path}`;

/** The parameters of a route pattern: name and, for `:kind{contact|concern}`, its alternatives. */
export function routeParams(path: string): { name: string; alternatives: string[] | undefined; token: string }[] {
  return [...path.matchAll(/:(\w+)(\{([^}]*)\})?/g)].map((m) => ({
    name: m[1]!,
    alternatives: m[3] ? m[3].split('|') : undefined,
    token: m[0],
  }));
}

/**
 * A concrete URL path for a pattern: each parameter replaced by `value(name,
 * alternatives)` (URL-encoded by the caller when it wants), and a trailing
 * `*` by `rest`.
 */
export function fillRoute(path: string, value: (name: string, alternatives: string[] | undefined) => string, rest = ''): string {
  let filled = path;
  for (const p of routeParams(path)) filled = filled.replace(p.token, value(p.name, p.alternatives));
  return filled.endsWith('/*') ? filled.slice(0, -1) + rest : filled === '*' ? `/${rest}` : filled;
}
