import { expect, test, type Page } from '@playwright/test';
import deployment from '../../config/deployment.json' with { type: 'json' };
import { watchPage } from './support.ts';

const target = deployment.quickExitUrl;

// The neutral site is intercepted: the test makes no real outside request.
async function interceptTarget(page: Page) {
  await page.route(`${target}**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Neutral</title><p>Weather</p>' }),
  );
}

for (const how of ['button', 'Shift pressed three times'] as const) {
  test(`quick exit by ${how} leaves for the neutral site and Back does not return (one page)`, async ({ page, baseURL }) => {
    await watchPage(page, baseURL!, [target]);
    await interceptTarget(page);
    await page.goto('/fi/young-people/');
    if (how === 'button') await page.locator('#quick-exit').click();
    else for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await expect(page).toHaveURL(target);
    await page.goBack().catch(() => null);
    expect(page.url()).not.toContain('/young-people/');
  });

  test(`quick exit by ${how} after several pages: Back reaches the earlier page, never the one it left`, async ({ page, baseURL }) => {
    await watchPage(page, baseURL!, [target]);
    await interceptTarget(page);
    await page.goto('/fi/');
    await page.goto('/fi/parents/');
    await page.goto('/fi/young-people/');
    if (how === 'button') await page.locator('#quick-exit').click();
    else for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await expect(page).toHaveURL(target);
    await page.goBack();
    await expect(page).toHaveURL(/\/fi\/parents\/$/);
  });
}

test('typing capitals never triggers the quick exit', async ({ page, baseURL }) => {
  await watchPage(page, baseURL!, [target]);
  await interceptTarget(page);
  await page.goto('/fi/parents/');
  // Shift held for capital letters, three times within two seconds, always with another key.
  await page.keyboard.press('Shift+A');
  await page.keyboard.press('Shift+B');
  await page.keyboard.press('Shift+C');
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift+D');
  await page.keyboard.press('Shift');
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(/\/fi\/parents\/$/);
});

test('Shift presses spread over more than two seconds do not trigger it', async ({ page, baseURL }) => {
  await watchPage(page, baseURL!, [target]);
  await interceptTarget(page);
  await page.goto('/fi/parents/');
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.waitForTimeout(2_100);
  await page.keyboard.press('Shift');
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(/\/fi\/parents\/$/);
});

for (const code of ['fi', 'ar'] as const) {
  test(`on a phone (${code}), far down a long page, the quick exit is on screen, uncovered, and leaves`, async ({ page, baseURL }) => {
    await watchPage(page, baseURL!, [target]);
    await interceptTarget(page);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`/${code}/young-people/`);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    const box = (await page.locator('#quick-exit').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(740);
    // Nothing lies on top of it: the element under its centre is the link itself.
    expect(await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.id, [box.x + box.width / 2, box.y + box.height / 2])).toBe('quick-exit');
    await page.locator('#quick-exit').click();
    await expect(page).toHaveURL(target);
  });
}

test('going back through the links with Shift+Tab, no focused link hides under the bar that stays on screen (WCAG 2.4.11)', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/fi/parents/');
  await page.locator('footer a').first().focus();
  let checked = 0;
  for (let i = 0; i < 14; i++) {
    await page.keyboard.press('Shift+Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body || el.closest('.site-header')) return null;
      const r = el.getBoundingClientRect();
      // Where the sticky bar is now: at the top once scrolled, below the 112 line at the top of the page.
      const bar = document.querySelector('.site-header')!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, barTop: bar.top, barBottom: bar.bottom };
    });
    if (!focused) continue;
    checked++;
    // Wholly below the bar or wholly above it (the 112 line above the bar at the top of the page), never under it.
    expect(focused.top >= focused.barBottom - 0.5 || focused.bottom <= focused.barTop + 0.5, JSON.stringify(focused)).toBe(true);
    expect(focused.top).toBeGreaterThanOrEqual(0);
    expect(focused.bottom).toBeLessThanOrEqual(740);
  }
  expect(checked).toBeGreaterThan(5);
});
