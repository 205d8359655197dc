/**
 * The security-header policy, written down once: README.md's "Security
 * headers" section describes it and tests/proof/headers.test.ts holds every
 * response of the app to it. Change the policy here, in the README and in
 * server/middleware/security-headers.ts together.
 */

/** Headers every response carries, whatever its route, status or type. */
export const everyResponse: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Browser features every response turns off (Permissions-Policy `feature=()`). */
export const featuresOff: readonly string[] = ['camera', 'microphone', 'geolocation', 'payment'];

/** HSTS: at least a year (the preload list's minimum), on every response. */
export const hstsMinimumSeconds = 31_536_000;

/** CSP directives every response's header policy holds. */
export const cspEveryResponse: readonly string[] = ["frame-ancestors 'none'", "base-uri 'none'"];

/** Sources a script may never be allowed (in script-src, or default-src when there is no script-src). */
export const cspForbiddenScriptSources: readonly string[] = ["'unsafe-inline'", "'unsafe-eval'"];

/** Directives an HTML response's header policy must not have: the page's own <meta> policy holds them (Astro's hashes), and a header rule would block those hashes. */
export const cspHtmlForbiddenDirectives: readonly string[] = ['script-src', 'default-src', 'style-src'];

/** A response that is not a page (JSON, CSV, assets, redirects, empty) runs and embeds nothing. */
export const cspNonHtmlRequired: readonly string[] = ["default-src 'none'"];

/** Staff API responses are never stored by a browser or a proxy (a shared office computer). */
export const staffCacheControl = 'no-store';

/** The paths of the staff API (no-store; the only place a cookie is set). */
export const isStaffApiPath = (path: string): boolean => path === '/api/staff' || path.startsWith('/api/staff/');

/** What one response is, for judging it. */
export interface ResponseContext {
  /** The request path. */
  path: string;
  /** Whether the process serves the staff API (ROLE=all or ROLE=staff). */
  servesStaff: boolean;
}

/** Parses a CSP header into directive name → source list. */
export function parseCsp(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** Everything about a response's headers that breaks the policy; empty when it keeps it. */
export function headerViolations(res: { status: number; headers: Headers }, context: ResponseContext): string[] {
  const problems: string[] = [];
  const h = res.headers;
  for (const [name, value] of Object.entries(everyResponse)) {
    if (h.get(name) !== value) problems.push(`${name} is ${JSON.stringify(h.get(name))}, not ${JSON.stringify(value)}`);
  }
  const permissions = (h.get('Permissions-Policy') ?? '').split(',').map((s) => s.trim());
  for (const feature of featuresOff) if (!permissions.includes(`${feature}=()`)) problems.push(`Permissions-Policy does not turn off ${feature}`);
  const maxAge = Number(/(?:^|;)\s*max-age=(\d+)/i.exec(h.get('Strict-Transport-Security') ?? '')?.[1] ?? NaN);
  if (!(maxAge >= hstsMinimumSeconds)) problems.push(`Strict-Transport-Security ${JSON.stringify(h.get('Strict-Transport-Security'))} is under ${hstsMinimumSeconds} s`);

  const header = h.get('Content-Security-Policy');
  if (!header) problems.push('no Content-Security-Policy');
  const csp = parseCsp(header ?? '');
  for (const directive of cspEveryResponse) {
    const [name, ...sources] = directive.split(' ');
    if (JSON.stringify(csp.get(name!)) !== JSON.stringify(sources)) problems.push(`CSP lacks ${directive}`);
  }
  const scriptSources = csp.get('script-src') ?? csp.get('default-src') ?? [];
  for (const source of cspForbiddenScriptSources) if (scriptSources.includes(source)) problems.push(`CSP allows scripts ${source}`);
  const isHtml = (h.get('Content-Type') ?? '').toLowerCase().startsWith('text/html');
  if (isHtml) {
    for (const name of cspHtmlForbiddenDirectives) if (csp.has(name)) problems.push(`an HTML response's CSP header has ${name} (the page's <meta> policy holds it)`);
  } else {
    for (const directive of cspNonHtmlRequired) {
      const [name, ...sources] = directive.split(' ');
      if (JSON.stringify(csp.get(name!)) !== JSON.stringify(sources)) problems.push(`a non-HTML response's CSP lacks ${directive}`);
    }
  }

  // The staff API where it is served, and the staff app's pages wherever they are.
  const staff = (context.servesStaff && isStaffApiPath(context.path)) || context.path === '/staff' || context.path.startsWith('/staff/');
  if (staff && !(h.get('Cache-Control') ?? '').split(',').map((s) => s.trim()).includes(staffCacheControl)) {
    problems.push(`a staff response has Cache-Control ${JSON.stringify(h.get('Cache-Control'))}, not ${staffCacheControl}`);
  }
  if (!isStaffApiPath(context.path) && h.getSetCookie().length > 0) problems.push(`a public route sets a cookie: ${h.getSetCookie().join('; ')}`);
  return problems;
}
