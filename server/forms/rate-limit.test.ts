import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { contactFields, fromAddress, humanMeta, sameOriginJson } from '../../tests/support/forms.ts';
import { tableCounts } from '../../tests/support/tables.ts';

/**
 * Time passing, for the limits: submit_case counts with the database's own
 * clock, so the test moves what is stored back instead of moving a clock.
 */
async function pass(t: TestApp, what: 'window' | 'hour') {
  if (what === 'window') await t.database.handle.query(`update rate_events set "at" = "at" - interval '10 minutes 1 second'`);
  // The hour's counters are gone once it is over (retention deletes them later).
  else await t.database.handle.query('delete from rate_counters');
}

function post(t: TestApp, env: ReturnType<typeof fromAddress>, headers: Record<string, string> = {}, body: unknown = { ...contactFields(), meta: humanMeta() }) {
  return t.app.request('/api/forms/contact', { method: 'POST', headers: { ...sameOriginJson, ...headers }, body: JSON.stringify(body) }, env);
}

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`submission limits on ${kind} (production limits: 5 per client per 10 minutes)`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(kind, { RATE_LIMIT_SITE_PER_HOUR: '12', TRUSTED_PROXIES: '10.0.0.1' });
    });
    afterAll(() => t.close());

    it('accepts 5 from one client, then answers 429 with Retry-After, while another client still gets 201', async () => {
      const one = fromAddress('127.0.0.2');
      for (let i = 0; i < 5; i++) expect((await post(t, one)).status).toBe(201);
      const before = await tableCounts(t.database.handle);
      const refused = await post(t, one);
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('Retry-After'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(600);
      const body = (await refused.json()) as { error: string; scope: string; message: string };
      expect(body).toMatchObject({ error: 'rate_limited', scope: 'client' });
      expect(body.message).toMatch(/soita/i);
      expect(await tableCounts(t.database.handle)).toEqual(before);
      expect((await post(t, fromAddress('127.0.0.3'))).status).toBe(201);
    });

    it('does not count malformed requests against the client', async () => {
      const client = fromAddress('127.0.0.4');
      for (let i = 0; i < 10; i++) expect((await post(t, client, {}, { meta: humanMeta() })).status).toBe(400);
      expect((await post(t, client)).status).toBe(201);
    });

    it('lets the client in again once its oldest submission leaves the 10-minute window', async () => {
      await pass(t, 'window');
      expect((await post(t, fromAddress('127.0.0.2'))).status).toBe(201);
    });

    it('believes X-Forwarded-For only from a trusted proxy', async () => {
      // Behind the trusted proxy, two people are two clients.
      const proxy = fromAddress('10.0.0.1');
      await pass(t, 'hour');
      for (let i = 0; i < 5; i++) expect((await post(t, proxy, { 'X-Forwarded-For': '198.51.100.1' })).status).toBe(201);
      expect((await post(t, proxy, { 'X-Forwarded-For': '198.51.100.1' })).status).toBe(429);
      expect((await post(t, proxy, { 'X-Forwarded-For': '198.51.100.2' })).status).toBe(201);
      // From an untrusted peer, a forged header changes nothing: it is still one client.
      const direct = fromAddress('127.0.0.9');
      for (let i = 0; i < 5; i++) expect((await post(t, direct, { 'X-Forwarded-For': `203.0.113.${i}` })).status).toBe(201);
      expect((await post(t, direct, { 'X-Forwarded-For': '203.0.113.77' })).status).toBe(429);
    });

    it('holds the site-wide hourly ceiling across many clients', async () => {
      await pass(t, 'hour');
      for (let i = 0; i < 12; i++) expect((await post(t, fromAddress(`127.1.0.${i + 2}`))).status).toBe(201);
      const refused = await post(t, fromAddress('127.1.1.2'));
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { scope: string }).scope).toBe('site');
      expect(Number(refused.headers.get('Retry-After'))).toBeLessThanOrEqual(3600);
    });

    it('answers a repeated submit with its reference even once the client is at its limit', async () => {
      await pass(t, 'hour');
      const client = fromAddress('127.2.0.2');
      const key = crypto.randomUUID();
      const first = await post(t, client, { 'Idempotency-Key': key });
      expect(first.status).toBe(201);
      const { reference } = (await first.json()) as { reference: string };
      for (let i = 0; i < 4; i++) expect((await post(t, client)).status).toBe(201);
      expect((await post(t, client)).status).toBe(429);
      const again = await post(t, client, { 'Idempotency-Key': key });
      expect(again.status).toBe(201);
      expect(((await again.json()) as { reference: string }).reference).toBe(reference);
    });

    it('stores only a keyed hash of the client address, never the IP', async () => {
      const { rows } = await t.database.handle.query<{ client_hash: string }>('select distinct client_hash from rate_events');
      for (const { client_hash } of rows) expect(client_hash).not.toMatch(/\d+\.\d+\.\d+\.\d+/);
    });
  });
}
