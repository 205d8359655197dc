import { expect, test, type Page } from '@playwright/test';
import deployment from '../../config/deployment.json' with { type: 'json' };
import { getLocale, locales, type LocaleCode } from '../../src/i18n/locales.ts';
import { allPages, corePages } from '../../src/i18n/page-keys.ts';
import { pagePath } from '../../src/i18n/paths.ts';
import { uiStrings } from '../../src/i18n/t.ts';
import { expectNoAxeViolations, watchPage } from './support.ts';

// A phone: the header must leave the page's heading on the first screen, and its folds must work by
// keyboard and without JavaScript (src/layouts/Page.astro, LanguageChooser.astro, MainNav.astro).
const phone = { width: 390, height: 844 };
test.use({ viewport: phone });

/** The top of the page's only <h1>, in CSS pixels from the top of the screen, before any scrolling. */
const h1Top = (page: Page) => page.locator('h1').evaluate((h) => h.getBoundingClientRect().top);

for (const locale of locales) {
  const keys = [...(locale.coverage === 'full' ? allPages : corePages), 'contact-form', 'concern-form'];
  test(`${locale.label} (${locale.code}): on a 390×844 phone every page's <h1> starts within 280 px of the top`, async ({ page }) => {
    for (const path of [...keys.map((key) => pagePath(locale.code, key)), `/${locale.code}/no-such-page/`]) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('dir', locale.dir);
      await expect(page.locator('h1')).toHaveCount(1);
      expect(await h1Top(page), path).toBeLessThanOrEqual(280);
      // The 112 line and the quick exit are on the first screen; the lists are folded away.
      await expect(page.locator('.emergency a[href="tel:112"]')).toBeInViewport();
      await expect(page.locator('#quick-exit')).toBeInViewport();
      await expect(page.locator('.languages')).toBeHidden();
      await expect(page.locator('.main-nav')).toBeHidden();
      // Nothing is wider than the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(phone.width);
    }
  });
}

/** The fold's button (a <summary>) by its visible name, and the list it opens. */
function folds(page: Page, code: LocaleCode) {
  const s = uiStrings[code];
  return {
    language: page.locator('summary', { hasText: getLocale(code).label }),
    languages: page.getByRole('navigation', { name: s['language.chooser.label'] }),
    menu: page.locator('summary', { hasText: s['nav.menu']! }),
    nav: page.getByRole('navigation', { name: s['nav.label'] }),
  };
}

for (const javaScript of [true, false]) {
  test(`the language and menu buttons open and close by keyboard ${javaScript ? 'with' : 'without'} JavaScript`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, viewport: phone, javaScriptEnabled: javaScript });
    const page = await context.newPage();
    await page.goto('/fi/parents/');
    const f = folds(page, 'fi');
    // The chooser's button names the current language in itself, and its accessible name says what it is for.
    await expect(f.language).toHaveAccessibleName(/Kieli.*Suomi/);
    await expect(f.menu).toHaveText(/Valikko/);

    // Tab from the quick exit reaches the language button, then the menu button.
    await page.locator('#quick-exit').focus();
    await page.keyboard.press('Tab');
    await expect(f.language).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(f.languages).toBeVisible();
    await expect(f.languages.getByRole('link', { name: 'Svenska', exact: true })).toHaveAttribute('href', '/sv/parents/');
    await expect(f.languages.getByRole('link', { name: 'Selkosuomi', exact: true })).toHaveAttribute('hreflang', 'fi-x-selko');
    await page.keyboard.press('Enter');
    await expect(f.languages).toBeHidden();

    await page.keyboard.press('Tab');
    await expect(f.menu).toBeFocused();
    await page.keyboard.press('Space');
    await expect(f.nav).toBeVisible();
    // The menu's links follow its button in the tab order.
    await page.keyboard.press('Tab');
    await expect(f.nav.getByRole('link').first()).toBeFocused();
    if (javaScript) {
      // Escape closes the open fold and puts focus back on its button.
      await page.keyboard.press('Escape');
      await expect(f.nav).toBeHidden();
      await expect(f.menu).toBeFocused();
    } else {
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      await expect(f.nav).toBeHidden();
    }
    // One fold open at a time: opening the menu closes the languages.
    await f.language.click();
    await expect(f.languages).toBeVisible();
    await f.menu.click();
    await expect(f.nav).toBeVisible();
    await expect(f.languages).toBeHidden();
    // A link in the open menu leads on.
    await f.nav.getByRole('link', { name: uiStrings.fi['nav.contact'] }).click();
    await expect(page).toHaveURL(/\/fi\/contact\/$/);
    await context.close();
  });
}

