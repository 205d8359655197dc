/**
 * Mixed load for at least 60 s: page views, form submissions and staff
 * queue reads at fixed rates at the same time, on PostgreSQL. Reports each
 * stream's throughput, p50/p99 and errors, and the server's memory (RSS)
 * sampled through the run, to show it does not keep growing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { formatLoad, runLoad, startBenchServer } from './load.ts';
import { contactFields } from '../../tests/support/forms.ts';

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const seconds = Number(process.env.BENCH_MIXED_SECONDS ?? 60);
const rates = {
  pages: Number(process.env.BENCH_MIXED_PAGES ?? 400),
  submissions: Number(process.env.BENCH_MIXED_SUBMISSIONS ?? 200),
  queue: Number(process.env.BENCH_MIXED_QUEUE ?? 50),
};

const name = `anchor_bench_mixed_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database "${name}"`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const server = await startBenchServer(4504, { DATABASE_URL: url.href, TRUSTED_PROXIES: '127.0.0.1', RATE_LIMIT_PER_NETWORK: '5', FLOOD_THRESHOLD_PER_MINUTE: '100000000' });
const db = new pg.Client({ connectionString: url.href });
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
try {
  await db.connect();
  const sessionId = randomBytes(32).toString('base64url');
  const { rows } = await db.query<{ id: string }>(`insert into staff_users (email, role, status) values ('bench@anchor.test', 'intake', 'active') returning id`);
  await db.query('insert into sessions (id_hash, user_id, created_at, last_seen_at) values ($1, $2, now(), now())', [
    createHash('sha256').update(sessionId).digest('base64url'),
    rows[0]!.id,
  ]);
  // Warm up, then take the starting memory.
  await runLoad({ label: 'warm-up', url: `${server.url}/fi/`, durationSeconds: 3, connections: 10 });
  const memory: number[] = [rss()];
  const sampler = setInterval(() => memory.push(rss()), 5_000);
  let client = 0;
  const body = JSON.stringify({
    ...contactFields('Mixed'),
    meta: { locale: 'fi', website: '', startedAt: 1, sentAt: 60_001 },
  });
  const results = await Promise.all([
    runLoad({ label: 'page views (/fi/)', url: `${server.url}/fi/`, durationSeconds: seconds, connections: 20, overallRate: rates.pages }),
    runLoad({
      label: 'submissions (contact form)',
      url: `${server.url}/api/forms/contact`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' },
      body,
      durationSeconds: seconds,
      connections: 40,
      overallRate: rates.submissions,
      setupRequest: (request) => {
        const n = client++;
        request.headers = { ...request.headers, 'x-forwarded-for': `10.${n & 255}.${(n >> 8) & 255}.${(n >> 16) & 255}` };
        return request;
      },
    }),
    runLoad({
      label: 'staff queue reads',
      url: `${server.url}/api/staff/cases?limit=50`,
      headers: { Cookie: `__Host-session=${sessionId}` },
      durationSeconds: seconds,
      connections: 10,
      overallRate: rates.queue,
    }),
  ]);
  clearInterval(sampler);
  memory.push(rss());
  console.log(`\nMixed load, ${seconds} s, PostgreSQL (targets: ${rates.pages} pages/s, ${rates.submissions} submissions/s, ${rates.queue} queue reads/s)`);
  console.log(formatLoad(results));
  const third = Math.floor(memory.length / 3);
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `server memory (RSS): start ${memory[0]!.toFixed(0)} MB, end ${memory.at(-1)!.toFixed(0)} MB, ` +
      `mean of first third ${avg(memory.slice(0, third || 1)).toFixed(0)} MB vs last third ${avg(memory.slice(-third || -1)).toFixed(0)} MB; samples ${memory.map((m) => m.toFixed(0)).join(' ')}`,
  );
  if (results.some((r) => r.errors > 0 || r.non2xx > 0)) process.exitCode = 1;
} finally {
  await db.end();
  await server.stop();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
