import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonBody } from './read-json-body.ts';

const limit = 1024;
const app = new Hono().post('/', async (c) => c.json(await readJsonBody(c, limit)));

/** Sends raw bytes over a real socket, with or without a Content-Length (chunked), a few milliseconds between chunks. */
function send(port: number, chunks: Buffer[], withLength: boolean): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const length = chunks.reduce((n, b) => n + b.length, 0);
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/', agent: false, headers: { 'Content-Type': 'application/json', ...(withLength ? { 'Content-Length': length } : {}) } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    const next = (i: number) => {
      if (i === chunks.length) return void req.end();
      req.write(chunks[i]);
      setTimeout(() => next(i + 1), 5);
    };
    next(0);
  });
}

const split = (json: string) => [Buffer.from(json.slice(0, 5)), Buffer.from(json.slice(5))];

describe('readJsonBody', () => {
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  for (const withLength of [true, false]) {
    const how = withLength ? 'with a Content-Length' : 'chunked';
    it(`reads Node's request stream ${how}: JSON, a byte order mark, broken JSON, and a body over the limit`, async () => {
      expect(await send(port, split('{"name":"Äiti","n":[1,2]}'), withLength)).toEqual({ status: 200, json: { ok: true, value: { name: 'Äiti', n: [1, 2] } } });
      expect(await send(port, [Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')], withLength)).toEqual({ status: 200, json: { ok: true, value: { a: 1 } } });
      expect(await send(port, split('{"a":'), withLength)).toEqual({ status: 200, json: { ok: false, problem: 'invalid_json' } });
      expect(await send(port, [], withLength)).toEqual({ status: 200, json: { ok: false, problem: 'invalid_json' } });
      // Refused part-way through a body that is still arriving, and the answer still reaches the sender.
      const big = Array.from({ length: 10 }, () => Buffer.from('x'.repeat(200)));
      expect(await send(port, big, withLength)).toEqual({ status: 200, json: { ok: false, problem: 'too_large' } });
      // Exactly at the limit is still read.
      const exact = `{"a":"${'x'.repeat(limit - 8)}"}`;
      expect(Buffer.byteLength(exact)).toBe(limit);
      expect(((await send(port, split(exact), withLength)).json as { ok: boolean }).ok).toBe(true);
    });
  }

  it('reads the web body where there is no Node stream (app.request), through the same rules', async () => {
    const post = async (body: BodyInit, headers: Record<string, string> = {}) =>
      (await app.request('/', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body })).json();
    expect(await post('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(await post('nope')).toEqual({ ok: false, problem: 'invalid_json' });
    expect(await post('x'.repeat(limit + 1))).toEqual({ ok: false, problem: 'too_large' });
  });
});
