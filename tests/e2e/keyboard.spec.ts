import { expect, test } from '@playwright/test';

for (const path of ['/fi/', '/sv/how-it-works/', '/en/young-people/']) {
  test(`keyboard alone reaches every link on ${path}, each with a visible focus`, async ({ page }) => {
    await page.goto(path);
    const links = await page.locator('a[href]:visible').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href + '|' + a.textContent?.trim()));
    const reached = new Set<string>();
    for (let i = 0; i < links.length + 5; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
        return { key: el instanceof HTMLAnchorElement ? `${el.href}|${el.textContent?.trim()}` : el.tagName, visible };
      });
      if (!focused) continue;
      expect(focused.visible, `focus is visible on ${focused.key}`).toBe(true);
      reached.add(focused.key);
    }
    for (const link of links) expect(reached, `reached ${link}`).toContain(link);
  });
}

test('the skip link is the first stop and moves focus to the main content', async ({ page }) => {
  await page.goto('/fi/parents/');
  await page.keyboard.press('Tab');
  const skip = page.locator('a.skip-link');
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
});
