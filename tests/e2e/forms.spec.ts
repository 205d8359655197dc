import { expect, test, type Page } from '@playwright/test';
import { uiStrings } from '../../src/i18n/t.ts';
import { e2eDatabaseUrl, queryE2e } from './database.ts';
import { expectNoAxeViolations, watchPage } from './support.ts';

type Code = keyof typeof uiStrings;

/** A text as a literal part of a regular expression. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Walks past the "is someone in danger" step and the "who reads your message" step. */
async function startForm(page: Page, s: Record<string, string>) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s['form.step.danger']!);
  await expect(page.getByRole('link', { name: s['form.danger.call'] })).toHaveAttribute('href', 'tel:112');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: s['form.danger.continue'] }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(s['form.reads.title']!);
  await expect(page.locator('[data-who-reads]')).toContainText(s['form.reads.police']!);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: s['form.reads.continue'] }).click();
}

/** Submits empty, checks the GOV.UK error state, and returns the number of errors. */
async function expectEmptySubmitErrors(page: Page, s: Record<string, string>, submit: string) {
  const titleBefore = await page.title();
  await page.getByRole('button', { name: submit, exact: true }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('heading')).toBeVisible();
  expect(titleBefore.startsWith(s['form.error.prefix']!)).toBe(false);
  await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(s['form.error.prefix']!)} `));
  const links = summary.getByRole('link');
  expect(await links.count()).toBeGreaterThan(4);
  await expect(summary).toContainText(s['form.error.required']!);
  await expectNoAxeViolations(page);
  // A summary link moves focus to its field.
  await links.first().click();
  await expect(page.locator(':focus')).toHaveAttribute('name', /.+/);
}

// The full journeys in fi, sv and en, and in Arabic (right to left).
for (const code of ['fi', 'sv', 'en', 'ar'] as Code[]) {
  const s = uiStrings[code];

  test(`contact form in ${code}: errors, fix, check answers, send, reference; stored in the youth-work queue`, async ({ page, baseURL }) => {
    const watch = await watchPage(page, baseURL!);
    await page.goto(`/${code}/contact-form/`);
    await startForm(page, s);
    await expectNoAxeViolations(page);
    await expectEmptySubmitErrors(page, s, s['form.continue']!);

    await page.getByRole('radio', { name: s['form.option.writer.self'] }).check();
    await page.getByLabel(s['form.contact.firstName.label']!).fill('Testi');
    await page.getByRole('radio', { name: s['form.option.ageBand.15-17'] }).check();
    await page.getByRole('checkbox', { name: s['form.option.category.running-away'] }).check();
    await page.getByLabel(s['form.contact.description.label']!).fill('I have stayed away from home for three nights and do not want to go back.');
    await page.getByRole('radio', { name: s['form.option.urgency.normal'], exact: true }).check();
    await page.getByRole('radio', { name: s['form.option.contactMethod.sms'], exact: true }).check();
    await page.getByLabel(s['form.contact.phone.label']!).fill('040 765 4321');
    await page.getByRole('checkbox', { name: s['form.contact.noParentsFirst.label'] }).check();
    await page.getByRole('radio', { name: s[code === 'ar' ? 'form.option.contactLanguage.other' : `form.option.contactLanguage.${code}`], exact: true }).check();
    if (code === 'ar') await page.getByLabel(s['form.contact.contactLanguageOther.label']!).fill('العربية');
    await page.getByRole('button', { name: s['form.continue'], exact: true }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s['form.step.check']!);
    await expect(page.locator('dl')).toContainText('040 765 4321');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: s['form.check.send'], exact: true }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s['form.step.sent']!);
    const referenceText = await page.locator('.form-reference').innerText();
    const reference = referenceText.replace(/[^A-Z0-9]/g, '');
    expect(reference).toMatch(/^[A-Z2-9]{8}$/);
    // No personal data in the URL or the title.
    expect(page.url()).toMatch(new RegExp(`/${code}/contact-form/$`));
    expect(await page.title()).not.toMatch(/Testi|040/);
    await expectNoAxeViolations(page);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.outsideRequests).toEqual([]);
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);

    if (e2eDatabaseUrl) {
      const rows = await queryE2e<{ proposed_queue: string; locale: string; status: string; writer: string }>(
        'select proposed_queue, locale, status, writer from cases where reference = $1',
        [reference],
      );
      expect(rows).toEqual([{ proposed_queue: 'youth-work', locale: code, status: 'new', writer: 'self' }]);
    }
  });

  test(`concern form in ${code} by keyboard alone: errors, fix, check answers, send; stored in the police queue as urgent`, async ({ page, baseURL }) => {
    const watch = await watchPage(page, baseURL!);
    await page.goto(`/${code}/concern-form/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s['form.step.danger']!);
    await expect(page.getByText(s['form.concern.before.title']!)).toBeVisible();
    // Keyboard only from here: Tab to the button and press Enter.
    const continueButton = page.getByRole('button', { name: s['form.danger.continue'] });
    for (let i = 0; i < 60 && !(await continueButton.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s['form.reads.title']!);
    const readsButton = page.getByRole('button', { name: s['form.reads.continue'] });
    for (let i = 0; i < 60 && !(await readsButton.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s['form.concern.step.form']!);

    const submit = page.getByRole('button', { name: s['form.continue'], exact: true });
    await submit.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.error-summary')).toBeFocused();
    await expectNoAxeViolations(page);

    /** Focuses a field as a keyboard user would (from the error summary's link) and types. */
    const typeInto = async (label: string, text: string) => {
      await page.getByLabel(label, { exact: true }).focus();
      await page.keyboard.type(text);
    };
    const choose = async (group: string, name: string) => {
      await page.getByRole('group', { name: group }).getByRole('radio', { name, exact: true }).focus();
      await page.keyboard.press('Space');
    };
    const tick = async (name: string) => {
      await page.getByRole('checkbox', { name, exact: true }).focus();
      await page.keyboard.press('Space');
    };
    await typeInto(s['form.concern.organisation.label']!, 'Esimerkkikoulu');
    await typeInto(s['form.concern.role.label']!, 'Opettaja');
    await typeInto(s['form.concern.name.label']!, 'Outi Opettaja');
    await typeInto(s['form.concern.workPhone.label']!, '09 310 12345');
    await typeInto(s['form.concern.workEmail.label']!, 'outi.opettaja@example.com');
    await typeInto(s['form.concern.childName.label']!, 'Oppilas Esimerkki');
    await typeInto(s['form.concern.childAge.label']!, '13');
    await tick(s['form.option.category.recruitment']!);
    await choose(s['form.concern.urgency.label']!, s['form.option.urgency.urgent']!);
    await choose(s['form.concern.guardiansKnow.label']!, s['form.option.guardiansKnow.no']!);
    await choose(s['form.concern.notificationMade.label']!, s['form.option.notificationMade.yes']!);
    await typeInto(s['form.concern.description.label']!, 'Older youths wait for the pupil after school and ask him to carry packages.');
    await submit.focus();
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s['form.step.check']!);
    await page.getByRole('button', { name: s['form.check.send'], exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s['form.step.sent']!);
    const reference = (await page.locator('.form-reference').innerText()).replace(/[^A-Z0-9]/g, '');
    expect(reference).toMatch(/^[A-Z2-9]{8}$/);
    await expectNoAxeViolations(page);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.outsideRequests).toEqual([]);

    if (e2eDatabaseUrl) {
      const rows = await queryE2e<{ proposed_queue: string; priority: number; urgency: string; locale: string }>(
        'select proposed_queue, priority, urgency, locale from cases where reference = $1',
        [reference],
      );
      expect(rows).toEqual([{ proposed_queue: 'police', priority: 1, urgency: 'urgent', locale: code }]);
    }
  });
}

