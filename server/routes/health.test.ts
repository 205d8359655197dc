import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppOn, createTestApp, type TestApp } from '../../tests/support/app.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { fromAddress } from '../../tests/support/forms.ts';

const proxy = '10.0.0.5';
/** A request as it comes in: from `peer`, optionally forwarded for someone, on `port`. */
const bindings = (peer: string, port = 4321) => {
  const b = fromAddress(peer);
  return { incoming: { socket: { ...b.incoming.socket, localPort: port } } };
};

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`health on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(kind, { TRUSTED_PROXIES: proxy });
    });
    afterAll(() => t.close());

    const health = (app: TestApp['app'], env: object, headers: Record<string, string> = {}) => app.request('/api/health', { headers }, env);

    it('answers live', async () => {
      const res = await t.app.request('/api/health/live');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    });

    it('gives the public its status only: no backlog, migrations, driver or keys', async () => {
      const res = await health(t.app, bindings('198.51.100.7'));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
      // Forwarded by the trusted proxy for someone else: still that someone's request.
      expect(await (await health(t.app, bindings(proxy), { 'X-Forwarded-For': '198.51.100.7' })).json()).toEqual({ status: 'ok' });
      // A claim to be the proxy from elsewhere is ignored.
      expect(await (await health(t.app, bindings('198.51.100.7'), { 'X-Forwarded-For': proxy })).json()).toEqual({ status: 'ok' });
    });

    it('gives a staff host’s details to the trusted proxy itself and on the internal port', async () => {
      for (const res of [await health(t.app, bindings(proxy)), await health(createAppOn(t.database, { TRUSTED_PROXIES: proxy }, { internalPort: 9100 }).app, bindings('192.168.1.9', 9100))]) {
        expect(res.status).toBe(200);
        const body = (await res.json()) as { status: string; database: { driver: string }; migrations: { applied: number; expected: number }; outbox: unknown; keys: unknown };
        expect(body.status).toBe('ok');
        expect(body.database.driver).toBe(kind);
        expect(body.migrations.applied).toBe(body.migrations.expected);
        expect(body.migrations.expected).toBeGreaterThan(0);
        expect(body.outbox).toBeDefined();
        expect(body.keys).toEqual({ privateKeys: true });
      }
    });

    it('gives a public host’s status only, even to its proxy and on the internal port', async () => {
      const publicApp = createAppOn(t.database, { ROLE: 'public', TRUSTED_PROXIES: proxy }, { internalPort: 9100 }).app;
      expect(await (await health(publicApp, bindings(proxy))).json()).toEqual({ status: 'ok' });
      expect(await (await health(publicApp, bindings('192.168.1.9', 9100))).json()).toEqual({ status: 'ok' });
    });

    it('is not ready once the database is gone', async () => {
      const other = await createTestApp(kind);
      await other.database.handle.close();
      const res = await other.app.request('/api/health');
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable' });
    });
  });
}
