import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`health on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(kind);
    });
    afterAll(() => t.close());

    it('answers live', async () => {
      const res = await t.app.request('/api/health/live');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    });

    it('is ready with the database reachable and every migration applied', async () => {
      const res = await t.app.request('/api/health');
      expect(res.status).toBe(200);
      const body = (await res.json()) as { status: string; database: { driver: string }; migrations: { applied: number; expected: number } };
      expect(body.status).toBe('ok');
      expect(body.database.driver).toBe(kind);
      expect(body.migrations.applied).toBe(body.migrations.expected);
      expect(body.migrations.expected).toBeGreaterThan(0);
    });

    it('is not ready once the database is gone', async () => {
      const other = await createTestApp(kind);
      await other.database.handle.close();
      const res = await other.app.request('/api/health');
      expect(res.status).toBe(503);
      expect(((await res.json()) as { status: string }).status).toBe('unavailable');
    });
  });
}
