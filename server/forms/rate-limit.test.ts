import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { contactFields, fromAddress, humanMeta, sameOriginJson } from '../../tests/support/forms.ts';
import { tableCounts } from '../../tests/support/tables.ts';
import { sweepRateEvents } from './rate-sweep.ts';

function post(t: TestApp, env: ReturnType<typeof fromAddress>, headers: Record<string, string> = {}, body: unknown = { ...contactFields(), meta: humanMeta() }) {
  return t.app.request('/api/forms/contact', { method: 'POST', headers: { ...sameOriginJson, ...headers }, body: JSON.stringify(body) }, env);
}

const proxy = fromAddress('10.0.0.1');
const via = (address: string) => ({ 'X-Forwarded-For': address });

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`submission limits on ${kind} (production limits: 5 per network, 50 per wide network, per 10 minutes)`, () => {
    let t: TestApp;
    let clock = new Date('2026-11-26T10:00:30Z').getTime();
    beforeAll(async () => {
      // Flood mode is another test's subject.
      t = await createTestApp(kind, { TRUSTED_PROXIES: '10.0.0.1', FLOOD_THRESHOLD_PER_MINUTE: '1000' }, { now: () => new Date(clock) });
    });
    afterAll(() => t.close());

    it('accepts 5 from one network, then answers 429 with Retry-After, while another network still gets 201', async () => {
      const one = fromAddress('127.0.0.2');
      for (let i = 0; i < 5; i++) expect((await post(t, one)).status).toBe(201);
      const before = await tableCounts(t.database.handle);
      const refused = await post(t, one);
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('Retry-After'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(660);
      const body = (await refused.json()) as { error: string; scope: string; message: string };
      expect(body).toMatchObject({ error: 'rate_limited', scope: 'network' });
      expect(body.message).toMatch(/soita/i);
      expect(await tableCounts(t.database.handle)).toEqual(before);
      expect((await post(t, fromAddress('127.0.1.3'))).status).toBe(201);
    });

    it('does not count malformed requests against the network', async () => {
      const client = fromAddress('127.0.2.4');
      for (let i = 0; i < 10; i++) expect((await post(t, client, {}, { meta: humanMeta() })).status).toBe(400);
      expect((await post(t, client)).status).toBe(201);
    });

    it('stores rate events by the minute, and deletes them as they leave the window, without retention', async () => {
      // Before: `at` was the moment of the submission (joinable to the case's created_at) and stayed until retention ran.
      const { rows } = await t.database.handle.query<{ at: Date | string }>('select at from rate_events');
      expect(rows.length).toBeGreaterThan(0);
      for (const { at } of rows) expect(new Date(at).getTime() % 60_000).toBe(0);
      const { rows: cases } = await t.database.handle.query<{ created_at: Date | string }>('select created_at from cases');
      const minutes = new Set(rows.map((r) => new Date(r.at).getTime()));
      for (const c of cases) expect(minutes.has(new Date(c.created_at).getTime())).toBe(false);
      clock += 11 * 60_000;
      // Any submission sweeps what has left the window.
      expect((await post(t, fromAddress('127.0.3.5'))).status).toBe(201);
      const left = await t.database.handle.query<{ at: Date | string }>('select at from rate_events');
      expect(left.rows.map((r) => new Date(r.at).getTime())).toEqual([Math.floor(clock / 60_000) * 60_000]);
    });

    it('sweeps what left the window every minute when no submission comes (public hosts run no retention)', async () => {
      await t.database.handle.query(`insert into rate_events (client_hash, wide_hash, at) values ('a', 'w', $1), ('b', 'w', $2)`, [
        new Date(clock - 11 * 60_000),
        new Date(Math.floor(clock / 60_000) * 60_000),
      ]);
      await t.database.handle.query(`insert into challenge_uses (id, expires_at) values ('gone', $1), ('kept', $2)`, [new Date(clock - 1), new Date(clock + 60_000)]);
      expect(await sweepRateEvents(t.database.handle, 600_000, new Date(clock))).toEqual({ rateEvents: 1, challengeUses: 1 });
      expect((await t.database.handle.query('select client_hash from rate_events where wide_hash = $1', ['w'])).rows).toEqual([{ client_hash: 'b' }]);
      await t.database.handle.query(`delete from rate_events where wide_hash = 'w'`);
    });

    it('lets the network in again once its submissions leave the window', async () => {
      expect((await post(t, fromAddress('127.0.0.2'))).status).toBe(201);
    });

    it('counts every address of one IPv6 /64 as one network, however it is written', async () => {
      clock += 11 * 60_000;
      const addresses = ['2001:db8:1:1::1', '2001:DB8:1:1::2', '2001:0db8:0001:0001:ffff::3', '[2001:db8:1:1:abcd::4]:443', '2001:db8:1:1::5:6'];
      for (const address of addresses) expect((await post(t, proxy, via(address))).status).toBe(201);
      const refused = await post(t, proxy, via('2001:db8:1:1:9999::9'));
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { scope: string }).scope).toBe('network');
      // Another /64 of the same /48 is another network.
      expect((await post(t, proxy, via('2001:db8:1:2::1'))).status).toBe(201);
    });

    it('holds a /48 to the wide limit however many /64s it uses', async () => {
      clock += 11 * 60_000;
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) statuses.push((await post(t, proxy, via(`2001:db8:2:${i.toString(16)}::1`))).status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(50);
      const refused = await post(t, proxy, via('2001:db8:2:ffff::1'));
      expect(((await refused.json()) as { scope: string }).scope).toBe('wide');
      // IPv4 is held by address and by /24 the same way.
      for (let i = 0; i < 50; i++) expect((await post(t, proxy, via(`198.51.100.${i + 1}:5${i}`))).status).toBe(201);
      expect(((await (await post(t, proxy, via('198.51.100.200'))).json()) as { scope: string }).scope).toBe('wide');
      expect((await post(t, proxy, via('198.51.101.1'))).status).toBe(201);
    });

    it('believes X-Forwarded-For only from a trusted proxy, and reads a hop with a port', async () => {
      clock += 11 * 60_000;
      for (let i = 0; i < 5; i++) expect((await post(t, proxy, via('198.51.100.1:4711'))).status).toBe(201);
      expect((await post(t, proxy, via('198.51.100.1'))).status).toBe(429);
      expect((await post(t, proxy, via('198.51.100.2:4711'))).status).toBe(201);
      // From an untrusted peer, a forged header changes nothing: it is still one client.
      const direct = fromAddress('127.0.0.9');
      for (let i = 0; i < 5; i++) expect((await post(t, direct, via(`203.0.113.${i}`))).status).toBe(201);
      expect((await post(t, direct, via('203.0.113.77'))).status).toBe(429);
    });

    it('answers a repeated submit with its reference even once the network is at its limit', async () => {
      clock += 11 * 60_000;
      const client = fromAddress('127.2.0.2');
      const key = crypto.randomUUID();
      const body = { ...contactFields(), meta: humanMeta() };
      const first = await post(t, client, { 'Idempotency-Key': key }, body);
      expect(first.status).toBe(201);
      const { reference } = (await first.json()) as { reference: string };
      for (let i = 0; i < 4; i++) expect((await post(t, client)).status).toBe(201);
      expect((await post(t, client)).status).toBe(429);
      const again = await post(t, client, { 'Idempotency-Key': key }, body);
      expect(again.status).toBe(201);
      expect(((await again.json()) as { reference: string }).reference).toBe(reference);
    });

    it('stores only keyed hashes of networks, never an address', async () => {
      const { rows } = await t.database.handle.query<{ client_hash: string; wide_hash: string }>('select client_hash, wide_hash from rate_events');
      for (const row of rows) expect(`${row.client_hash} ${row.wide_hash}`).not.toMatch(/\d+\.\d+\.\d+|2001|db8/i);
    });
  });
}
