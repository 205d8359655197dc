import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';

describe('staff app entrances', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t.close());

  it('sends /staff/ and the enrolment link to the staff app in fi, sv or en by Accept-Language', async () => {
    const cases: [string, string | undefined, string][] = [
      ['/staff/', undefined, '/staff/fi/'],
      ['/staff', 'sv-FI,sv;q=0.9', '/staff/sv/'],
      ['/staff/', 'de-DE, en;q=0.8', '/staff/en/'],
      ['/staff/', 'ru, ar', '/staff/fi/'],
      ['/staff/enrol/', 'en-GB', '/staff/en/enrol/'],
      ['/staff/enrol', undefined, '/staff/fi/enrol/'],
    ];
    for (const [path, header, location] of cases) {
      const res = await t.app.request(path, { headers: header ? { 'Accept-Language': header } : {} });
      expect(res.status, path).toBe(302);
      expect(res.headers.get('Location'), `${path} ${header}`).toBe(location);
      expect(res.headers.get('Vary')).toContain('Accept-Language');
      expect(res.headers.get('Cache-Control'), path).toBe('no-store');
    }
  });

  it('serves the staff app pages no-store (a shared office computer keeps nothing), public pages with a short cache', async () => {
    for (const path of ['/staff/fi/', '/staff/fi', '/staff/fi/no-such-page/']) {
      const res = await t.app.request(path);
      expect(res.headers.get('Cache-Control'), path).toBe('no-store');
    }
    expect((await t.app.request('/staff/fi/')).status).toBe(200);
    expect((await t.app.request('/fi/')).headers.get('Cache-Control')).toBe('public, max-age=300');
  });
});
