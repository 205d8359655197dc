import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSealed } from '../crypto/seal.ts';
import { referenceAlphabet } from '../intake/reference.ts';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { concernFields, contactFields, fromAddress, humanMeta, sameOriginJson } from '../../tests/support/forms.ts';
import { rawTableText, tableCounts } from '../../tests/support/tables.ts';

let nextAddress = 10;
/** A distinct loopback client per call, so the per-client limit stays out of tests that are not about it. */
const someClient = () => fromAddress(`127.${Math.floor(nextAddress / 250)}.${nextAddress++ % 250}.2`);

/** A stored case's sealed answers, opened with the test app's keyring. */
function openStored(t: TestApp, row: Record<string, unknown>): Record<string, unknown> {
  const sealed = {
    keyId: row.sealed_key_id as string,
    ephemeralPublicKey: Buffer.from(row.sealed_ephemeral_key as Uint8Array),
    nonce: Buffer.from(row.sealed_nonce as Uint8Array),
    ciphertext: Buffer.from(row.sealed_ciphertext as Uint8Array),
  };
  return openSealed(sealed, row.reference as string, t.keyring) as Record<string, unknown>;
}

function post(t: TestApp, kind: string, body: unknown, headers: Record<string, string> = {}, env = someClient()) {
  return t.app.request(
    `/api/forms/${kind}`,
    { method: 'POST', headers: { ...sameOriginJson, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) },
    env,
  );
}

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`forms API on ${kind}`, () => {
    let t: TestApp;
    let stored = 0;
    beforeAll(async () => {
      t = await createTestApp(kind, { FLOOD_THRESHOLD_PER_MINUTE: '100000', RATE_LIMIT_PER_WIDE_NETWORK: '100000' }, { onCaseStored: () => stored++ });
    });
    afterAll(() => t.close());

    it('stores a contact request sealed, routed and with an outbox row, and answers 201 with the reference', async () => {
      const before = stored;
      const res = await post(t, 'contact', { ...contactFields('Zq9Marker'), meta: humanMeta('sv') });
      expect(res.status).toBe(201);
      const answer = (await res.json()) as { reference: string };
      const { reference } = answer;
      expect(reference).toMatch(new RegExp(`^[${referenceAlphabet}]{8}$`));
      // The internal target stays with the staff; the sample config commits to no time, so nothing is promised.
      expect(Object.keys(answer)).toEqual(['reference']);
      expect(stored).toBe(before + 1);
      const { rows } = await t.database.handle.query<Record<string, unknown>>('select * from cases where reference = $1', [reference]);
      const row = rows[0]!;
      expect(row).toMatchObject({ kind: 'contact', locale: 'sv', status: 'new', writer: 'parent', age_band: '12-14', interpreter_needed: true, contact_language: 'other' });
      expect(row.categories).toEqual(['crime', 'substances']);
      expect(typeof row.proposed_queue).toBe('string');
      const opened = openStored(t, row);
      expect(opened).toMatchObject({ firstName: 'Zq9MarkerName', phone: '040 123 4567', noVoicemail: true });
      // Asked to call, so the email address typed in passing is not kept.
      expect(opened).not.toHaveProperty('email');
      const outbox = await t.database.handle.query('select * from outbox where case_id = $1', [row.id]);
      expect(outbox.rows).toHaveLength(1);
      // The marker typed into every field is in no column in plain text.
      for (const table of ['cases', 'outbox', 'idempotency_keys', 'rate_events', 'rate_counters']) {
        expect(await rawTableText(t.database.handle, table)).not.toMatch(/zq9marker/i);
      }
      expect(t.logs.join('\n')).not.toMatch(/zq9marker|040 123 4567|127\.0\./i);
    });

    it('stores no hidden follow-up that a hand-made request carries (the browser drops them by the same rule)', async () => {
      // Email chosen, a parent writing, Finnish as the language: the phone number, safe times, voicemail box,
      // "not the parents first" (allowed only to a young person) and the other language were never shown.
      const fields = { ...contactFields('Hid7Marker'), contactMethod: 'email', noParentsFirst: false, contactLanguage: 'fi' };
      const res = await post(t, 'contact', { ...fields, meta: humanMeta('fi') });
      expect(res.status).toBe(201);
      const { reference } = (await res.json()) as { reference: string };
      const { rows } = await t.database.handle.query<Record<string, unknown>>('select * from cases where reference = $1', [reference]);
      const row = rows[0]!;
      const opened = openStored(t, row);
      expect(opened).toMatchObject({ email: 'hid7marker@example.com', contactMethod: 'email', noVoicemail: false });
      for (const hidden of ['phone', 'safeTimes', 'contactLanguageOther']) expect(opened).not.toHaveProperty(hidden);
      // Plain columns are not sealed twice.
      for (const column of ['writer', 'ageBand', 'categories', 'contactLanguage', 'interpreterNeeded']) expect(opened).not.toHaveProperty(column);
      expect(JSON.stringify(opened)).not.toMatch(/040 123 4567|after 17|Hid7MarkerLang/);
    });

    it('stores "I don\'t know" as no age band, routed as any request without an age, and a friend writing as a young person', async () => {
      const send = async (fields: Record<string, unknown>) => {
        const res = await post(t, 'contact', { ...contactFields(), writer: 'friend', noParentsFirst: false, ...fields, meta: humanMeta('fi') });
        expect(res.status).toBe(201);
        const { reference } = (await res.json()) as { reference: string };
        const { rows } = await t.database.handle.query<Record<string, unknown>>('select * from cases where reference = $1', [reference]);
        return rows[0]!;
      };
      // Recruitment under 15 would be priority 1; without a known age it is the general recruitment rule.
      expect(await send({ ageBand: 'unknown', categories: ['recruitment'] })).toMatchObject({ writer: 'friend', age_band: null, proposed_queue: 'police', priority: 2 });
      expect(await send({ ageBand: '15-17', categories: ['other'] })).toMatchObject({ writer: 'friend', age_band: '15-17', proposed_queue: 'youth-work', priority: 3 });
      // "Is this urgent?" on the contact form feeds routing and the internal target as on the concern form.
      const urgent = await send({ ageBand: '15-17', categories: ['other'], urgency: 'urgent' });
      expect(urgent).toMatchObject({ urgency: 'urgent', proposed_queue: 'youth-work', priority: 1 });
      expect(await send({ ageBand: '15-17', categories: ['other'], urgency: 'normal' })).toMatchObject({ urgency: 'normal', priority: 3 });
      // A friend cannot ask for someone else that their parents are not contacted first.
      const refused = await post(t, 'contact', { ...contactFields(), writer: 'friend', noParentsFirst: true, meta: humanMeta('fi') });
      expect(refused.status).toBe(400);
    });

    it('stores a concern with its urgency, the age band from the date of birth, and the queue routing proposes', async () => {
      const res = await post(t, 'concern', { ...concernFields(), meta: humanMeta('en') });
      expect(res.status).toBe(201);
      const { reference } = (await res.json()) as { reference: string };
      const { rows } = await t.database.handle.query<Record<string, unknown>>('select * from cases where reference = $1', [reference]);
      expect(rows[0]).toMatchObject({ kind: 'concern', locale: 'en', writer: 'professional', urgency: 'urgent', age_band: '12-14', proposed_queue: 'police', priority: 1 });
    });

    it('answers 400 with every field error in the form language, and changes nothing', async () => {
      const before = await tableCounts(t.database.handle);
      const fi = await post(t, 'contact', { meta: humanMeta('fi') });
      const en = await post(t, 'contact', { meta: humanMeta('en') });
      expect(fi.status).toBe(400);
      const fiErrors = ((await fi.json()) as { errors: { path: string; code: string; message: string }[] }).errors;
      const enErrors = ((await en.json()) as { errors: { path: string; message: string }[] }).errors;
      expect(fiErrors.map((e) => e.path)).toEqual(expect.arrayContaining(['writer', 'ageBand', 'categories', 'description', 'contactMethod']));
      expect(fiErrors.every((e) => e.message && !e.message.startsWith('form.'))).toBe(true);
      expect(fiErrors[0]!.message).not.toBe(enErrors[0]!.message);
      expect(await tableCounts(t.database.handle)).toEqual(before);
    });

    it('answers 400 JSON to a body that is not JSON, in the Accept-Language language', async () => {
      const res = await post(t, 'concern', '{"broken', { 'Accept-Language': 'sv' });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: { code: string; message: string }[] };
      expect(body.errors[0]!.code).toBe('invalid_json');
      expect(body.errors[0]!.message).toMatch(/[åäö]/);
    });

    it('refuses a cross-site request (403), with and without Sec-Fetch-Site', async () => {
      const before = await tableCounts(t.database.handle);
      const body = { ...contactFields(), meta: humanMeta() };
      expect((await post(t, 'contact', body, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
      expect((await post(t, 'contact', body, { 'Sec-Fetch-Site': 'same-site' })).status).toBe(403);
      const noFetchMeta = { 'Content-Type': 'application/json' };
      const bare = (headers: Record<string, string>) =>
        t.app.request('/api/forms/contact', { method: 'POST', headers: { ...noFetchMeta, ...headers }, body: JSON.stringify(body) }, someClient());
      expect((await bare({ Origin: 'https://evil.example' })).status).toBe(403);
      expect((await bare({})).status).toBe(403);
      expect(await tableCounts(t.database.handle)).toEqual(before);
      // An older phone sends no Sec-Fetch-Site but the right Origin.
      expect((await bare({ Origin: 'http://portal.test' })).status).toBe(201);
    });

    it('answers 415 to anything but JSON and 413 to a body over 64 KB, chunked or not', async () => {
      const before = await tableCounts(t.database.handle);
      expect((await post(t, 'contact', 'writer=self', { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(415);
      expect((await post(t, 'contact', 'x', { 'Content-Type': 'text/plain' })).status).toBe(415);
      const big = JSON.stringify({ ...contactFields(), description: 'x'.repeat(70_000), meta: humanMeta() });
      expect((await post(t, 'contact', big)).status).toBe(413);
      const chunks = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 70; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
          controller.close();
        },
      });
      const chunked = await t.app.request(
        '/api/forms/contact',
        { method: 'POST', headers: { ...sameOriginJson, 'Transfer-Encoding': 'chunked' }, body: chunks, duplex: 'half' } as RequestInit,
        someClient(),
      );
      expect(chunked.status).toBe(413);
      expect(await tableCounts(t.database.handle)).toEqual(before);
    });

    it('returns the first reference to a repeated Idempotency-Key and creates nothing new', async () => {
      const body = { ...contactFields(), meta: humanMeta() };
      const key = crypto.randomUUID();
      const client = someClient();
      const first = await post(t, 'contact', body, { 'Idempotency-Key': key }, client);
      const before = await tableCounts(t.database.handle);
      // Sent again a moment later: the answers are the same, the moment of sending is not.
      const again = await post(t, 'contact', { ...body, meta: { ...body.meta, sentAt: body.meta.sentAt + 5_000 } }, { 'Idempotency-Key': key }, client);
      expect(again.status).toBe(201);
      expect(((await again.json()) as { reference: string }).reference).toBe(((await first.json()) as { reference: string }).reference);
      expect(await tableCounts(t.database.handle)).toEqual(before);
    });

    it('takes an Idempotency-Key past its expiry as new, even before retention has deleted it', async () => {
      const body = { ...contactFields(), meta: humanMeta() };
      const key = crypto.randomUUID();
      const client = someClient();
      const first = ((await (await post(t, 'contact', body, { 'Idempotency-Key': key }, client)).json()) as { reference: string }).reference;
      await t.database.handle.query(`update idempotency_keys set expires_at = now() - interval '1 second' where reference = $1`, [first]);
      const later = await post(t, 'contact', body, { 'Idempotency-Key': key }, client);
      expect(later.status).toBe(201);
      const second = ((await later.json()) as { reference: string }).reference;
      expect(second).not.toBe(first);
      expect((await t.database.handle.query('select reference from idempotency_keys where reference in ($1, $2)', [first, second])).rows).toEqual([{ reference: second }]);
    });

    it('binds an Idempotency-Key to the network and the answers: another body gets 409, another network its own case', async () => {
      const body = { ...contactFields(), meta: humanMeta() };
      const key = crypto.randomUUID();
      const client = someClient();
      const first = await post(t, 'contact', body, { 'Idempotency-Key': key }, client);
      expect(first.status).toBe(201);
      const { reference } = (await first.json()) as { reference: string };
      const before = await tableCounts(t.database.handle);
      // The same key with different answers, from the same network: refused, nothing stored, no reference given.
      const changed = await post(t, 'contact', { ...contactFields('Other'), meta: body.meta }, { 'Idempotency-Key': key }, client);
      expect(changed.status).toBe(409);
      const refusal = (await changed.json()) as Record<string, unknown>;
      expect(refusal).toMatchObject({ error: 'idempotency_key_reused' });
      expect(JSON.stringify(refusal)).not.toContain(reference);
      expect(await tableCounts(t.database.handle)).toEqual(before);
      // Another network sending a different report under the same key never gets the first report's reference.
      const elsewhere = await post(t, 'contact', { ...contactFields('Other'), meta: humanMeta() }, { 'Idempotency-Key': key }, someClient());
      expect(elsewhere.status).toBe(201);
      expect(((await elsewhere.json()) as { reference: string }).reference).not.toBe(reference);
      // The first sender's retry still gets its own reference.
      const retry = await post(t, 'contact', body, { 'Idempotency-Key': key }, client);
      expect(((await retry.json()) as { reference: string }).reference).toBe(reference);
    });

    it('binds the key to the answers as validated: an unknown key, however deep, neither breaks nor changes the hash', async () => {
      const key = crypto.randomUUID();
      const client = someClient();
      const meta = humanMeta();
      // Written out: JSON.stringify itself cannot go this deep.
      const withDeepExtra = `${JSON.stringify({ ...contactFields(), meta }).slice(0, -1)},"extra":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
      const first = await post(t, 'contact', withDeepExtra, { 'Idempotency-Key': key }, client);
      expect(first.status).toBe(201);
      const again = await post(t, 'contact', { ...contactFields(), meta }, { 'Idempotency-Key': key }, client);
      expect(((await again.json()) as { reference: string }).reference).toBe(((await first.json()) as { reference: string }).reference);
    });

    it('answers a bot (honeypot filled, or sent too fast) with an ordinary 201 and keeps the case out of the queue', async () => {
      for (const meta of [{ ...humanMeta(), website: 'http://spam.example' }, { ...humanMeta(), startedAt: Date.now() - 500, sentAt: Date.now() }]) {
        const res = await post(t, 'contact', { ...contactFields(), meta });
        expect(res.status).toBe(201);
        const { reference } = (await res.json()) as { reference: string };
        const { rows } = await t.database.handle.query<{ status: string; id: string }>('select id, status from cases where reference = $1', [reference]);
        expect(rows[0]!.status).toBe('spam');
        expect((await t.database.handle.query('select 1 from outbox where case_id = $1', [rows[0]!.id])).rows).toHaveLength(0);
      }
    });

    it('gives 200 parallel submissions 200 distinct references and 200 stored cases', async () => {
      const before = await tableCounts(t.database.handle);
      const responses = await Promise.all(
        Array.from({ length: 200 }, (_, i) => post(t, i % 2 ? 'contact' : 'concern', { ...(i % 2 ? contactFields() : concernFields()), meta: humanMeta() })),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(200).fill(201));
      const references = await Promise.all(responses.map(async (r) => ((await r.json()) as { reference: string }).reference));
      expect(new Set(references).size).toBe(200);
      const after = await tableCounts(t.database.handle);
      expect(after.cases! - before.cases!).toBe(200);
      expect(after.outbox! - before.outbox!).toBe(200);
    });
  });
}


describe('forms API: promisedBy only from a service commitment the deployer has set', () => {
  // Sunday 6 December 2026, 12:00 Helsinki time: counted from Monday 7 December.
  const sunday = () => new Date('2026-12-06T10:00:00Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { RATE_LIMIT_SITE_PER_HOUR: '100000', DUE_WORKING_DAYS_URGENT: '2' }, { now: sunday, commitments: { urgent: 1, normal: null } });
  });
  afterAll(() => t.close());

  it('answers an urgent concern with the committed date, while the staff target follows its own setting', async () => {
    const res = await post(t, 'concern', { ...concernFields(), urgency: 'urgent', meta: humanMeta('fi') });
    expect(res.status).toBe(201);
    const answer = (await res.json()) as { reference: string; promisedBy?: string };
    expect(answer).toEqual({ reference: answer.reference, promisedBy: '2026-12-08' });
    const { rows } = await t.database.handle.query<{ due_at: Date | string }>('select due_at from cases where reference = $1', [answer.reference]);
    // DUE_WORKING_DAYS_URGENT=2: the end of Wednesday 9 December, Helsinki time (UTC+2).
    expect(new Date(rows[0]!.due_at).toISOString()).toBe('2026-12-09T21:59:59.999Z');
  });

  it('leaves promisedBy out where the commitment is null', async () => {
    const normal = await post(t, 'concern', { ...concernFields(), urgency: 'normal', meta: humanMeta('fi') });
    expect(normal.status).toBe(201);
    expect(await normal.json()).not.toHaveProperty('promisedBy');
    const contact = await post(t, 'contact', { ...contactFields(), meta: humanMeta('fi') });
    expect(contact.status).toBe(201);
    expect(await contact.json()).not.toHaveProperty('promisedBy');
  });
});
