import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { budgetFailures, isFormPage, measureSite } from '../../scripts/lib/page-bytes.ts';

// Byte counts are deterministic, so the budgets are tests. `npm test` builds the site first.
describe('byte budgets of the built site', () => {
  it('has a build to measure', () => {
    expect(existsSync('dist/fi/index.html'), 'run "npm run build" first').toBe(true);
  });

  it('keeps every page inside its budget', () => {
    const pages = measureSite('dist');
    expect(pages.length).toBeGreaterThan(20);
    expect(budgetFailures(pages)).toEqual([]);
  });

  it('ships no framework on content pages, only the small quick-exit script', () => {
    for (const page of measureSite('dist').filter((p) => !isFormPage(p) && p.path !== '/404.html')) {
      expect(page.hasIsland, page.path).toBe(false);
      expect(page.scripts.filter((s) => /react|client/i.test(s)), page.path).toEqual([]);
    }
  });
});
