import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../tests/support/app.ts';

describe('app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t.close());

  it('answers unknown API routes with JSON 404', async () => {
    const res = await t.app.request('/api/does-not-exist', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ error: 'not_found' });
  });

  it('redirects / by Accept-Language, Finnish otherwise', async () => {
    const cases: [string | undefined, string][] = [
      [undefined, '/fi/'],
      ['sv-FI,sv;q=0.9,en;q=0.5', '/sv/'],
      ['de-DE, en;q=0.8', '/en/'],
      ['en;q=0.2, sv;q=0.9', '/sv/'],
      ['ru', '/fi/'],
      ['en;q=0', '/fi/'],
    ];
    for (const [header, location] of cases) {
      const res = await t.app.request('/', { headers: header ? { 'Accept-Language': header } : {} });
      expect(res.status).toBe(302);
      expect(res.headers.get('Location')).toBe(location);
      expect(res.headers.get('Vary')).toContain('Accept-Language');
    }
  });

  it('serves pages with a short cache and hashed assets immutably', async () => {
    const page = await t.app.request('/fi/parents/');
    expect(page.status).toBe(200);
    expect(page.headers.get('Cache-Control')).toBe('public, max-age=300');
    const asset = await t.app.request('/_astro/app.abc123.js');
    expect(asset.headers.get('Cache-Control')).toContain('immutable');
    const slashless = await t.app.request('/fi/parents');
    expect(slashless.status).toBe(301);
    expect(slashless.headers.get('Location')).toBe('/fi/parents/');
    const missing = await t.app.request('/fi/nothing-here/');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('Content-Type')).toMatch(/^text\/html/);
  });

  it('answers 304 for a matching ETag', async () => {
    const first = await t.app.request('/fi/');
    const etag = first.headers.get('ETag');
    expect(etag).toBeTruthy();
    const again = await t.app.request('/fi/', { headers: { 'If-None-Match': etag ?? '' } });
    expect(again.status).toBe(304);
  });

  for (const [what, path] of [
    ['a page', '/fi/'],
    ['an API response', '/api/health/live'],
    ['a JSON 404', '/api/nope'],
    ['an HTML 404', '/nope/'],
  ] as const) {
    it(`sets the security headers on ${what}`, async () => {
      const res = await t.app.request(path);
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
      const hsts = /max-age=(\d+)/.exec(res.headers.get('Strict-Transport-Security') ?? '');
      expect(Number(hsts?.[1])).toBeGreaterThanOrEqual(31_536_000);
      const csp = res.headers.get('Content-Security-Policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      if ((res.headers.get('Content-Type') ?? '').startsWith('text/html')) {
        // Script rules live in Astro's per-page <meta> hashes; a header rule would block them.
        expect(csp).not.toMatch(/script-src|default-src|style-src/);
        expect(csp).toContain("object-src 'none'");
        expect(csp).toContain("base-uri 'none'");
        expect(csp).toContain("form-action 'self'");
      }
      expect(res.headers.get('Set-Cookie')).toBeNull();
    });
  }

  it('logs method, route, status and duration, and never the raw path or query', async () => {
    t.logs.length = 0;
    await t.app.request('/api/health/live?email=someone@example.com');
    const line = JSON.parse(t.logs.find((l) => l.includes('"request"')) ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ method: 'GET', route: '/api/health/live', status: 200 });
    expect(typeof line.durationMs).toBe('number');
    expect(t.logs.join('')).not.toContain('someone@example.com');
  });
});
