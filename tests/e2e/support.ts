import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The WCAG tags every page is checked against. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Fails with a readable list when axe finds any violation on the page as it is now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n    ')}`,
  );
  expect(summary, 'axe violations').toEqual([]);
}

/** What a page did that it must not: console errors and requests to other hosts. */
export interface PageWatch {
  consoleErrors: string[];
  outsideRequests: string[];
}

/**
 * Records console errors and blocks (and records) every request to a host
 * other than the portal: the product makes no third-party request at all.
 * `allow` lists outside URLs a test intercepts itself (the quick-exit target).
 */
export async function watchPage(page: Page, baseURL: string, allow: readonly string[] = []): Promise<PageWatch> {
  const watch: PageWatch = { consoleErrors: [], outsideRequests: [] };
  const origin = new URL(baseURL).origin;
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watch.consoleErrors.push(String(error)));
  await page.route(
    (url) => url.origin !== origin && url.protocol !== 'data:' && !allow.some((a) => url.href.startsWith(a)),
    async (route) => {
      watch.outsideRequests.push(route.request().url());
      await route.abort();
    },
  );
  return watch;
}
