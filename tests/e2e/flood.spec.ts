import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { uiStrings } from '../../src/i18n/t.ts';
import { enrolWithApi, freshCode, signIn, staffEmail, staffStrings } from './staff-support.ts';

// Flood mode needs a server of its own (the shared one must not be flooded
// under the other tests): the built site, a fresh embedded database and a
// threshold of one accepted submission a minute, so the second one is
// challenged. The difficulty is the production default.
const port = Number(process.env.E2E_PORT ?? 4390) + 100;
const origin = `http://127.0.0.1:${port}`;
let server: ChildProcess;
// With TEST_DATABASE_URL, a PostgreSQL database of its own, so the staff CLI can add someone to see the banner.
const databaseName = process.env.TEST_DATABASE_URL ? `anchor_e2e_flood_${Date.now().toString(36)}_${process.pid}` : undefined;
const databaseUrl = databaseName ? Object.assign(new URL(process.env.TEST_DATABASE_URL!), { pathname: `/${databaseName}` }).href : undefined;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  if (databaseName) expect(spawnSync(process.execPath, ['tests/e2e/db-admin.ts', 'create', databaseName]).status).toBe(0);
  server = spawn(process.execPath, ['server/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_ORIGIN: origin,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'anchor-e2e-flood-')),
      SITE_DIR: 'dist',
      LOG_LEVEL: 'warn',
      FORM_MIN_FILL_SECONDS: '0',
      FLOOD_THRESHOLD_PER_MINUTE: '1',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`${origin}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the flood server did not start');
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
  await new Promise((resolve) => (server?.exitCode === null ? server.once('exit', resolve) : resolve(undefined)));
  if (databaseName) spawnSync(process.execPath, ['tests/e2e/db-admin.ts', 'drop', databaseName]);
});

const en = uiStrings.en;

/** Fills the contact form in English as a young person would, up to "check your answers", and sends it. */
async function sendContactForm(page: Page) {
  await page.goto(`${origin}/en/contact-form/`);
  await page.getByRole('button', { name: en['form.danger.continue'] }).click();
  // The "who reads your message" step (issue 11) comes before the questions.
  await page.getByRole('button', { name: en['form.reads.continue'] }).click();
  await page.getByRole('radio', { name: en['form.option.writer.self'] }).check();
  await page.getByLabel(en['form.contact.firstName.label']!).fill('Testi');
  await page.getByRole('radio', { name: en['form.option.ageBand.15-17'] }).check();
  await page.getByRole('checkbox', { name: en['form.option.category.running-away'] }).check();
  await page.getByLabel(en['form.contact.description.label']!).fill('I have stayed away from home for three nights.');
  await page.getByRole('radio', { name: en['form.option.urgency.normal'], exact: true }).check();
  await page.getByRole('radio', { name: en['form.option.contactMethod.sms'], exact: true }).check();
  await page.getByLabel(en['form.contact.phone.label']!).fill('040 765 4321');
  await page.getByRole('radio', { name: en['form.option.contactLanguage.en'] }).check();
  await page.getByRole('button', { name: en['form.continue'], exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en['form.step.check']!);
  await page.getByRole('button', { name: en['form.check.send'], exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en['form.step.sent']!, { timeout: 30_000 });
  expect((await page.locator('.form-reference').innerText()).replace(/[^A-Z0-9]/g, '')).toMatch(/^[A-Z2-9]{8}$/);
}

test('without JavaScript, a form page outside flood mode shows no busy notice', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${origin}/fi/contact-form/`);
  await expect(page.getByText(uiStrings.fi['form.fallback.title']!)).toBeVisible();
  await expect(page.getByRole('heading', { name: uiStrings.fi['form.busy.title']! })).toBeHidden();
  await context.close();
});

test('in flood mode the island solves the challenge in a worker and the form goes through; outside it no worker loads', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const workerRequests: string[] = [];
  const answers: number[] = [];
  page.on('request', (request) => {
    if (request.url().includes('proof-worker')) workerRequests.push(request.url());
  });
  page.on('response', (response) => {
    if (response.url().includes('/api/forms/contact')) answers.push(response.status());
  });
  // The first submission of the minute needs no proof, and the page loads no worker.
  await sendContactForm(page);
  expect(answers).toEqual([201]);
  expect(workerRequests).toEqual([]);
  // Now the site is in flood mode: the next person is asked for a proof of work, and the island gives it.
  answers.length = 0;
  await sendContactForm(page);
  expect(answers).toEqual([428, 201]);
  expect(workerRequests).toHaveLength(1);
  await context.close();
});

test('without JavaScript, in flood mode, the busy notice shows in the page\'s language', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  for (const code of ['fi', 'sv', 'ar'] as const) {
    await page.goto(`${origin}/${code}/concern-form/`);
    // (Playwright's getByText does not look inside <noscript>; the role does.)
    const notice = page.getByRole('status');
    await expect(notice.getByRole('heading', { name: uiStrings[code]['form.busy.title']! })).toBeVisible();
    await expect(notice).toContainText(uiStrings[code]['form.busy.text']!);
    // Still the way to get in touch without a form.
    await expect(page.locator('main a[href^="tel:"]').first()).toBeVisible();
  }
  await context.close();
});

test('in flood mode the staff app shows a banner', async ({ browser, playwright }) => {
  test.skip(!databaseUrl, 'the staff CLI needs a PostgreSQL database (TEST_DATABASE_URL)');
  test.setTimeout(120_000);
  const email = staffEmail('flood-intake');
  const added = spawnSync(process.execPath, ['scripts/staff.ts', 'add', '--email', email, '--role', 'intake'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PUBLIC_ORIGIN: origin, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(added.status, added.stderr).toBe(0);
  const link = /(https?:\/\/\S+\/staff\/enrol\/#[\w-]+)/.exec(added.stdout)![1]!;
  const request = await playwright.request.newContext({ baseURL: origin });
  const person = await enrolWithApi(request, link, email);
  await request.dispose();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/staff/en/`);
  await signIn(page, staffStrings.en, email, await freshCode(person));
  await expect(page.getByRole('status').filter({ hasText: en['staff.flood.banner']! })).toBeVisible();
  await context.close();
});
