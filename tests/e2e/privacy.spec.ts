import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { deployment } from '../../src/shared/deployment.ts';
import { daysText } from '../../src/components/notice-placeholders.tsx';
import { localized } from '../../src/shared/controllers.ts';
import { readRetentionDays } from '../../src/shared/retention-settings.ts';

// Issue 12: the privacy notice and the accessibility statement as a reader meets
// them: reached from the site's own links, with every section of the reviewers'
// checklist, the deployer's facts filled in and the ways to act on them working.

/** The sections the checklist names for a page (docs/privacy-checklist.md). */
const sectionsOf = (page: 'privacy' | 'accessibility') => [
  ...new Set(
    [...readFileSync('docs/privacy-checklist.md', 'utf8').matchAll(new RegExp(`\\| \`${page}#([a-z][\\w-]*)\` \\|`, 'g'))].map((m) => m[1]!),
  ),
];
const retention = readRetentionDays(process.env);

for (const code of ['fi', 'sv', 'en'] as const) {
  test(`${code}: the privacy notice has every checklist section, the controllers, their officers and the Ombudsman`, async ({ page }) => {
    await page.goto(`/${code}/privacy/`);
    for (const id of sectionsOf('privacy')) await expect(page.locator(`h2#${id}`), id).toBeVisible();
    for (const c of deployment.controllers) {
      const block = page.locator(`section[aria-labelledby="controller-${c.id}"]`);
      await expect(block.getByRole('heading', { level: 3 })).toHaveText(localized(c.name, code));
      await expect(block.locator(`a[href="mailto:${c.dataProtectionOfficer.email}"]`)).toBeVisible();
      await expect(block.locator(`a[href="mailto:${c.contact.email}"]`)).toBeVisible();
    }
    const complaint = page.locator('h2#complaint + p');
    await expect(complaint.getByRole('link', { name: localized(deployment.dataProtectionSupervisor.name, code) })).toHaveAttribute('href', deployment.dataProtectionSupervisor.url);
    const kept = page.locator('h2#retention + ul');
    await expect(kept).toContainText(daysText(retention.spamDays, code));
    await expect(kept).toContainText(daysText(retention.closedDays, code));
  });

  test(`${code}: the accessibility statement gives the feedback address, the supervisor and the gaps, each draft linked`, async ({ page }) => {
    await page.goto(`/${code}/accessibility/`);
    for (const id of sectionsOf('accessibility')) await expect(page.locator(`h2#${id}`), id).toBeVisible();
    await expect(page.locator(`a[href="mailto:${deployment.accessibilityFeedbackEmail}"]`)).toBeVisible();
    await expect(page.locator(`a[href="${deployment.accessibilitySupervisor.url}"]`)).toHaveText(deployment.accessibilitySupervisor.name[code]);
    // A draft the statement lists says so at its top when followed.
    const draft = page.locator('ul.gaps a').first();
    const lang = await draft.getAttribute('lang');
    await draft.click();
    await expect(page.locator('html')).toHaveAttribute('lang', lang!);
    await expect(page.locator('article .notice').first()).toBeVisible();
  });
}

test('a short privacy page names the controllers in their own language and leads to the full notice', async ({ page }) => {
  await page.goto('/ru/privacy/');
  for (const c of deployment.controllers) await expect(page.locator('article span[lang="en"]', { hasText: c.name.en }).first()).toBeVisible();
  await expect(page.locator('article')).toContainText(daysText(retention.closedDays, 'ru'));
  await page.locator('article a[href="/en/privacy/"]').first().click();
  await expect(page).toHaveURL(/\/en\/privacy\/$/);
  await expect(page.locator('h1')).toHaveText('Privacy notice');
  await expect(page.locator('h2#controllers')).toBeVisible();
});
