import { expect, test, type Page } from '@playwright/test';
import { uiStrings } from '../../src/i18n/t.ts';
import { deployment } from '../../src/shared/deployment.ts';

// Right to left: the layout mirrors. Committed reference screenshots (fonts
// from Debian's fonts-noto-core) catch a silent break; the position checks say
// what is wrong when one does.
test.use({ viewport: { width: 1000, height: 900 } });

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not visible`);
  return b;
}

for (const code of ['ar', 'fa'] as const) {
  const s = uiStrings[code];

  test(`${code} home page is mirrored: name on the right, quick exit and the chooser's end on the left`, async ({ page }) => {
    await page.goto(`/${code}/`);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const name = await box(page, '.site-name');
    const exit = await box(page, '#quick-exit');
    expect(name.x).toBeGreaterThan(exit.x + exit.width);
    // The chooser starts at the inline start (the right): Suomi, the first language, is its right-most item.
    const first = await box(page, '.languages li:first-child a');
    const second = await box(page, '.languages li:nth-child(2) a');
    expect(first.x).toBeGreaterThan(second.x);
    // Body text starts at the right edge of the content column.
    const main = await box(page, 'main');
    const paragraph = await box(page, 'main p');
    expect(Math.abs(main.x + main.width - (paragraph.x + paragraph.width))).toBeLessThan(40);
    await expect(page).toHaveScreenshot(`${code}-home.png`, { fullPage: false, maxDiffPixelRatio: 0.02 });
  });

  test(`${code} contact form with errors is mirrored`, async ({ page }) => {
    await page.goto(`/${code}/contact-form/`);
    await page.getByRole('button', { name: s['form.danger.continue'] }).click();
    // The next step says who reads the message and what can follow.
    await page.getByRole('button', { name: s['form.reads.continue'] }).click();
    await page.getByRole('button', { name: s['form.continue'], exact: true }).click();
    await expect(page.locator('.error-summary')).toBeFocused();
    const summary = await box(page, '.error-summary');
    const main = await box(page, 'main');
    // The summary's accent border sits on the inline start: its right edge is the column's.
    expect(Math.abs(summary.x + summary.width - (main.x + main.width))).toBeLessThan(40);
    const radio = await box(page, 'input[type="radio"]');
    const label = await box(page, 'input[type="radio"] + label, label:has(input[type="radio"])');
    expect(radio.x).toBeGreaterThanOrEqual(label.x);
    await expect(page).toHaveScreenshot(`${code}-contact-form-errors.png`, { fullPage: false, maxDiffPixelRatio: 0.02 });
  });
}

// Phone numbers inside Arabic and Persian text: each number's digit groups must
// appear on screen left to right, as dialled ("116 111", never "111 116").
const helplineNumbers = Object.values(deployment.helplines).map((line) => line.number);
for (const path of ['/ar/young-people/', '/ar/parents/', '/ar/contact/', '/fa/young-people/', '/fa/parents/']) {
  test(`${path}: every phone number's digit groups read left to right`, async ({ page }) => {
    await page.goto(path);
    const numbers = page.locator('main .figure--phone');
    const count = await numbers.count();
    expect(count).toBeGreaterThan(1);
    const seen: string[] = [];
    for (let i = 0; i < count; i++) {
      const groups = numbers.nth(i).locator('.figure-group');
      const texts = await groups.allInnerTexts();
      const boxes = await Promise.all(texts.map(async (_, j) => (await groups.nth(j).boundingBox())!));
      for (let j = 1; j < boxes.length; j++) {
        // On one line: the next group starts to the right of where the previous one ends.
        expect(boxes[j]!.x, `${texts.join(' ')}: group ${j + 1} is left of group ${j}`).toBeGreaterThanOrEqual(boxes[j - 1]!.x + boxes[j - 1]!.width - 1);
      }
      seen.push(texts.join(' '));
    }
    // The helpline numbers the page shows are the configured ones, group for group.
    expect(seen.some((n) => helplineNumbers.includes(n))).toBe(true);
  });
}
