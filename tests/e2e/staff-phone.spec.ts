import { expect, test, type Page } from '@playwright/test';
import { e2eDatabaseUrl } from './database.ts';
import { addWithCli, enrolWithApi, shown, signIn, staffEmail, staffStrings, submitContact } from './staff-support.ts';
import { expectNoAxeViolations, watchPage } from './support.ts';

const needsPostgres = 'The staff views need PostgreSQL (set TEST_DATABASE_URL): the staff CLI writes to the database the e2e server runs on.';
const en = staffStrings.en;
const phone = { width: 390, height: 844 };
const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

/** The page scrolls no further sideways than the screen is wide (a wide table scrolls inside its own region). */
async function expectNoSidewaysScroll(page: Page, what: string) {
  const widths = await page.evaluate(() => {
    const screen = document.documentElement.clientWidth;
    // What sticks out, outside a region that scrolls by itself, for the failure message.
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > screen + 1 && !e.closest('.staff-table-scroll'))
      .slice(0, 4)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`);
    return { page: document.documentElement.scrollWidth, screen, wide };
  });
  expect(widths.page, `${what}: page ${widths.page} px wide on a ${widths.screen} px screen: ${widths.wide.join(', ')}`).toBeLessThanOrEqual(widths.screen);
}

/** Opens a view from the header's navigation (folded behind its button on a phone, if it is). */
async function openView(page: Page, name: string) {
  const link = page.locator('.staff-header').getByRole('link', { name, exact: true });
  if (!(await link.isVisible())) await page.locator('.staff-header summary').click();
  await link.click();
}

test.describe('the staff app on a phone and at first sight', () => {
  test.skip(!e2eDatabaseUrl, needsPostgres);
  test.setTimeout(180_000);

  test('at 390 px no view is wider than the screen: users, audit, statistics, queue, case and spam review', async ({ browser, baseURL }) => {
    const origin = baseURL!;
    const context = await browser.newContext({ baseURL: origin, locale: 'en-GB', viewport: phone });
    const page = await context.newPage();
    const watch = await watchPage(page, origin);

    // Signed out: the sign-in page, and the "who am I" call answers without an error status.
    const me = page.waitForResponse((r) => r.url().endsWith('/api/staff/me'));
    await page.goto('/staff/en/');
    expect((await me).status()).toBe(200);
    await expect(h1(page)).toHaveText(en['staff.signIn.title']!);
    await expectNoSidewaysScroll(page, 'sign-in');
    expect(watch.consoleErrors).toEqual([]);

    const adminEmail = staffEmail('phone-admin');
    const admin = await enrolWithApi(page.request, addWithCli(origin, adminEmail, 'admin'), adminEmail);
    await signIn(page, en, adminEmail, admin.recoveryCodes[0]!);
    await expect(h1(page)).toHaveText(en['staff.users.title']!);
    await expect(page.getByRole('row', { name: new RegExp(adminEmail) })).toBeAttached();
    await expectNoSidewaysScroll(page, 'users');
    await openView(page, en['staff.nav.audit']!);
    await expect(h1(page)).toHaveText(en['staff.audit.title']!);
    await expectNoSidewaysScroll(page, 'audit');
    await expectNoAxeViolations(page);
    await openView(page, en['staff.nav.stats']!);
    await expect(h1(page)).toHaveText(en['staff.stats.title']!);
    await expect(page.locator('table').first()).toBeVisible();
    await expectNoSidewaysScroll(page, 'statistics');
    await page.locator('.staff-header').getByRole('button', { name: en['staff.signOut'] }).click();
    await expect(h1(page)).toHaveText(en['staff.signIn.title']!);

    // Intake: a case in the queue, the case itself, the spam review.
    const reference = await submitContact(page.request, {
      writer: 'parent',
      ageBand: '12-14',
      categories: ['other'],
      description: 'Ph0neText my son stays out late',
      urgency: 'normal',
      contactMethod: 'phone',
      phone: '040 123 4567',
      contactLanguage: 'sv',
      interpreterNeeded: false,
    });
    const intakeEmail = staffEmail('phone-intake');
    const intake = await enrolWithApi(page.request, addWithCli(origin, intakeEmail, 'intake'), intakeEmail);
    await signIn(page, en, intakeEmail, intake.recoveryCodes[0]!);
    await expect(h1(page)).toHaveText(en['staff.queue.title']!);
    const row = page.getByRole('row', { name: new RegExp(shown(reference)) });
    await expect(row).toBeAttached();
    // The queue says in which language to contact the person (Swedish here, though the form was in Finnish).
    await expect(page.getByRole('columnheader', { name: en['staff.column.contactLanguage'] })).toBeAttached();
    await expect(row.getByRole('cell', { name: en['staff.lang.sv'], exact: true })).toBeAttached();
    await expectNoSidewaysScroll(page, 'queue');
    await expectNoAxeViolations(page);
    await row.getByRole('link', { name: shown(reference) }).click();
    await expect(h1(page)).toHaveText(en['staff.purpose.title']!);
    await expectNoSidewaysScroll(page, 'purpose');
    await page.getByRole('radio', { name: en['staff.purpose.triage'] }).check();
    await page.getByRole('button', { name: en['staff.purpose.button'] }).click();
    await expect(h1(page)).toContainText(shown(reference));
    await expectNoSidewaysScroll(page, 'case');
    await openView(page, en['staff.nav.spam']!);
    await expect(h1(page)).toHaveText(en['staff.spam.title']!);
    await expectNoSidewaysScroll(page, 'spam review');
    expect(watch.outsideRequests).toEqual([]);
    await context.close();
  });

  test('at 1280×900 the first rows of the queue are on the first screen, the filters folded away until asked for', async ({ browser, baseURL }) => {
    const origin = baseURL!;
    const context = await browser.newContext({ baseURL: origin, locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await submitContact(page.request, { writer: 'self', ageBand: '15-17', categories: ['crime'], description: 'D3sk a case', urgency: 'normal', contactMethod: 'email', email: 'young@example.com', contactLanguage: 'en', interpreterNeeded: false });
    const email = staffEmail('desk-intake');
    const person = await enrolWithApi(page.request, addWithCli(origin, email, 'intake'), email);
    await page.goto('/staff/en/');
    await signIn(page, en, email, person.recoveryCodes[0]!);
    await expect(h1(page)).toHaveText(en['staff.queue.title']!);
    const firstRows = page.locator('.staff-table tbody tr');
    await expect(firstRows.first()).toBeInViewport();
    expect(await firstRows.first().evaluate((r) => r.getBoundingClientRect().bottom)).toBeLessThanOrEqual(900);
    // The filters are one click away, and applying one keeps them in view.
    const filters = page.locator('details.staff-filters');
    await expect(filters.getByLabel(en['staff.filters.status']!)).toBeHidden();
    await filters.locator('summary').click();
    await filters.getByLabel(en['staff.filters.status']!).selectOption('all');
    await filters.getByRole('button', { name: en['staff.filters.apply'] }).click();
    await expect(page).toHaveURL(/status=all/);
    await expect(page.locator('details.staff-filters')).toHaveAttribute('open', '');
    await expectNoAxeViolations(page);
    await context.close();
  });
});
