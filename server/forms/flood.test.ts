import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { fixtureSiteDir } from '../../tests/support/app.ts';
import { createEmptyPostgresDatabase, databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { contactFields, humanMeta } from '../../tests/support/forms.ts';
import { postFrom } from '../../tests/support/http.ts';
import { solveChallenge } from '../../tests/support/proof.ts';
import { spawnServer, waitHealthy, type ServerProcess } from '../../tests/support/process.ts';

// A real server behind a trusted proxy (127.0.0.1) with the production limits:
// 5 per network and 50 per wide network in 10 minutes, flood mode above 30
// accepted a minute, and a spam ceiling of 100 an hour. Clients are the
// X-Forwarded-For addresses the proxy vouches for, over real sockets.
const SPAM_CEILING = 100;
const FLOOD_THRESHOLD = 30;

async function inBatches<T>(count: number, width: number, send: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += width) {
    results.push(...(await Promise.all(Array.from({ length: Math.min(width, count - start) }, (_, j) => send(start + j)))));
  }
  return results;
}

const real = () => ({ ...contactFields(), meta: humanMeta() });
const spam = () => ({ ...contactFields(), meta: { ...humanMeta(), website: 'http://spam.example' } });
const tally = (results: { status: number }[]) => results.reduce<Record<number, number>>((t, r) => ({ ...t, [r.status]: (t[r.status] ?? 0) + 1 }), {});

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`a flood of submissions against a real server on ${kind}`, () => {
    let server: ServerProcess;
    let url: string;
    let dataDir: string;
    let postgres: { url: string; drop(): Promise<void> } | undefined;
    let stored: (status: string) => Promise<number>;
    const send = (address: string, body: unknown, headers: Record<string, string> = {}) =>
      postFrom('127.0.0.1', url, body, { 'X-Forwarded-For': address, ...headers });

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'anchor-flood-'));
      postgres = kind === 'postgres' ? await createEmptyPostgresDatabase() : undefined;
      server = await spawnServer({
        SITE_DIR: fixtureSiteDir(),
        DATA_DIR: dataDir,
        TRUSTED_PROXIES: '127.0.0.1',
        RATE_LIMIT_SPAM_PER_HOUR: String(SPAM_CEILING),
        FLOOD_THRESHOLD_PER_MINUTE: String(FLOOD_THRESHOLD),
        LOG_LEVEL: 'warn',
        ...(postgres ? { DATABASE_URL: postgres.url } : {}),
      });
      await waitHealthy(server.port, 60_000, server.child);
      url = `http://127.0.0.1:${server.port}/api/forms/contact`;
      // PGlite has one user at a time: its counts are read after the server stops.
      let handle: DatabaseHandle | undefined;
      stored = async (status) => {
        if (!handle) {
          if (!postgres) {
            server.child.kill('SIGTERM');
            await server.exited;
          }
          handle = await openDatabase({ databaseUrl: postgres?.url, dataDir, poolSize: 1 });
        }
        const { rows } = await handle.query<{ n: number }>('select count(*)::int as n from cases where status = $1', [status]);
        return rows[0]!.n;
      };
      closeHandle = async () => handle?.close();
    }, 90_000);
    let closeHandle = async () => {};
    afterAll(async () => {
      if (server && server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      await closeHandle();
      // Also when the server failed to start.
      await postgres?.drop();
    });

    const figures: Record<string, unknown> = {};

    it('holds 1,000 spam and 1,000 well-formed posts from 2,000 addresses of two /64s to the per-network limit', async () => {
      const started = Date.now();
      // Even i from 2001:db8:a:1::/64, odd i from 2001:db8:b:1::/64; every address different; half of each is spam.
      const address = (i: number) => `2001:db8:${i % 2 ? 'b' : 'a'}:1:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::${(i % 7) + 1}`;
      const results = await inBatches(2_000, 50, (i) => send(address(i), (i >> 1) % 2 ? spam() : real()));
      const elapsed = Date.now() - started;
      expect(elapsed).toBeLessThan(60_000);
      const accepted = results.filter((r) => r.status === 201).length;
      const refused = results.filter((r) => r.status === 429);
      // 5 from each /64, spam and real alike (a bot is told nothing about spam), the rest 429 with Retry-After.
      expect(accepted).toBe(10);
      expect(refused).toHaveLength(1_990);
      expect(refused.every((r) => Number(r.headers['retry-after']) > 0 && (r.json as { scope?: string }).scope === 'network')).toBe(true);
      figures.networks = { sent: 2_000, accepted, refused: refused.length, ms: elapsed };
      // A real concern from a third network goes straight through.
      const person = await send('2001:db8:c:1::77', real());
      expect(person.status).toBe(201);
      figures.person = person.status;
    }, 120_000);

    it('answers spam from 300 networks alike but stores no more than its ceiling, and a person still gets through', async () => {
      const results = await inBatches(300, 50, (i) => send(`203.${i >> 8}.${i & 255}.9`, spam()));
      expect(tally(results)).toEqual({ 201: 300 });
      const person = await send('198.51.100.77', real());
      expect(person.status).toBe(201);
      figures.spam = { sent: 300, answered201: 300 };
    }, 120_000);

    it('meets a flood from many networks with proof-of-work challenges, and lets a person through with one', async () => {
      const results = await inBatches(400, 50, (i) => send(`100.${64 + (i >> 8)}.${i & 255}.1`, real()));
      const counts = tally(results);
      // The threshold is read without locking (no submission waits on another), so a burst may pass it by a few.
      expect(counts[201]).toBeGreaterThanOrEqual(FLOOD_THRESHOLD - 12);
      expect(counts[201]).toBeLessThanOrEqual(FLOOD_THRESHOLD + 50);
      expect(counts[428]).toBe(400 - counts[201]!);
      const challenged = results.find((r) => r.status === 428)!.json as { error: string; challenge: string; bits: number };
      expect(challenged).toMatchObject({ error: 'proof_required' });
      // A person in the middle of the flood: the form solves the challenge and sends again.
      const first = await send('192.0.2.10', real());
      expect(first.status).toBe(428);
      const body = real();
      const proof = solveChallenge((first.json as { challenge: string }).challenge);
      const second = await send('192.0.2.10', body, { 'Proof-Of-Work': proof });
      expect(second.status).toBe(201);
      figures.flood = { sent: 400, accepted: counts[201], challenged: counts[428], bits: challenged.bits, person: second.status };
    }, 120_000);

    it('stored the real reports and kept stored spam under its ceiling', async () => {
      const spamStored = await stored('spam');
      const realStored = await stored('new');
      expect(spamStored).toBe(SPAM_CEILING);
      // The 10 accepted from the two /64s hold between 0 and 10 real ones, then 2 people, the flood's accepted and the last person.
      expect(realStored).toBeGreaterThanOrEqual(3 + (figures.flood as { accepted: number }).accepted);
      figures.stored = { spam: spamStored, real: realStored };
      console.log(`flood figures on ${kind}: ${JSON.stringify(figures)}`);
    }, 60_000);
  });
}
