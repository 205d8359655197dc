import { afterEach, describe, expect, it, vi } from 'vitest';
import { keyForAnswers, newIdempotencyKey, submitForm } from './submit.ts';

const respond = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } }));

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('submitForm', () => {
  it('posts JSON with the idempotency key to /api/forms/:kind', async () => {
    const fetchMock = respond(201, { reference: 'ABCDEFGH', dueAt: '2026-12-03T10:00:00.000Z' });
    vi.stubGlobal('fetch', fetchMock);
    const body = { description: 'x', meta: { locale: 'fi', website: '', startedAt: 1 } };
    const result = await submitForm('concern', body, 'key-1');
    expect(result).toEqual({ status: 'sent', reference: 'ABCDEFGH', dueAt: '2026-12-03T10:00:00.000Z' });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/forms/concern');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ 'Content-Type': 'application/json', 'Idempotency-Key': 'key-1' });
    expect(JSON.parse(String(init.body))).toEqual(body);
  });

  it('passes the server’s field errors on', async () => {
    vi.stubGlobal('fetch', respond(400, { errors: [{ path: 'email', code: 'custom', message: 'Anna sähköposti.' }, { bad: 1 }] }));
    expect(await submitForm('contact', {}, 'k')).toEqual({
      status: 'invalid',
      errors: [{ path: 'email', code: 'custom', message: 'Anna sähköposti.' }],
    });
  });

  it('treats a 400 without readable errors as a failure', async () => {
    vi.stubGlobal('fetch', respond(400, { error: 'bad_request' }));
    expect(await submitForm('contact', {}, 'k')).toEqual({ status: 'failed' });
  });

  it('reads Retry-After as seconds or as a date', async () => {
    vi.stubGlobal('fetch', respond(429, {}, { 'Retry-After': '120' }));
    expect(await submitForm('contact', {}, 'k')).toEqual({ status: 'rate-limited', retryAfterSeconds: 120 });
    vi.useFakeTimers({ now: new Date('2026-01-01T12:00:00Z') });
    vi.stubGlobal('fetch', respond(429, undefined, { 'Retry-After': 'Thu, 01 Jan 2026 12:01:30 GMT' }));
    expect(await submitForm('contact', {}, 'k')).toEqual({ status: 'rate-limited', retryAfterSeconds: 90 });
    vi.stubGlobal('fetch', respond(429, undefined));
    expect(await submitForm('contact', {}, 'k')).toEqual({ status: 'rate-limited', retryAfterSeconds: undefined });
  });

  it('calls a network error, a 5xx, a 404 or an unreadable 201 a failure', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    expect(await submitForm('contact', {}, 'k')).toEqual({ status: 'failed' });
    vi.stubGlobal('fetch', respond(503, { error: 'internal_error' }));
    expect(await submitForm('contact', {}, 'k')).toEqual({ status: 'failed' });
    vi.stubGlobal('fetch', respond(404, { error: 'not_found' }));
    expect(await submitForm('contact', {}, 'k')).toEqual({ status: 'failed' });
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>', { status: 201 })));
    expect(await submitForm('contact', {}, 'k')).toEqual({ status: 'failed' });
  });
});

describe('newIdempotencyKey', () => {
  it('makes a different key each time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey()));
    expect(keys.size).toBe(50);
  });

  it('falls back to random bytes without crypto.randomUUID (an insecure context)', () => {
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => a.fill(171) });
    expect(newIdempotencyKey()).toBe('ab'.repeat(16));
  });
});

describe('keyForAnswers', () => {
  let n = 0;
  const fresh = () => `key-${++n}`;

  it('keeps the key for the same answers and makes a new one when they change after a failed send', () => {
    const first = keyForAnswers(undefined, '{"a":1}', fresh);
    expect(keyForAnswers(first, '{"a":1}', fresh)).toBe(first);
    const changed = keyForAnswers(first, '{"a":2}', fresh);
    expect(changed.key).not.toBe(first.key);
    expect(changed.answers).toBe('{"a":2}');
    // Back to the first answers: still a new key, the server holds the second ones under the last.
    expect(keyForAnswers(changed, '{"a":1}', fresh).key).not.toBe(changed.key);
  });
});

describe('submitForm in flood mode', () => {
  it('returns the challenge of a 428 and sends a solved one in the Proof-Of-Work header', async () => {
    vi.stubGlobal('fetch', respond(428, { error: 'proof_required', challenge: 'c1.contact.1.16.n.m', bits: 16 }));
    expect(await submitForm('contact', {}, 'k')).toEqual({ status: 'proof-required', challenge: 'c1.contact.1.16.n.m' });
    const fetchMock = respond(201, { reference: 'ABCDEFGH', dueAt: '2026-12-03T10:00:00.000Z' });
    vi.stubGlobal('fetch', fetchMock);
    await submitForm('contact', {}, 'k', 'c1.contact.1.16.n.m:42');
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.headers).toMatchObject({ 'Proof-Of-Work': 'c1.contact.1.16.n.m:42', 'Idempotency-Key': 'k' });
  });
});
