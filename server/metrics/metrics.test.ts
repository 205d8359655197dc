import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureSiteDir } from '../../tests/support/app.ts';
import { createEmptyPostgresDatabase, testDatabaseUrl } from '../../tests/support/databases.ts';
import { contactFields, humanMeta, sameOriginJson } from '../../tests/support/forms.ts';
import { freePort, spawnServer, trackServers, waitHealthy } from '../../tests/support/process.ts';
import { routeGroup } from './metrics.ts';

/** Every metric /metrics must list (the README's "Operations" names the same). */
const everyMetric = [
  'anchor_submissions_total',
  'anchor_http_request_duration_seconds',
  'anchor_flood_mode',
  'anchor_mails_sent_total',
  'anchor_mails_failed_total',
  'anchor_signin_failures_total',
  'anchor_signin_throttled_total',
  'anchor_audit_appends_total',
  'anchor_retention_deleted_total',
  'anchor_db_pool_connections',
  'anchor_jobs_lock_held',
  'anchor_database_clock_offset_seconds',
  'anchor_outbox_backlog',
  'anchor_outbox_oldest_age_seconds',
  'nodejs_eventloop_lag_seconds',
  'nodejs_eventloop_lag_p99_seconds',
  'process_resident_memory_bytes',
  'nodejs_heap_size_used_bytes',
];

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const track = trackServers();

async function start(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'anchor-metrics-'));
  dirs.push(dataDir);
  const [metricsPort, internalPort] = [await freePort(), await freePort()];
  const s = track(await spawnServer({ SITE_DIR: fixtureSiteDir(), DATA_DIR: dataDir, METRICS_PORT: String(metricsPort), INTERNAL_PORT: String(internalPort), ...env }));
  await waitHealthy(s.port, 30_000, s.child);
  return { ...s, metricsPort, internalPort };
}

const scrape = async (port: number) => {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
};
/** The value of one sample line, e.g. `anchor_submissions_total{form="contact",outcome="stored",reason=""}`. */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('GET /metrics', () => {
  it('is served on METRICS_PORT only, with every metric, and counts what happens', async () => {
    const s = await start({ ROLE: 'all' });
    const base = `http://127.0.0.1:${s.port}`;
    const stored = await fetch(`${base}/api/forms/contact`, { method: 'POST', headers: sameOriginJson, body: JSON.stringify({ ...contactFields(), meta: humanMeta() }) });
    expect(stored.status).toBe(201);
    const refused = await fetch(`${base}/api/forms/contact`, { method: 'POST', headers: sameOriginJson, body: JSON.stringify({ meta: humanMeta() }) });
    expect(refused.status).toBe(400);
    const signIn = await fetch(`${base}/api/staff/auth/sign-in`, {
      method: 'POST',
      headers: sameOriginJson,
      body: JSON.stringify({ email: 'nobody@hel.fi', password: 'not the password at all', code: '000000' }),
    });
    expect(signIn.status).toBe(401);

    const text = await scrape(s.metricsPort);
    for (const name of everyMetric) expect(text, name).toMatch(new RegExp(`^# TYPE ${name} `, 'm'));
    expect(sample(text, 'anchor_submissions_total{form="contact",outcome="stored",reason=""}')).toBe(1);
    expect(sample(text, 'anchor_submissions_total{form="contact",outcome="refused",reason="invalid"}')).toBe(1);
    expect(sample(text, 'anchor_http_request_duration_seconds_count{group="forms",method="POST",status="2xx"}')).toBe(1);
    expect(sample(text, 'anchor_http_request_duration_seconds_count{group="forms",method="POST",status="4xx"}')).toBe(1);
    expect(sample(text, 'anchor_signin_failures_total')).toBe(1);
    expect(sample(text, 'anchor_signin_throttled_total')).toBe(0);
    expect(sample(text, 'anchor_flood_mode')).toBe(0);
    // No SMTP_URL: the new case's mail waits in the outbox, and this (only) instance reports it.
    expect(sample(text, 'anchor_jobs_lock_held')).toBe(1);
    expect(sample(text, 'anchor_outbox_backlog')).toBe(1);
    expect(sample(text, 'anchor_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    // The same machine's clock: well within a second.
    expect(Math.abs(sample(text, 'anchor_database_clock_offset_seconds')!)).toBeLessThan(1);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).not.toMatch(/Marker|nobody@hel\.fi/);

    // Never on the public port nor the internal one: the app has no such route.
    for (const port of [s.port, s.internalPort]) {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status, `port ${port}`).toBe(404);
      expect(await res.text()).not.toMatch(/anchor_|# TYPE/);
    }
    // The metrics port answers nothing else.
    expect((await fetch(`http://127.0.0.1:${s.metricsPort}/`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${s.metricsPort}/metrics`, { method: 'POST' })).status).toBe(404);
    expect(s.output()).toMatch(new RegExp(`metrics on http://127\\.0\\.0\\.1:${s.metricsPort}/metrics`));
  }, 60_000);

  it.skipIf(!testDatabaseUrl)('exports the database-wide gauges from one instance of several on PostgreSQL, another after it dies', async () => {
    const database = await createEmptyPostgresDatabase();
    try {
      const env = { ROLE: 'all', DATABASE_URL: database.url };
      const a = await start(env);
      const b = await start(env);
      const held = async () => [sample(await scrape(a.metricsPort), 'anchor_jobs_lock_held'), sample(await scrape(b.metricsPort), 'anchor_jobs_lock_held')];
      expect(await held()).toEqual([1, 0]);
      expect(await scrape(b.metricsPort)).not.toMatch(/^anchor_outbox_backlog /m);
      expect(sample(await scrape(a.metricsPort), 'anchor_db_pool_connections{state="max"}')).toBe(10);
      a.child.kill('SIGKILL');
      await a.exited;
      // The killed instance's lock went with its connection: the next scrape of the other takes it.
      await expect.poll(async () => sample(await scrape(b.metricsPort), 'anchor_jobs_lock_held'), { timeout: 10_000 }).toBe(1);
      expect(sample(await scrape(b.metricsPort), 'anchor_outbox_backlog')).toBe(0);
      b.child.kill('SIGTERM');
      await b.exited;
    } finally {
      await database.drop();
    }
  }, 90_000);

  it('groups routes into a few fixed labels, never a path', () => {
    expect(['/api/forms/contact', '/api/staff/cases/123', '/api/health/live', '/api/nope', '/fi/yhteystiedot/'].map(routeGroup)).toEqual(['forms', 'staff', 'health', 'api_other', 'site']);
  });
});
