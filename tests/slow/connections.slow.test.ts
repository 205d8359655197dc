/**
 * Connections against a real server process started with `ulimit -n 1024`,
 * as a small instance might be: slow headers and trickled bodies are cut
 * after their timeouts, and 2,000 idle connections neither exhaust its
 * descriptors (EMFILE) nor keep health from answering.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionTimeouts } from '../../server/http/connection-limits.ts';
import { fixtureSiteDir } from '../support/app.ts';
import { freePort, waitHealthy, type ServerProcess } from '../support/process.ts';

let server: ServerProcess;

beforeAll(async () => {
  const port = await freePort();
  let output = '';
  // The shell lowers its own soft and hard limits, then becomes the server: the limit a unit with LimitNOFILE=1024 gets.
  const child = spawn('bash', ['-c', 'ulimit -n 1024 && exec "$NODE" server/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE: process.execPath,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'anchor-conn-')),
      SITE_DIR: fixtureSiteDir(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  server = { child, port, output: () => output, exited };
  await waitHealthy(port, 60_000, child);
}, 90_000);

afterAll(async () => {
  if (server?.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});

/** Opens a raw connection; resolves when connected. */
function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends `chunks` one at a time, `everyMs` apart, until the server closes; resolves with when (ms after the start) and what it answered. */
async function trickle(port: number, head: string, chunks: Iterable<string>, everyMs: number): Promise<{ closedAfterMs: number; answer: string }> {
  const socket = await open(port);
  const started = Date.now();
  let answer = '';
  socket.on('data', (d) => (answer += String(d)));
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
  socket.write(head);
  let done = false;
  void closed.then(() => (done = true));
  for (const chunk of chunks) {
    await new Promise((r) => setTimeout(r, everyMs));
    if (done) break;
    socket.write(chunk);
  }
  return { closedAfterMs: await closed, answer };
}

describe('connections (an instance with 1,024 descriptors)', () => {
  it('says at start that the limit is low and what the cap is', () => {
    const start = server.output();
    expect(start).toMatch(/The open-file limit is 1024: at most \d+ connections at a time; raise it \(systemd: LimitNOFILE=65536\)/);
  });

  it('cuts a client that trickles its headers after the headers timeout', async () => {
    const headerLines = Array.from({ length: 40 }, (_, i) => `X-Slow-${i}: 1\r\n`);
    const { closedAfterMs, answer } = await trickle(server.port, 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', headerLines, 1_000);
    console.log(`headers trickled at one line a second: cut after ${(closedAfterMs / 1000).toFixed(1)} s`);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeGreaterThanOrEqual(connectionTimeouts.headersMs - 500);
    expect(closedAfterMs).toBeLessThan(connectionTimeouts.headersMs + 3_000);
  }, 30_000);

  it('cuts a client that trickles its body after the request timeout', async () => {
    const head = [
      'POST /api/staff/auth/sign-in HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: application/json',
      'Sec-Fetch-Site: same-origin',
      'Content-Length: 200',
      '',
      '',
    ].join('\r\n');
    const { closedAfterMs, answer } = await trickle(server.port, head, Array.from({ length: 199 }, () => ' '), 2_000);
    console.log(`body trickled at one byte every 2 s: cut after ${(closedAfterMs / 1000).toFixed(1)} s`);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeGreaterThanOrEqual(connectionTimeouts.requestMs - 500);
    expect(closedAfterMs).toBeLessThan(connectionTimeouts.requestMs + 3_000);
  }, 60_000);

  it('with 2,000 idle connections open: health answers 200 within 45 s, no request gets a 5xx, and no EMFILE', async () => {
    const idle: Socket[] = [];
    const opening = Array.from({ length: 2_000 }, () =>
      open(server.port).then(
        (s) => {
          s.on('error', () => {});
          idle.push(s);
        },
        () => {},
      ),
    );
    await Promise.all(opening);
    const started = Date.now();
    const statuses: number[] = [];
    let healthyAfterMs: number | undefined;
    try {
      while (Date.now() - started < 45_000 && healthyAfterMs === undefined) {
        for (const path of ['/api/health', '/fi/']) {
          try {
            const res = await fetch(`http://127.0.0.1:${server.port}${path}`, { headers: { Connection: 'close' }, signal: AbortSignal.timeout(2_000) });
            statuses.push(res.status);
            await res.arrayBuffer();
            if (path === '/api/health' && res.status === 200) healthyAfterMs = Date.now() - started;
          } catch {
            // Refused or reset while the cap is full: no answer, and no 5xx either.
          }
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      for (const s of idle) s.destroy();
    }
    expect(healthyAfterMs, 'health answered 200').toBeDefined();
    expect(healthyAfterMs!).toBeLessThan(45_000);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(server.output()).not.toMatch(/EMFILE/);
    expect(server.child.exitCode).toBeNull();
    console.log(`2,000 idle connections: health answered 200 after ${(healthyAfterMs! / 1000).toFixed(1)} s; answers seen: ${statuses.length}`);
  }, 90_000);
});
