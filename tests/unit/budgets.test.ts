import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { localeCodes } from '../../src/i18n/locales.ts';
import { budgetFailures, isFormPage, isStaffPage, measureSite } from '../../scripts/lib/page-bytes.ts';

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

  it('gives a form page only its own language\'s strings', () => {
    const ui = Object.fromEntries(
      localeCodes.map((code) => [code, JSON.parse(readFileSync(`src/i18n/ui/${code}.json`, 'utf8')) as Record<string, string>]),
    );
    const distinct = (code: string, key: string) => Object.entries(ui).every(([other, strings]) => other === code || strings[key] !== ui[code]![key]);
    for (const code of Object.keys(ui)) {
      for (const form of ['contact-form', 'concern-form']) {
        const html = readFileSync(`dist/${code}/${form}/index.html`, 'utf8');
        for (const other of Object.keys(ui).filter((c) => c !== code)) {
          // Strings that differ between languages: none of another language's may be on the page.
          const foreign = Object.keys(ui[other]!).filter((key) => key.startsWith('form.') && distinct(other, key) && ui[other]![key]!.length > 25);
          expect(foreign.length).toBeGreaterThan(50);
          const onPage = (value: string) => html.includes(value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')) || html.includes(value);
          // (A plain-language text may quote the standard one whole: that is its own string.)
          const ownValues = Object.values(ui[code]!);
          const leaked = foreign.filter((key) => onPage(ui[other]![key]!) && !ownValues.some((v) => v.includes(ui[other]![key]!)));
          expect(leaked, `${code}/${form} carries ${other} strings`).toEqual([]);
          // The same search finds the page's own strings: the check above is not blind.
          expect(foreign.filter((key) => onPage(ui[code]![key]!)).length, `${code}/${form} own strings`).toBeGreaterThan(50);
        }
      }
    }
  });

  it('measures the staff app against its own budget, and gives it only fi, sv and en pages with their own strings', () => {
    const staff = measureSite('dist').filter(isStaffPage);
    expect(staff.map((p) => p.path)).toEqual(['/staff/en/', '/staff/en/enrol/', '/staff/fi/', '/staff/fi/enrol/', '/staff/sv/', '/staff/sv/enrol/']);
    for (const page of staff) expect(page.hasIsland, page.path).toBe(true);
    const fi = JSON.parse(readFileSync('src/i18n/ui/fi.json', 'utf8')) as Record<string, string>;
    const sv = readFileSync('dist/staff/sv/index.html', 'utf8');
    expect(sv).toContain('Granskning av skräppost');
    expect(sv).not.toContain(fi['staff.spam.intro']!.slice(0, 40));
  });

  it('ships no framework on content pages, only the small quick-exit script', () => {
    for (const page of measureSite('dist').filter((p) => !isFormPage(p) && !isStaffPage(p) && p.path !== '/404.html')) {
      expect(page.hasIsland, page.path).toBe(false);
      expect(page.scripts.filter((s) => /react|client/i.test(s)), page.path).toEqual([]);
    }
  });
});

describe('the flood proof-of-work worker', () => {
  it('is at most 5 KB gzip and outside every page\'s budget: the island fetches it only when the server asks for a proof', () => {
    const workers = readdirSync('dist/_astro').filter((f) => /^proof-worker.*\.js$/.test(f));
    expect(workers).toHaveLength(1);
    expect(gzipSync(readFileSync(`dist/_astro/${workers[0]}`)).length).toBeLessThanOrEqual(5 * 1024);
    const pages = measureSite('dist');
    expect(pages.filter((p) => p.scripts.some((s) => s.includes('proof-worker'))).map((p) => p.path)).toEqual([]);
    // It is reachable from the form pages' code, created as a worker.
    const formScripts = pages.filter(isFormPage).flatMap((p) => p.scripts);
    expect(formScripts.some((s) => readFileSync(join('dist', s), 'utf8').includes(workers[0]!))).toBe(true);
  });
});
