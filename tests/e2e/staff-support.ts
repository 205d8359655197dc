import { spawnSync } from 'node:child_process';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { uiStrings } from '../../src/i18n/t.ts';
import { totpCode } from '../support/totp.ts';
import { e2eDatabaseUrl } from './database.ts';

/** The staff app's strings of one language. */
export type Strings = Record<string, string>;

/** The staff languages' strings. */
export const staffStrings = { fi: uiStrings.fi, sv: uiStrings.sv, en: uiStrings.en };

/** A strong password zxcvbn accepts. */
export const staffPassword = 'Kuusikko-lumipallo-93-Vesiputous';

/** What a person holds after enrolling. */
export interface Enrolled {
  email: string;
  secret: string;
  recoveryCodes: string[];
  /** The TOTP time step last used (a code is accepted once per step). */
  lastStep: number;
}

/** A unique address per run, so reruns against one database never collide. */
export const staffEmail = (who: string) => `${who}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@anchor.test`;

/**
 * Adds a staff user with the real CLI, against the e2e server's database,
 * as an operator adds the first admin; returns the one-time link it prints.
 */
export function addWithCli(baseURL: string, email: string, role: 'intake' | 'team' | 'admin', team?: string): string {
  if (!e2eDatabaseUrl) throw new Error('the staff CLI needs the e2e PostgreSQL database');
  const args = ['scripts/staff.ts', 'add', '--email', email, '--role', role, ...(team ? ['--team', team] : [])];
  const run = spawnSync(process.execPath, args, {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl, PUBLIC_ORIGIN: baseURL, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status, run.stderr).toBe(0);
  const link = /(https?:\/\/\S+\/staff\/enrol\/#[\w-]+)/.exec(run.stdout)?.[1];
  expect(link, run.stdout).toBeTruthy();
  return link!;
}

const step = (at = Date.now()) => Math.floor(at / 30_000);

/** A TOTP code of a step later than the last one used, waiting for the next 30 s step if need be. */
export async function freshCode(person: Enrolled): Promise<string> {
  while (step() <= person.lastStep) await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 200));
  // Not too close to the end of a step: the request must arrive within it (the server also takes one step either side).
  person.lastStep = step();
  return totpCode(person.secret, new Date());
}

/**
 * Enrols through the browser from a link: a password, the authenticator
 * (its code computed from the key shown on screen), the recovery codes;
 * checks each step with axe. Ends on the sign-in form.
 */
export async function enrolInBrowser(page: Page, link: string, s: Strings, email: string, check: (page: Page) => Promise<void>): Promise<Enrolled> {
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s['staff.enrol.password.title']!);
  await check(page);
  // A common password: the server's strength check refuses it, in the page's language.
  await page.getByLabel(s['staff.enrol.password.label']!, { exact: true }).fill('password1234');
  await page.getByLabel(s['staff.enrol.password.confirm']!, { exact: true }).fill('password1234');
  await page.getByRole('button', { name: s['staff.enrol.continue'] }).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.locator('.error-summary')).toContainText(s['staff.error.passwordWeak']!);
  await check(page);
  await page.getByLabel(s['staff.enrol.password.label']!, { exact: true }).fill(staffPassword);
  await page.getByLabel(s['staff.enrol.password.confirm']!, { exact: true }).fill(staffPassword);
  await page.getByRole('button', { name: s['staff.enrol.continue'] }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s['staff.enrol.app.title']!);
  await expect(page.getByRole('img', { name: s['staff.enrol.app.qrAlt'] })).toBeVisible();
  await check(page);
  const secret = (await page.locator('.staff-secret code').innerText()).replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const person: Enrolled = { email, secret, recoveryCodes: [], lastStep: step() };
  await page.getByLabel(s['staff.enrol.code.label']!).fill(totpCode(secret, new Date()));
  await page.getByRole('button', { name: s['staff.enrol.continue'] }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s['staff.enrol.codes.title']!);
  person.recoveryCodes = await page.locator('.staff-codes code').allInnerTexts();
  expect(person.recoveryCodes).toHaveLength(10);
  await check(page);
  await page.getByRole('button', { name: s['staff.enrol.codes.done'] }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s['staff.signIn.title']!);
  // The used link has left the address bar.
  expect(new URL(page.url()).hash).toBe('');
  return person;
}

/** Enrols through the API, as the enrolment page would (for tests about something else). */
export async function enrolWithApi(request: APIRequestContext, link: string, email: string): Promise<Enrolled> {
  const token = new URL(link).hash.slice(1);
  const headers = { 'Sec-Fetch-Site': 'same-origin' };
  const start = await request.post('/api/staff/auth/enrol/start', { headers, data: { token, password: staffPassword } });
  expect(start.status()).toBe(200);
  const { totpSecret } = (await start.json()) as { totpSecret: string };
  const finish = await request.post('/api/staff/auth/enrol/finish', { headers, data: { token, code: totpCode(totpSecret, new Date()) } });
  expect(finish.status()).toBe(200);
  const { recoveryCodes } = (await finish.json()) as { recoveryCodes: string[] };
  return { email, secret: totpSecret, recoveryCodes, lastStep: step() };
}

/** Fills in the sign-in form and sends it. */
export async function signIn(page: Page, s: Strings, email: string, code: string, password = staffPassword): Promise<void> {
  await page.getByLabel(s['staff.signIn.email']!, { exact: true }).fill(email);
  await page.getByLabel(s['staff.signIn.password']!, { exact: true }).fill(password);
  await page.getByLabel(s['staff.signIn.code']!, { exact: true }).fill(code);
  await page.getByRole('button', { name: s['staff.signIn.button'], exact: true }).click();
}

/** Submits the public contact form's API as the form page does (same origin); returns the case reference. */
export async function submitContact(request: APIRequestContext, fields: Record<string, unknown>, website = ''): Promise<string> {
  const now = Date.now();
  const response = await request.post('/api/forms/contact', {
    headers: { 'Sec-Fetch-Site': 'same-origin', 'Idempotency-Key': crypto.randomUUID() },
    data: { ...fields, meta: { locale: 'fi', website, startedAt: now - 60_000, sentAt: now } },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { reference: string }).reference;
}

/** A reference as shown: "KT7M-3XQP". */
export const shown = (reference: string) => `${reference.slice(0, 4)}-${reference.slice(4)}`;
