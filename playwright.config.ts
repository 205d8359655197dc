import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// One server for the whole run, on a fresh embedded database of its own.
const port = Number(process.env.E2E_PORT ?? 4390);
const origin = `http://127.0.0.1:${port}`;
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'anchor-e2e-'));
process.env.E2E_DATA_DIR = dataDir;
// What left the system during the run: the server's log lines and the mails it sent.
process.env.E2E_LOG_FILE ??= join(dataDir, 'server.log');
process.env.E2E_MAIL_FILE ??= join(dataDir, 'mail.txt');

// With TEST_DATABASE_URL the server runs on a PostgreSQL database of its own, so
// tests can read what a journey stored; otherwise on PGlite. The config is read
// again in every worker: the environment carries the first reading's choice.
if (process.env.TEST_DATABASE_URL && !process.env.E2E_DATABASE_NAME) {
  const name = `anchor_e2e_${Date.now().toString(36)}_${process.pid}`;
  const created = spawnSync(process.execPath, ['tests/e2e/db-admin.ts', 'create', name], { stdio: 'inherit' });
  if (created.status !== 0) throw new Error('could not create the browser tests database');
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  process.env.E2E_DATABASE_NAME = name;
  process.env.E2E_DATABASE_URL = url.href;
}

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  // One retry in CI, reported as flaky, so a timing hiccup on a loaded 2-core machine does not block a landing.
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: 'list',
  use: {
    baseURL: origin,
    // Debian's Chromium: a browser download fails on this machine.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
    },
    trace: 'off',
  },
  globalTeardown: './tests/e2e/teardown.ts',
  webServer: {
    command: 'node tests/e2e/serve.ts',
    url: `${origin}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_ORIGIN: origin,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      E2E_LOG_FILE: process.env.E2E_LOG_FILE,
      E2E_MAIL_FILE: process.env.E2E_MAIL_FILE,
      // Submissions in the tests come quickly and from one address.
      FORM_MIN_FILL_SECONDS: '0',
      RATE_LIMIT_PER_NETWORK: '1000',
      RATE_LIMIT_PER_WIDE_NETWORK: '1000',
      // Flood mode has a server of its own (tests/e2e/flood.spec.ts).
      FLOOD_THRESHOLD_PER_MINUTE: '100000',
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
    },
  },
});
