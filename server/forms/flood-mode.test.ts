import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretKey } from 'node:crypto';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { contactFields, fromAddress, humanMeta, sameOriginJson } from '../../tests/support/forms.ts';
import { solveChallenge } from '../../tests/support/proof.ts';
import { staffCall } from '../../tests/support/casework.ts';
import { signedInStaff } from '../../tests/support/staff.ts';
import { tableCounts } from '../../tests/support/tables.ts';
import { checkProof, issueChallenge, proofBits } from './challenge.ts';

let nextNetwork = 1;
/** Each call a new IPv4 network, so the network limits stay out of this test. */
const someNetwork = () => fromAddress(`198.18.${nextNetwork++}.1`);
// The load balancer: health shows its details to it alone.
const healthProxy = '10.9.9.9';

function post(t: TestApp, headers: Record<string, string> = {}, env = someNetwork(), body: unknown = { ...contactFields(), meta: humanMeta() }) {
  return t.app.request('/api/forms/contact', { method: 'POST', headers: { ...sameOriginJson, ...headers }, body: JSON.stringify(body) }, env);
}

type ProofRequired = { error: string; problem?: string; challenge: string; bits: number; message: string };

describe('flood challenges', () => {
  const key = createSecretKey(Buffer.alloc(32, 7));
  const now = new Date('2026-11-26T10:00:00Z');
  const solved = solveChallenge(issueChallenge(key, 'contact', 8, now));

  it('accepts a solved challenge for its form within its window', () => {
    expect(checkProof(key, solved, 'contact', new Date(now.getTime() + 60_000))).toMatchObject({ ok: true, bits: 8 });
  });

  it('refuses a forged, expired, unsolved, malformed or other form\'s challenge', () => {
    const [challenge, solution] = solved.split(':') as [string, string];
    const parts = challenge.split('.');
    const easier = [...parts.slice(0, 3), '1', ...parts.slice(4)].join('.');
    expect(checkProof(key, `${easier}:${solution}`, 'contact', now)).toEqual({ ok: false, problem: 'forged' });
    expect(checkProof(createSecretKey(Buffer.alloc(32, 8)), solved, 'contact', now)).toEqual({ ok: false, problem: 'forged' });
    expect(checkProof(key, solved, 'contact', new Date(now.getTime() + 10 * 60_000))).toEqual({ ok: false, problem: 'expired' });
    expect(checkProof(key, solved, 'concern', now)).toEqual({ ok: false, problem: 'wrong_form' });
    const unsolved = [0, 1, 2, 3].map((n) => checkProof(key, `${challenge}:${Number(solution) + 1 + n}`, 'contact', now));
    expect(unsolved.some((r) => !r.ok && r.problem === 'unsolved')).toBe(true);
    for (const bad of ['', 'x', `${challenge}`, `${challenge}:`, `${challenge}:abc`, `a.b.c:1`]) {
      expect(checkProof(key, bad, 'contact', now)).toEqual({ ok: false, problem: 'malformed' });
    }
  });

  it('asks one more bit each time the flood doubles, at most eight', () => {
    expect([30, 59, 60, 120, 240, 1e9].map((peak) => proofBits(16, peak, 30))).toEqual([16, 16, 17, 18, 19, 24]);
  });
});

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`flood mode on ${kind} (threshold 3 a minute)`, () => {
    let t: TestApp;
    let clock = new Date('2026-11-26T10:00:05Z').getTime();
    beforeAll(async () => {
      t = await createTestApp(kind, { FLOOD_THRESHOLD_PER_MINUTE: '3', FLOOD_HOLD_MINUTES: '30', FLOOD_PROOF_BITS: '6', TRUSTED_PROXIES: healthProxy }, { now: () => new Date(clock) });
    });
    afterAll(() => t.close());

    it('takes submissions without a proof below the threshold, and says so on the challenge route, to staff and to readers without JavaScript', async () => {
      const intake = await signedInStaff(t.database.handle.db, 'intake');
      expect((await staffCall(t, intake.cookie, 'GET', '/me')).json).toMatchObject({ floodMode: false });
      expect(await (await t.app.request('/flood.css')).text()).not.toContain('display:block');
      const challenge = await t.app.request('/api/forms/challenge?kind=contact');
      expect(challenge.status).toBe(200);
      expect(await challenge.json()).toMatchObject({ flood: false, bits: 6 });
      for (let i = 0; i < 3; i++) expect((await post(t)).status).toBe(201);
    });

    let accepted: { reference: string; key: string; env: ReturnType<typeof fromAddress>; body: unknown };

    it('answers 428 with a challenge once the threshold is crossed, and stores nothing', async () => {
      const before = await tableCounts(t.database.handle);
      const refused = await post(t);
      expect(refused.status).toBe(428);
      const body = (await refused.json()) as ProofRequired;
      expect(body).toMatchObject({ error: 'proof_required', problem: 'missing', bits: 6 });
      expect(body.challenge).toMatch(/^c1\.contact\./);
      expect(body.message).toMatch(/poikkeuksellisen paljon/);
      expect(refused.headers.get('Cache-Control')).toBe('no-store');
      expect(await tableCounts(t.database.handle)).toEqual(before);
      // The staff app's banner and the no-JavaScript notice read the same state.
      const intake = await signedInStaff(t.database.handle.db, 'intake');
      expect((await staffCall(t, intake.cookie, 'GET', '/me')).json).toMatchObject({ floodMode: true });
      const css = await t.app.request('/flood.css');
      expect(css.headers.get('Content-Type')).toMatch(/^text\/css/);
      expect(await css.text()).toContain('.form-busy{display:block}');
      // Health details go to the load balancer (a trusted proxy) of a staff host.
      const health = (await (await t.app.request('/api/health', {}, fromAddress(healthProxy))).json()) as { flood: unknown };
      expect(health.flood).toMatchObject({ active: true, peakPerMinute: 3, thresholdPerMinute: 3 });
      expect((await (await t.app.request('/api/forms/challenge?kind=contact')).json()) as object).toMatchObject({ flood: true });
      expect((await t.app.request('/api/forms/challenge?kind=other')).status).toBe(400);
    });

    const floodLines = () => t.logs.filter((line) => line.includes('flood mode: submissions need a proof of work'));

    it('accepts a valid proof once and refuses it on reuse', async () => {
      const { challenge } = (await (await post(t)).json()) as ProofRequired;
      const proof = solveChallenge(challenge);
      const key = crypto.randomUUID();
      const env = someNetwork();
      const body = { ...contactFields(), meta: humanMeta() };
      const ok = await post(t, { 'Proof-Of-Work': proof, 'Idempotency-Key': key }, env, body);
      expect(ok.status).toBe(201);
      accepted = { reference: ((await ok.json()) as { reference: string }).reference, key, env, body };
      const reused = await post(t, { 'Proof-Of-Work': proof });
      expect(reused.status).toBe(428);
      expect(await reused.json()).toMatchObject({ error: 'proof_required', problem: 'used' });
    });

    it('never challenges the replay of an accepted request', async () => {
      const again = await post(t, { 'Idempotency-Key': accepted.key }, accepted.env, accepted.body);
      expect(again.status).toBe(201);
      expect(((await again.json()) as { reference: string }).reference).toBe(accepted.reference);
    });

    it('refuses a forged, another form\'s or an expired challenge', async () => {
      const { challenge } = (await (await post(t)).json()) as ProofRequired;
      const forged = challenge.replace(/\.[\w-]+$/, '.AAAAAAAAAAAAAAAAAAAAAA');
      expect(await (await post(t, { 'Proof-Of-Work': solveChallenge(forged) })).json()).toMatchObject({ problem: 'forged' });
      const concern = ((await (await t.app.request('/api/forms/challenge?kind=concern')).json()) as { challenge: string }).challenge;
      expect(await (await post(t, { 'Proof-Of-Work': solveChallenge(concern) })).json()).toMatchObject({ problem: 'wrong_form' });
      const proof = solveChallenge(challenge);
      clock += 11 * 60_000;
      const late = await post(t, { 'Proof-Of-Work': proof });
      expect(late.status).toBe(428);
      expect(await late.json()).toMatchObject({ problem: 'expired' });
      // In the log once a minute while submissions meet flood mode, however many there are.
      expect(floodLines()).toHaveLength(2);
      expect(JSON.parse(floodLines()[0]!)).toMatchObject({ level: 'warn', flood: true, peakPerMinute: 3, thresholdPerMinute: 3 });
    });

    it('asks more work as the flood grows, refuses a challenge fetched before it grew, and lets go once the hold has passed', async () => {
      clock += 60_000;
      const early = ((await (await post(t)).json()) as ProofRequired).challenge;
      for (let i = 0; i < 6; i++) {
        const { challenge } = (await (await post(t)).json()) as ProofRequired;
        expect((await post(t, { 'Proof-Of-Work': solveChallenge(challenge) })).status).toBe(201);
      }
      expect(((await (await post(t)).json()) as ProofRequired).bits).toBe(7);
      const stockpiled = await post(t, { 'Proof-Of-Work': solveChallenge(early) });
      expect(stockpiled.status).toBe(428);
      expect(await stockpiled.json()).toMatchObject({ problem: 'too_easy', bits: 7 });
      clock += 31 * 60_000;
      expect((await post(t)).status).toBe(201);
    });
  });
}
