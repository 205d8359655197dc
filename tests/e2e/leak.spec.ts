import { readFileSync, existsSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { uiStrings } from '../../src/i18n/t.ts';

// A marker typed into every field must leave no trace outside the sealed case:
// not in a log line, a mail, a cookie, browser storage, a URL or a page title.
const MARKER = 'Qmark7leak';
const s = uiStrings.en;

const read = (file: string | undefined) => (file && existsSync(file) ? readFileSync(file, 'utf8') : '');

async function storageOf(page: Page) {
  return page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    indexedDb: (await indexedDB.databases()).length,
  }));
}

test('a marker in every field of both forms appears in no log, mail, cookie, storage, URL or title', async ({ page, context }) => {
  const urls: string[] = [];
  const titles: string[] = [];
  page.on('framenavigated', (frame) => frame === page.mainFrame() && urls.push(frame.url()));
  const remember = async () => titles.push(await page.title());

  // The contact form, by someone who wants a text message at a safe time.
  await page.goto('/en/contact-form/');
  await page.getByRole('button', { name: s['form.danger.continue'] }).click();
  // The next step says who reads the message and what can follow.
  await page.getByRole('button', { name: s['form.reads.continue'] }).click();
  await page.getByRole('radio', { name: s['form.option.writer.parent'] }).check();
  await page.getByLabel(s['form.contact.firstName.label']!).fill(`${MARKER}First`);
  await page.getByRole('radio', { name: s['form.option.ageBand.12-14'] }).check();
  await page.getByRole('checkbox', { name: s['form.option.category.crime'] }).check();
  await page.getByLabel(s['form.contact.description.label']!).fill(`${MARKER} description of what happened`);
  await page.getByRole('radio', { name: s['form.option.urgency.normal'], exact: true }).check();
  await page.getByRole('radio', { name: s['form.option.contactMethod.sms'], exact: true }).check();
  await page.getByLabel(s['form.contact.phone.label']!).fill('040 999 8877');
  await page.getByLabel(s['form.contact.safeTimes.label']!).fill(`${MARKER} evenings`);
  await page.getByRole('radio', { name: s['form.option.contactLanguage.other'] }).check();
  await page.getByLabel(s['form.contact.contactLanguageOther.label']!).fill(`${MARKER}lang`);
  await page.getByRole('button', { name: s['form.continue'], exact: true }).click();
  await remember();
  await page.getByRole('button', { name: s['form.check.send'], exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s['form.step.sent']!);
  await remember();
  const contactReference = (await page.locator('.form-reference').innerText()).replace(/[^A-Z0-9]/g, '');

  // The concern form, every text field marked.
  await page.goto('/en/concern-form/');
  await page.getByRole('button', { name: s['form.danger.continue'] }).click();
  // The next step says who reads the message and what can follow.
  await page.getByRole('button', { name: s['form.reads.continue'] }).click();
  for (const [key, value] of [
    ['form.concern.organisation.label', `${MARKER} School`],
    ['form.concern.role.label', `${MARKER} teacher`],
    ['form.concern.name.label', `${MARKER} Teacher`],
    ['form.concern.workPhone.label', '09 777 13579'],
    ['form.concern.workEmail.label', `${MARKER.toLowerCase()}.teacher@example.com`],
    ['form.concern.childName.label', `${MARKER} Child`],
    ['form.concern.childAge.label', '14'],
    ['form.concern.school.label', `${MARKER} Primary`],
    ['form.concern.schoolClass.label', `${MARKER}7B`],
    ['form.concern.description.label', `${MARKER} worry described`],
  ] as const) {
    await page.getByLabel(s[key]!, { exact: true }).fill(value);
  }
  await page.getByRole('checkbox', { name: s['form.option.category.violence'] }).check();
  await page.getByRole('group', { name: s['form.concern.urgency.label'] }).getByRole('radio', { name: s['form.option.urgency.normal'], exact: true }).check();
  await page.getByRole('group', { name: s['form.concern.guardiansKnow.label'] }).getByRole('radio', { name: s['form.option.guardiansKnow.yes'], exact: true }).check();
  await page.getByRole('group', { name: s['form.concern.notificationMade.label'] }).getByRole('radio', { name: s['form.option.notificationMade.yes'], exact: true }).check();
  await page.getByRole('button', { name: s['form.continue'], exact: true }).click();
  await remember();
  await page.getByRole('button', { name: s['form.check.send'], exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s['form.step.sent']!);
  await remember();
  const concernReference = (await page.locator('.form-reference').innerText()).replace(/[^A-Z0-9]/g, '');

  // The team's mails arrive (the outbox is drained at once), and carry the references only.
  await expect.poll(() => read(process.env.E2E_MAIL_FILE).includes(contactReference) && read(process.env.E2E_MAIL_FILE).includes(concernReference), { timeout: 20_000 }).toBe(true);
  const mails = read(process.env.E2E_MAIL_FILE);
  const logs = read(process.env.E2E_LOG_FILE);
  expect(logs.length).toBeGreaterThan(0);
  const traces = (text: string) => [MARKER.toLowerCase(), '09 777 13579', '040 999 8877'].filter((m) => text.toLowerCase().includes(m));
  expect(traces(mails), 'mail').toEqual([]);
  expect(traces(logs), 'log').toEqual([]);
  // Logs name no client address either.
  expect(logs).not.toMatch(/127\.0\.0\.1"|"ip"|remoteAddress/);
  expect(traces(urls.join('\n')), 'URLs').toEqual([]);
  expect(traces(titles.join('\n')), 'titles').toEqual([]);
  expect(await context.cookies(), 'public pages set no cookie').toEqual([]);
  expect(await storageOf(page)).toEqual({ local: 0, session: 0, indexedDb: 0 });
});
