import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// autocannon ships no types; this is the part of its result the bench reads.
// @ts-expect-error untyped package
import autocannon from 'autocannon';
import { waitHealthy } from '../lib/wait-healthy.ts';

/** One autocannon run, summarised. */
export interface LoadResult {
  label: string;
  targetRate: number | null;
  achievedRate: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

interface AutocannonResult {
  requests: { average: number; total: number; sent: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}

/** Runs autocannon against a URL; `overallRate` fixes the arrival rate (coordinated omission corrected). */
export async function runLoad(options: {
  label: string;
  url: string;
  durationSeconds: number;
  connections: number;
  overallRate?: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Changes each request before it is sent (e.g. a new client address per request). */
  setupRequest?: (request: { headers: Record<string, string> }) => { headers: Record<string, string> };
}): Promise<LoadResult> {
  const result = (await autocannon({
    url: options.url,
    requests: [
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        body: options.body,
        ...(options.setupRequest ? { setupRequest: options.setupRequest } : {}),
      },
    ],
    connections: options.connections,
    duration: options.durationSeconds,
    overallRate: options.overallRate,
    timeout: 10,
  })) as AutocannonResult;
  return {
    label: options.label,
    targetRate: options.overallRate ?? null,
    achievedRate: Math.round(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

/** A portal server started for a benchmark. */
export interface BenchServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `node server/main.ts` on a free port with limits raised for load, and waits until it is ready. */
export async function startBenchServer(port: number, env: Record<string, string>): Promise<BenchServer> {
  const child = spawn(process.execPath, ['server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'anchor-bench-')),
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_NETWORK: '100000000',
      RATE_LIMIT_PER_WIDE_NETWORK: '100000000',
      FLOOD_THRESHOLD_PER_MINUTE: '100000000',
      FORM_MIN_FILL_SECONDS: '0',
      ...env,
    },
    // Logs are written as in production (JSON lines), to nowhere.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(port, 60_000, child);
  return {
    url,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Formats results as a table. */
export function formatLoad(results: LoadResult[]): string {
  const head = `${'run'.padEnd(44)} ${'target/s'.padStart(9)} ${'held/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)} ${'non-2xx'.padStart(8)}`;
  const rows = results.map(
    (r) =>
      `${r.label.padEnd(44)} ${String(r.targetRate ?? 'max').padStart(9)} ${String(r.achievedRate).padStart(8)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${String(r.errors).padStart(7)} ${String(r.non2xx).padStart(8)}`,
  );
  return [head, ...rows].join('\n');
}