test('an open fold on a phone passes axe, in Arabic too, and is mirrored there', async ({ page }) => {
  await page.goto('/ar/');
  const f = folds(page, 'ar');
  await f.menu.click();
  await expect(f.nav).toBeVisible();
  await expectNoAxeViolations(page);
  // Right to left: the menu button sits at the inline end, the left; the links start at the right.
  const menu = (await f.menu.boundingBox())!;
  const language = (await f.language.boundingBox())!;
  expect(menu.x).toBeLessThan(language.x);
  const link = (await f.nav.getByRole('link').first().boundingBox())!;
  expect(link.x + link.width).toBeGreaterThan(phone.width - 40);
  await f.language.click();
  await expect(f.languages).toBeVisible();
  await expectNoAxeViolations(page);
});

for (const code of ['fi', 'so', 'fa'] as const) {
  test(`${code}: the quick exit is on screen after scrolling to the bottom of a long page`, async ({ page, baseURL }) => {
    await watchPage(page, baseURL!, [deployment.quickExitUrl]);
    await page.goto(pagePath(code, 'parents'));
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(800);
    await expect(page.locator('footer')).toBeInViewport();
    const exit = (await page.locator('#quick-exit').boundingBox())!;
    expect(exit.y).toBeGreaterThanOrEqual(0);
    expect(exit.y + exit.height).toBeLessThanOrEqual(phone.height);
    expect(await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.id, [exit.x + exit.width / 2, exit.y + exit.height / 2])).toBe('quick-exit');
  });
}

for (const code of ['fi', 'ar'] as const) {
  test(`the 404 page in ${code} is in the shared layout with the 112 line and the quick exit, links to every home page, and passes axe`, async ({ page, baseURL }) => {
    const watch = await watchPage(page, baseURL!);
    const response = await page.goto(`/${code}/no-such-page/`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('html')).toHaveAttribute('lang', code);
    await expect(page.locator('html')).toHaveAttribute('dir', getLocale(code).dir);
    await expect(page.locator('h1')).toHaveText(uiStrings[code]['notFound.title']!);
    await expect(page.locator('.emergency a[href="tel:112"]')).toBeVisible();
    await expect(page.locator('#quick-exit')).toBeVisible();
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
    for (const locale of locales) await expect(page.locator(`main a[href="/${locale.code}/"]`).first()).toBeAttached();
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await expectNoAxeViolations(page);
    // The one console line is Chromium's note of the page's own 404 status.
    expect(watch.consoleErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    expect(watch.outsideRequests).toEqual([]);
  });
}

test('an address outside every language gets the 404 page in the browser\'s language', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: 'uk-UA' });
  const page = await context.newPage();
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await context.close();
});

const landings: [string, LocaleCode][] = [
  ...locales.filter((l) => l.code !== 'selko').map((l): [string, LocaleCode] => [`${l.lang}-FI`, l.code]),
  ['de-DE', 'fi'],
];
for (const [acceptLanguage, code] of landings) {
  test(`/ with Accept-Language ${acceptLanguage} lands on /${code}/, and the language then stays`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, locale: acceptLanguage });
    const page = await context.newPage();
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(new RegExp(`/${code}/$`));
    // After / no address switches language by itself: another language's page stays in that language.
    const other = code === 'fi' ? 'sv' : 'fi';
    await page.goto(pagePath(other, 'parents'));
    await expect(page).toHaveURL(new RegExp(`/${other}/parents/$`));
    await expect(page.locator('html')).toHaveAttribute('lang', other);
    await context.close();
  });
}

test('/ without Accept-Language lands on /fi/', async ({ playwright, baseURL }) => {
  // A browser always sends the header: a bare HTTP client stands for one that does not.
  const bare = await playwright.request.newContext({ baseURL });
  const response = await bare.get('/', { maxRedirects: 0 });
  expect(response.status()).toBe(302);
  expect(response.headers()['location']).toBe('/fi/');
  expect(response.headers()['vary']).toContain('Accept-Language');
  await bare.dispose();
});

test('at 1280×900 the header (112 line, bar, languages, menu and koros) is at most 200 px tall in every language, with the lists shown and no buttons', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  for (const locale of locales) {
    await page.goto(pagePath(locale.code, 'parents'));
    const bottom = await page.locator('main').evaluate((main) => main.previousElementSibling!.getBoundingClientRect().bottom);
    expect(bottom, locale.code).toBeLessThanOrEqual(200);
    await expect(page.locator('.languages')).toBeVisible();
    await expect(page.locator('.main-nav')).toBeVisible();
    await expect(page.locator('summary.fold-button')).toHaveCount(2);
    for (const summary of await page.locator('summary.fold-button').all()) await expect(summary).toBeHidden();
  }
  await context.close();
});
