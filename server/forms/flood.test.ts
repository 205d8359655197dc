import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSiteDir } from '../../tests/support/app.ts';
import { contactFields, humanMeta } from '../../tests/support/forms.ts';
import { postFrom } from '../../tests/support/http.ts';
import { spawnServer, waitHealthy, type ServerProcess } from '../../tests/support/process.ts';

// A real server with the production limits (5 per client in 10 minutes), and a
// small site-wide ceiling so that many clients reach it; clients are distinct
// loopback addresses over real sockets.
const SITE_CEILING = 40;

async function inBatches<T>(count: number, width: number, send: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += width) {
    results.push(...(await Promise.all(Array.from({ length: Math.min(width, count - start) }, (_, j) => send(start + j)))));
  }
  return results;
}

describe('a flood of submissions against a real server', () => {
  let server: ServerProcess;
  let url: string;
  beforeAll(async () => {
    server = await spawnServer({
      SITE_DIR: fixtureSiteDir(),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'anchor-flood-')),
      RATE_LIMIT_SITE_PER_HOUR: String(SITE_CEILING),
      LOG_LEVEL: 'warn',
    });
    await waitHealthy(server.port);
    url = `http://127.0.0.1:${server.port}/api/forms/contact`;
  });
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });

  it('lets one client through 5 times out of 1,000 and answers the rest 429 with Retry-After, while another client still gets 201', async () => {
    const body = { ...contactFields(), meta: humanMeta() };
    const results = await inBatches(1_000, 25, () => postFrom('127.0.0.2', url, body));
    const accepted = results.filter((r) => r.status === 201).length;
    const refused = results.filter((r) => r.status === 429);
    expect(accepted).toBe(5);
    expect(refused).toHaveLength(995);
    expect(refused.every((r) => Number(r.headers['retry-after']) > 0)).toBe(true);
    expect((await postFrom('127.0.0.3', url, body)).status).toBe(201);
  }, 120_000);

  it('holds the site-wide ceiling across many clients', async () => {
    const body = { ...contactFields(), meta: humanMeta() };
    const results = await inBatches(80, 20, (i) => postFrom(`127.0.1.${i + 2}`, url, body));
    const accepted = results.filter((r) => r.status === 201).length;
    // 6 were accepted in the test before; the ceiling counts the whole site.
    expect(accepted).toBe(SITE_CEILING - 6);
    const refused = results.filter((r) => r.status === 429);
    expect(refused.length).toBe(80 - accepted);
    expect(refused.every((r) => (r.json as { scope?: string }).scope === 'site')).toBe(true);
  }, 120_000);
});
