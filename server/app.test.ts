import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppOn, createTestApp, fixtureSiteDir, type TestApp } from '../tests/support/app.ts';
import { createTestDatabase } from '../tests/support/databases.ts';
import { loadSite } from './static/site.ts';

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

  it('redirects / by Accept-Language among all ten languages (never to plain Finnish), Finnish otherwise', async () => {
    const cases: [string | undefined, string][] = [
      [undefined, '/fi/'],
      ['fi-FI,fi;q=0.9', '/fi/'],
      ['sv-FI,sv;q=0.9,en;q=0.5', '/sv/'],
      ['en-GB', '/en/'],
      ['ru-RU,ru;q=0.9', '/ru/'],
      ['et', '/et/'],
      ['so-SO', '/so/'],
      ['ar-SA,ar;q=0.9,en;q=0.5', '/ar/'],
      ['uk-UA', '/uk/'],
      ['fa-IR,fa;q=0.9', '/fa/'],
      // Plain Finnish is the reader's choice: its private tag means Finnish.
      ['fi-x-selko', '/fi/'],
      ['de-DE, en;q=0.8', '/en/'],
      ['de-DE', '/fi/'],
      ['en;q=0.2, sv;q=0.9', '/sv/'],
      ['en;q=0', '/fi/'],
    ];
    for (const [header, location] of cases) {
      const res = await t.app.request('/', { headers: header ? { 'Accept-Language': header } : {} });
      expect(res.status, header).toBe(302);
      expect(res.headers.get('Location'), header).toBe(location);
      expect(res.headers.get('Vary')).toContain('Accept-Language');
    }
  });

  it('never switches language by itself anywhere but /: a page answers the same whatever the browser asks', async () => {
    const plain = await t.app.request('/fi/parents/');
    const arabic = await t.app.request('/fi/parents/', { headers: { 'Accept-Language': 'ar' } });
    expect(arabic.status).toBe(200);
    expect(await arabic.text()).toBe(await plain.text());
    expect(arabic.headers.get('Vary')).not.toContain('Accept-Language');
  });

  it("answers an unknown address with the 404 page of the path's language, else of the browser's", async () => {
    const arabic = await t.app.request('/ar/nothing-here/', { headers: { 'Accept-Language': 'sv' } });
    expect(arabic.status).toBe(404);
    expect(await arabic.text()).toContain('<html lang="ar">');
    expect(arabic.headers.get('Vary')).not.toContain('Accept-Language');
    const outside = await t.app.request('/nothing-here', { headers: { 'Accept-Language': 'ar, en;q=0.5' } });
    expect(outside.status).toBe(404);
    expect(await outside.text()).toContain('<title>404 ar</title>');
    expect(outside.headers.get('Vary')).toContain('Accept-Language');
    expect(outside.headers.get('Cache-Control')).toBe('no-cache');
    // A language whose error page is missing from the build falls back to Finnish.
    expect(await (await t.app.request('/ru/nothing-here/')).text()).toContain('<title>404 fi</title>');
    // The error page's own address is no page: it answers 404 too.
    const direct = await t.app.request('/sv/404/');
    expect(direct.status).toBe(404);
    expect(await direct.text()).toContain('<title>404 sv</title>');
  });

  it('answers a failure outside the API with the 500 page in the reader\'s language', async () => {
    // A site whose lookup of one page fails, as a broken build or disk would.
    const site = new Map(loadSite(fixtureSiteDir()));
    const get = site.get.bind(site);
    site.get = (key: string) => {
      if (key === '/sv/parents/index.html') throw new Error('disk failure');
      return get(key);
    };
    const failing = createAppOn(await createTestDatabase('pglite'), {}, { site });
    try {
      const res = await failing.app.request('/sv/parents/');
      expect(res.status).toBe(500);
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
      expect(res.headers.get('Cache-Control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>500 sv</title>');
    } finally {
      await failing.close();
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