test('typing capitals in a form field never triggers the quick exit', async ({ page }) => {
  await page.goto('/en/contact-form/');
  await page.getByRole('button', { name: uiStrings.en['form.danger.continue'] }).click();
  // The next step says who reads the message and what can follow.
  await page.getByRole('button', { name: uiStrings.en['form.reads.continue'] }).click();
  const field = page.getByLabel(uiStrings.en['form.contact.description.label']!);
  await field.focus();
  await page.keyboard.type('ABC Def GHI');
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(/\/en\/contact-form\/$/);
  await expect(field).toHaveValue('ABC Def GHI');
});

test('without JavaScript the form page still says how to get in touch', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto('/fi/contact-form/');
  await expect(page.getByText(uiStrings.fi['form.fallback.title']!)).toBeVisible();
  await expect(page.locator('main a[href^="tel:"]').first()).toBeVisible();
  await context.close();
});

// Every language: the empty-submit error state of both forms, in that language.
for (const code of Object.keys(uiStrings) as Code[]) {
  const s = uiStrings[code];
  for (const form of ['contact', 'concern'] as const) {
    test(`${form} form shows its errors in ${code}`, async ({ page }) => {
      await page.goto(`/${code}/${form}-form/`);
      await page.getByRole('button', { name: s['form.danger.continue'] }).click();
      // The next step says who reads the message and what can follow.
      await page.getByRole('button', { name: s['form.reads.continue'] }).click();
      await page.getByRole('button', { name: s['form.continue'], exact: true }).click();
      const summary = page.locator('.error-summary');
      await expect(summary).toBeFocused();
      await expect(summary.getByRole('heading')).toHaveText(s['form.error.summaryTitle']!);
      await expect(summary).toContainText(s['form.error.required']!);
      await expect(summary).toContainText(s['form.error.choose']!);
      if (code !== 'en') {
        expect(s['form.error.required']).not.toBe(uiStrings.en['form.error.required']);
        await expect(summary).not.toContainText(uiStrings.en['form.error.choose']!);
      }
      await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(s['form.error.prefix']!)}`));
      await expectNoAxeViolations(page);
    });
  }
}

// After the first submit an error follows the answer: fixed, it leaves the field and the summary at once;
// a follow-up that is hidden again takes its error with it (GOV.UK validation).
for (const code of ['fi', 'ar'] as const) {
  test(`errors update as the answers are corrected after the first submit in ${code}`, async ({ page }) => {
    const s = uiStrings[code];
    await page.goto(`/${code}/contact-form/`);
    await page.getByRole('button', { name: s['form.danger.continue'] }).click();
    await page.getByRole('button', { name: s['form.reads.continue'] }).click();
    await page.getByRole('radio', { name: s['form.option.contactMethod.phone'], exact: true }).check();
    await page.getByRole('button', { name: s['form.continue'], exact: true }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toBeFocused();
    const description = page.locator('#contact-description');
    const descriptionError = page.locator('#contact-description-error');
    const phoneError = page.locator('#contact-phone-error');
    await expect(descriptionError).toBeVisible();
    await expect(phoneError).toBeVisible();
    const before = await summary.locator('li').count();

    await description.fill('Poika on ollut vanhempien poikien kanssa.');
    await expect(descriptionError).toHaveCount(0);
    await expect(summary.locator('li')).toHaveCount(before - 1);
    await expect(summary.getByRole('link', { name: s['form.contact.description.label']! })).toHaveCount(0);

    // Choosing "I will call" hides the phone number: its error goes with it.
    await page.getByRole('radio', { name: s['form.option.contactMethod.i-will-call'], exact: true }).check();
    await expect(phoneError).toHaveCount(0);
    await expect(summary.locator('li')).toHaveCount(before - 2);
    // The title still says there are errors while some remain.
    await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(s['form.error.prefix']!)}`));
  });
}
