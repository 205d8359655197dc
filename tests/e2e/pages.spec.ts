import { expect, test } from '@playwright/test';
import { locales } from '../../src/i18n/locales.ts';
import { allPages, corePages } from '../../src/i18n/page-keys.ts';
import { pagePath } from '../../src/i18n/paths.ts';
import { expectNoAxeViolations, watchPage } from './support.ts';

// The page matrix: every page in every language.
for (const locale of locales) {
  const keys = [...(locale.coverage === 'full' ? allPages : corePages), 'contact-form', 'concern-form'];
  for (const key of keys) {
    const path = pagePath(locale.code, key);
    test(`${path} renders in ${locale.label}, accessible and self-contained`, async ({ page, baseURL }) => {
      const watch = await watchPage(page, baseURL!);
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('lang', locale.lang);
      await expect(page.locator('html')).toHaveAttribute('dir', locale.dir);
      await expect(page.locator('h1')).toHaveCount(1);
      expect((await page.title()).length).toBeGreaterThan(3);
      await expect(page.locator('a.skip-link')).toHaveAttribute('href', '#main');
      await expect(page.locator('.emergency a[href="tel:112"]')).toBeVisible();
      await expect(page.locator('#quick-exit')).toBeVisible();
      await expect(page.locator(`link[rel="alternate"][hreflang="x-default"]`)).toHaveCount(1);
      await expectNoAxeViolations(page);
      expect(watch.consoleErrors).toEqual([]);
      expect(watch.outsideRequests).toEqual([]);
      // Public pages set no cookie and use no browser storage.
      expect(await page.context().cookies()).toEqual([]);
      expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
    });
  }
}

test('the language chooser keeps the same page and names each language in itself', async ({ page }) => {
  await page.goto('/fi/parents/');
  const chooser = page.getByRole('navigation', { name: 'Kieli' });
  for (const locale of locales) {
    const link = chooser.getByRole('link', { name: locale.label, exact: true });
    await expect(link).toHaveAttribute('lang', locale.lang);
  }
  await chooser.getByRole('link', { name: 'Svenska', exact: true }).click();
  await expect(page).toHaveURL(/\/sv\/parents\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await page.getByRole('navigation', { name: 'Språk' }).getByRole('link', { name: 'English', exact: true }).click();
  await expect(page).toHaveURL(/\/en\/parents\/$/);
});

test('/ sends a Swedish browser to Swedish and others to Finnish, and the language then stays', async ({ browser, baseURL }) => {
  const swedish = await browser.newContext({ locale: 'sv-FI', baseURL });
  const page = await swedish.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/sv\/$/);
  await swedish.close();
  const german = await browser.newContext({ locale: 'de-DE', baseURL });
  const other = await german.newPage();
  await other.goto('/');
  await expect(other).toHaveURL(/\/fi\/$/);
  await german.close();
});

test('sitemap.xml lists every page in every language with its alternates', async ({ request }) => {
  const body = await (await request.get('/sitemap.xml')).text();
  for (const locale of locales) {
    for (const key of [...(locale.coverage === 'full' ? allPages : corePages), 'contact-form', 'concern-form']) {
      expect(body).toContain(`${pagePath(locale.code, key)}</loc>`);
    }
  }
  expect(body).toContain('hreflang="sv"');
});
