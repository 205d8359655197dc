import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { expect, test, type Page } from '@playwright/test';
import { locales } from '../../src/i18n/locales.ts';
import { allPages, corePages } from '../../src/i18n/page-keys.ts';
import { pagePath } from '../../src/i18n/paths.ts';
import { uiStrings } from '../../src/i18n/t.ts';
import { readerProfessions } from '../../src/shared/queues.ts';
import { promisedBy } from '../../server/intake/due-date.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

// Issue 11: every page and form step says who reads a message and what can
// follow, and nothing promises a time the deployer has not confirmed.

type Strings = Record<string, string>;

/** The "who reads your message" section shows every one of its facts, and every profession the queues have. */
async function expectWhoReads(page: Page, s: Strings) {
  const section = page.locator('[data-who-reads]');
  await expect(section).toBeVisible();
  for (const key of ['form.reads.police', 'form.reads.childWelfare', 'form.reads.records', 'form.reads.access', 'form.reads.voluntary', 'form.reads.anonymous']) {
    await expect(section).toContainText(s[key]!);
  }
  for (const profession of readerProfessions()) await expect(section).toContainText(s[`form.reads.profession.${profession}`]!);
  await expect(section.locator('a[href^="tel:"]')).toHaveCount(1);
}

for (const locale of locales) {
  const s = uiStrings[locale.code];

  test(`${locale.code}: the young people's and parents' pages say who reads a message and what can follow`, async ({ page }) => {
    for (const key of ['young-people', 'parents']) {
      await page.goto(pagePath(locale.code, key));
      await expect(page.getByRole('heading', { level: 2, name: s['form.reads.title'] })).toBeVisible();
      await expectWhoReads(page, s);
    }
  });

  test(`${locale.code}: both forms' step after the danger question says who reads a message and what can follow`, async ({ page }) => {
    for (const form of ['contact', 'concern'] as const) {
      await page.goto(`/${locale.code}/${form}-form/`);
      await page.getByRole('button', { name: s['form.danger.continue'] }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s['form.reads.title']!);
      await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
      await expectWhoReads(page, s);
      await page.getByRole('button', { name: s['form.reads.continue'] }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(s[`form.${form}.step.form`]!);
    }
  });
}

/** The text a reader sees in a page's HTML: islands' serialised props and scripts left out. */
function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<(astro-island)\b[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ');
}

test('with both commitments null no page in any language promises a date', async ({ request }) => {
  for (const locale of locales) {
    const s = uiStrings[locale.code];
    const promise = s['form.sent.promise']!.split('{{date}}')[0]!.trim();
    expect(promise.length).toBeGreaterThan(3);
    const keys = [...(locale.coverage === 'full' ? allPages : corePages), 'contact-form', 'concern-form'];
    for (const key of keys) {
      const html = await (await request.get(pagePath(locale.code, key))).text();
      expect(visibleText(html), `${locale.code}/${key}`).not.toContain(promise);
    }
  }
});

/** Sends the English concern form marked urgent and returns the confirmation page. */
async function sendUrgentConcern(page: Page, s: Strings) {
  await page.getByRole('button', { name: s['form.danger.continue'] }).click();
  await page.getByRole('button', { name: s['form.reads.continue'] }).click();
  const fill = (label: string, text: string) => page.getByLabel(s[label]!, { exact: true }).fill(text);
  await fill('form.concern.organisation.label', 'Example School');
  await fill('form.concern.role.label', 'Teacher');
  await fill('form.concern.name.label', 'Terttu Teacher');
  await fill('form.concern.workPhone.label', '09 310 12345');
  await fill('form.concern.workEmail.label', 'terttu.teacher@example.com');
  await fill('form.concern.childName.label', 'Pupil Example');
  await fill('form.concern.childAge.label', '13');
  await page.getByRole('checkbox', { name: s['form.option.category.recruitment'], exact: true }).check();
  await page.getByRole('group', { name: s['form.concern.urgency.label'] }).getByRole('radio', { name: s['form.option.urgency.urgent'], exact: true }).check();
  await page.getByRole('group', { name: s['form.concern.guardiansKnow.label'] }).getByRole('radio', { name: s['form.option.guardiansKnow.no'], exact: true }).check();
  await page.getByRole('group', { name: s['form.concern.notificationMade.label'] }).getByRole('radio', { name: s['form.option.notificationMade.yes'], exact: true }).check();
  await fill('form.concern.description.label', 'Older youths wait for the pupil after school.');
  await page.getByRole('button', { name: s['form.continue'], exact: true }).click();
  await page.getByRole('button', { name: s['form.check.send'], exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s['form.step.sent']!);
}

test('with both commitments null the confirmation says what is true and promises no date', async ({ page }) => {
  const s = uiStrings.en;
  await page.goto('/en/concern-form/');
  await sendUrgentConcern(page, s);
  await expect(page.locator('.form-promise')).toHaveCount(0);
  await expect(page.locator('main')).toContainText(s['form.sent.readsOnWorkingDays']!);
  await expect(page.getByRole('heading', { level: 2, name: s['form.sent.cannotWait.title'] })).toBeVisible();
  await expect(page.locator('main a[href="tel:112"]')).toBeVisible();
});

test.describe('with a commitment for urgent requests', () => {
  let app: TestApp;
  let server: ServerType;
  let origin: string;
  test.beforeAll(async () => {
    const port = await new Promise<number>((done) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => done(free));
      });
    });
    origin = `http://127.0.0.1:${port}`;
    app = await createTestApp('pglite', { SITE_DIR: resolve('dist'), PUBLIC_ORIGIN: origin }, { commitments: { urgent: 1, normal: null } });
    server = serve({ fetch: app.app.fetch, port, hostname: '127.0.0.1' });
  });
  test.afterAll(async () => {
    await new Promise((done) => server.close(done));
    await app.close();
  });

  test('the confirmation says "we aim to contact you by" the committed date, in the page language, without a weekday', async ({ page }) => {
    const s = uiStrings.en;
    await page.goto(`${origin}/en/concern-form/`);
    const before = promisedBy(new Date(), 'urgent', { urgent: 1, normal: null });
    await sendUrgentConcern(page, s);
    const after = promisedBy(new Date(), 'urgent', { urgent: 1, normal: null });
    const format = (iso: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
    const [lead] = s['form.sent.promise']!.split('{{date}}');
    const line = page.locator('.form-promise');
    await expect(line).toHaveCount(1);
    const text = (await line.innerText()).trim();
    expect([before!, after!].map((d) => `${lead}${format(d)}.`)).toContain(text);
    expect(text).not.toMatch(/day,/);
    await expect(page.locator('main')).not.toContainText(s['form.sent.readsOnWorkingDays']!);
  });
});
