/**
 * Staff queue benchmark: 100,000 cases in PostgreSQL; the first queue page,
 * a page deep in the list, and opening a case (decrypted and audited),
 * each requested 300 times one after another. Reports p50/p95 of the time
 * spent in the server (its Server-Timing header) beside the time seen by
 * the client, against the budgets: list p95 <= 20 ms, open p95 <= 30 ms.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { startBenchServer } from './load.ts';
import { contactFields } from '../../tests/support/forms.ts';

const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const REQUESTS = 300;

const name = `anchor_bench_queue_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database "${name}"`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

const server = await startBenchServer(4503, { DATABASE_URL: url.href, LOG_LEVEL: 'warn' });
const db = new pg.Client({ connectionString: url.href });
try {
  await db.connect();
  // 100,000 cases spread over queues, statuses, priorities and due dates (sealed columns are stand-ins).
  const started = Date.now();
  await db.query(
    `insert into cases (reference, kind, locale, status, writer, categories, age_band, urgency, interpreter_needed,
       contact_language, proposed_queue, queue, priority, due_at, sealed_key_id, sealed_ephemeral_key, sealed_nonce,
       sealed_ciphertext, created_at, updated_at)
     select 'Q' || lpad(i::text, 7, '0'), case when i % 3 = 0 then 'concern' else 'contact' end, 'fi',
       (array['new','triage','assigned','in_contact','referred','closed'])[1 + i % 6],
       'parent', array['crime'], '12-14', 'normal', false, 'fi',
       (array['youth-work','social-work','police','psychiatric-nurse','domestic-violence'])[1 + i % 5],
       case when i % 4 = 0 then null else (array['youth-work','social-work','police','psychiatric-nurse','domestic-violence'])[1 + i % 5] end,
       1 + i % 3, now() + ((i % 400) - 100) * interval '1 hour', 'k-bench', '\\x00'::bytea, '\\x00'::bytea, '\\x00'::bytea,
       now() - (i || ' minutes')::interval, now()
     from generate_series(1, $1) as i`,
    [CASES],
  );
  await db.query('analyze');
  console.log(`seeded ${CASES} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Real, sealed cases through the public API, to open.
  const body = JSON.stringify({
    ...contactFields('Queue'), meta: { locale: 'fi', website: '', startedAt: 1, sentAt: 60_001 },
  });
  const references: string[] = [];
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${server.url}/api/forms/contact`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' }, body });
    references.push(((await res.json()) as { reference: string }).reference);
  }
  const { rows: open } = await db.query<{ id: string }>('select id from cases where reference = any($1)', [references]);

  // An intake worker with a session.
  const sessionId = randomBytes(32).toString('base64url');
  const { rows: users } = await db.query<{ id: string }>(
    `insert into staff_users (email, role, status) values ('bench.intake@anchor.test', 'intake', 'active') returning id`,
  );
  await db.query('insert into sessions (id_hash, user_id, created_at, last_seen_at) values ($1, $2, now(), now())', [
    createHash('sha256').update(sessionId).digest('base64url'),
    users[0]!.id,
  ]);
  const headers = { Cookie: `__Host-session=${sessionId}` };

  async function measure(label: string, budget: number, path: () => string) {
    const server_: number[] = [];
    const client: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}${path()}`, { headers });
      await res.arrayBuffer();
      client.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`${label}: ${res.status}`);
      server_.push(Number(/dur=([\d.]+)/.exec(res.headers.get('Server-Timing') ?? '')?.[1] ?? NaN));
    }
    const p95 = quantile(server_, 0.95);
    console.log(
      `${label.padEnd(44)} server p50 ${quantile(server_, 0.5).toFixed(1).padStart(6)} ms  p95 ${p95.toFixed(1).padStart(6)} ms  (client p95 ${quantile(client, 0.95).toFixed(1)} ms)  budget p95 <= ${budget} ms: ${p95 <= budget ? 'ok' : 'OVER'}`,
    );
    return p95 <= budget;
  }

  // A cursor deep in the list: walk 100 pages of 200 (20,000 rows in).
  let cursor = '';
  for (let page = 0; page < 100; page++) {
    const res = await fetch(`${server.url}/api/staff/cases?limit=200${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`, { headers });
    cursor = ((await res.json()) as { nextCursor: string }).nextCursor;
  }
  console.log(`\nStaff queue with ${CASES} cases on PostgreSQL, ${REQUESTS} requests each, one after another`);
  const results = [
    await measure('first queue page (50 rows)', 20, () => '/api/staff/cases?limit=50'),
    await measure('first page of one queue (youth-work)', 20, () => '/api/staff/cases?limit=50&queue=youth-work'),
    await measure('page 20,000 rows deep (50 rows)', 20, () => `/api/staff/cases?limit=50&after=${encodeURIComponent(cursor)}`),
    await measure('open a case (decrypt + audit entry)', 30, () => `/api/staff/cases/${open[Math.floor(Math.random() * open.length)]!.id}?purpose=triage`),
  ];
  if (results.includes(false)) process.exitCode = 1;
} finally {
  await db.end();
  await server.stop();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
