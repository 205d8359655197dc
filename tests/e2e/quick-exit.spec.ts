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
