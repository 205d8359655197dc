/**
 * `npm run test:crash`: submissions under load while the server is killed at
 * random moments and restarted. Every reference a client received (201) must
 * be in the database afterwards, and no case may exist twice (requests whose
 * answer was lost are retried with the same Idempotency-Key, as the form does).
 *
 *   --driver postgres|pglite   (default postgres; needs TEST_DATABASE_URL or a local server)
 *   --signal KILL|TERM         (default KILL)
 *   --cycles N                 (default 50)
 *
 * Prints acknowledged, found, lost and duplicates; exits 1 when lost or duplicates > 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, request } from 'node:http';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { waitHealthy } from './lib/wait-healthy.ts';

const { values } = parseArgs({
  options: {
    driver: { type: 'string', default: 'postgres' },
    signal: { type: 'string', default: 'KILL' },
    cycles: { type: 'string', default: '50' },
    senders: { type: 'string', default: '16' },
  },
});
const driver = values.driver as 'postgres' | 'pglite';
const signal = values.signal === 'TERM' ? 'SIGTERM' : 'SIGKILL';
const cycles = Number(values.cycles);
const senders = Number(values.senders);
const port = 4600 + Math.floor(Math.random() * 300);
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const body = (marker: string) =>
  JSON.stringify({
    writer: 'self',
    ageBand: '15-17',
    categories: ['other'],
    description: `Crash test ${marker}`,
    urgency: 'normal',
    contactMethod: 'i-will-call',
    noVoicemail: false,
    noParentsFirst: false,
    contactLanguage: 'fi',
    interpreterNeeded: false,
    meta: { locale: 'fi', website: '', startedAt: 1, sentAt: 60_001 },
  });

// A fresh connection per request: a killed server must not leave a dead keep-alive socket behind.
const agent = new Agent({ keepAlive: false });

function submit(key: string): Promise<{ status: number; reference?: string } | 'no-answer'> {
  return new Promise((resolve) => {
    const payload = body(key);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/forms/contact',
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin', 'Idempotency-Key': key, 'Content-Length': Buffer.byteLength(payload) },
        timeout: 10_000,
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, reference: (JSON.parse(text) as { reference?: string }).reference });
          } catch {
            resolve('no-answer');
          }
        });
        res.on('error', () => resolve('no-answer'));
      },
    );
    req.on('error', () => resolve('no-answer'));
    req.on('timeout', () => req.destroy());
    req.end(payload);
  });
}

let databaseUrl: string | undefined;
let dataDir: string | undefined;
const dbName = `anchor_crash_${Date.now().toString(36)}`;
if (driver === 'postgres') {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  databaseUrl = u.href;
} else {
  dataDir = mkdtempSync(join(tmpdir(), 'anchor-crash-'));
}

function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_NETWORK: '100000000',
      RATE_LIMIT_PER_WIDE_NETWORK: '100000000',
      FLOOD_THRESHOLD_PER_MINUTE: '100000000',
      FORM_MIN_FILL_SECONDS: '0',
      SHUTDOWN_GRACE_MS: '10000',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir! }),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return waitHealthy(port, 60_000, child).then(() => child);
}

const acknowledged = new Map<string, string>(); // idempotency key -> reference
const unanswered = new Set<string>();
let sent = 0;

// Like the form: a request whose answer never came is sent again with the same key.
async function senderLoop(stop: { done: boolean }) {
  let key: string | undefined;
  while (!stop.done) {
    if (!key) {
      key = randomUUID();
      sent++;
    }
    const result = await submit(key);
    if (result !== 'no-answer' && result.status === 201 && result.reference) {
      acknowledged.set(key, result.reference);
      unanswered.delete(key);
      key = undefined;
    } else {
      unanswered.add(key);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

let cleanKillFailures = 0;
for (let cycle = 1; cycle <= cycles; cycle++) {
  const server = await startServer();
  const stop = { done: false };
  const loops = Array.from({ length: senders }, () => senderLoop(stop));
  await new Promise((r) => setTimeout(r, 150 + Math.random() * 600));
  const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  server.kill(signal);
  const code = await exited;
  if (signal === 'SIGTERM' && code !== 0) cleanKillFailures++;
  stop.done = true;
  await Promise.all(loops);
  process.stdout.write(`cycle ${cycle}/${cycles}: acknowledged ${acknowledged.size}, unanswered ${unanswered.size}\n`);
}

// The form retries a request whose answer never came, with the same key.
const server = await startServer();
let retried = 0;
for (const key of unanswered) {
  const result = await submit(key);
  if (result !== 'no-answer' && result.status === 201 && result.reference) {
    acknowledged.set(key, result.reference);
    retried++;
  }
}
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));

type Row = { reference: string; key_hash: string | null };
let rows: Row[];
const query = `select c.reference, i.key_hash from cases c left join idempotency_keys i on i.reference = c.reference`;
if (databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  rows = (await client.query<Row>(query)).rows;
  await client.end();
} else {
  const db = await PGlite.create(join(dataDir!, 'pglite'));
  rows = (await db.query<Row>(query)).rows;
  await db.close();
}
const stored = new Set(rows.map((r) => r.reference));
const lost = [...acknowledged.values()].filter((ref) => !stored.has(ref));
// Each submission carries its own key, so a case without one, or more cases than keys, is a duplicate.
const duplicates = rows.length - new Set(rows.map((r) => r.key_hash)).size + rows.filter((r) => r.key_hash === null).length;

if (databaseUrl) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
}
console.log(
  `\ncrash test (${driver}, SIG${signal.slice(3)}, ${cycles} cycles, ${senders} senders): sent ${sent}, ` +
    `acknowledged ${acknowledged.size} (of which ${retried} on retry), found ${acknowledged.size - lost.length}, ` +
    `lost ${lost.length}, duplicates ${duplicates}, cases stored ${rows.length}` +
    (signal === 'SIGTERM' ? `, graceful exits failed ${cleanKillFailures}` : ''),
);
process.exit(lost.length === 0 && duplicates === 0 && cleanKillFailures === 0 ? 0 : 1);
