import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Raw and gzip byte counts. */
export interface Bytes {
  raw: number;
  gzip: number;
}

/** What one built page makes a browser download: HTML, CSS and JavaScript. */
export interface PageBytes {
  path: string;
  html: Bytes;
  /** All CSS, inline and linked (inline CSS is also counted inside `html`). */
  css: Bytes;
  /** CSS in separate files: a further download beside the HTML. */
  linkedCss: Bytes;
  js: Bytes;
  /** The JavaScript files the page loads, following static and dynamic imports. */
  scripts: string[];
  /** True when the page hydrates a framework island. */
  hasIsland: boolean;
}

const measure = (buffer: Buffer | string): Bytes => {
  const data = typeof buffer === 'string' ? Buffer.from(buffer) : buffer;
  return { raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
};
const add = (a: Bytes, b: Bytes): Bytes => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip });

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

// Module specifiers in minified output: from"./x.js", import("./x.js"), import"./x.js".
const importPattern = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js|\/_astro\/[^"']+\.js)["']/g;

function followScripts(siteDir: string, entries: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const url = queue.pop()!;
    if (seen.has(url)) continue;
    const file = join(siteDir, url);
    if (!existsSync(file)) continue;
    seen.add(url);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(importPattern)) {
      const spec = match[1]!;
      queue.push(spec.startsWith('/') ? spec : new URL(spec, `http://x${url}`).pathname);
    }
  }
  return [...seen].sort();
}

/** Measures every HTML page of a build, with the CSS and JS it loads. */
export function measureSite(siteDir: string): PageBytes[] {
  return htmlFiles(siteDir)
    .map((file) => {
      const html = readFileSync(file, 'utf8');
      const path = `/${relative(siteDir, file).split(sep).join('/')}`.replace(/index\.html$/, '');
      let css: Bytes = { raw: 0, gzip: 0 };
      for (const m of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) css = add(css, measure(m[1]!));
      let linkedCss: Bytes = { raw: 0, gzip: 0 };
      for (const m of html.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)) {
        const f = join(siteDir, m[1]!);
        if (existsSync(f)) linkedCss = add(linkedCss, measure(readFileSync(f)));
      }
      css = add(css, linkedCss);
      const entries = [
        ...[...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!),
        ...[...html.matchAll(/(?:component-url|renderer-url|before-hydration-url)="([^"]+)"/g)].map((m) => m[1]!),
        ...[...html.matchAll(/<link[^>]+rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!),
      ];
      let js: Bytes = { raw: 0, gzip: 0 };
      for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
        if (m[1]!.trim()) {
          js = add(js, measure(m[1]!));
          for (const i of m[1]!.matchAll(importPattern)) entries.push(i[1]!);
        }
      }
      const scripts = followScripts(siteDir, entries.filter((e) => e.startsWith('/')));
      for (const s of scripts) js = add(js, measure(readFileSync(join(siteDir, s))));
      return { path, html: measure(html), css, linkedCss, js, scripts, hasIsland: html.includes('<astro-island') };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** The budgets of a page, by kind. */
export const budgets = {
  /** HTML plus CSS of a content page fits the first TCP round trip (about 14 KB). */
  contentHtmlCssGzip: 14_000,
  /** A content page ships no framework: only the quick-exit script. */
  contentJsGzip: 1_500,
  /**
   * A form page's JavaScript in all, with only its language's strings: 110 KB (issue 17). The forms work
   * without JavaScript on the way (issue 18), so the script is an enhancement, not the page; the engine
   * that derives the questions from their definitions must still not make it larger.
   */
  formJsGzip: 110_000,
  /** The staff app (an internal tool on office connections): its JavaScript in all. */
  staffJsGzip: 130_000,
  /** The staff app's HTML (carrying its language's strings for the island) and CSS. */
  staffHtmlCssGzip: 24_000,
} as const;

/** True for pages that host a form island (they have their own JS budget). */
export const isFormPage = (page: PageBytes): boolean => /\/(contact|concern)-form\/$/.test(page.path);

/** True for the staff app's pages (/staff/<lang>/...), which have budgets of their own. */
export const isStaffPage = (page: PageBytes): boolean => page.path.startsWith('/staff/');

/** Budget failures for a measured site; empty when everything fits. */
export function budgetFailures(pages: PageBytes[]): string[] {
  const failures: string[] = [];
  for (const page of pages) {
    if (isStaffPage(page)) {
      if (page.js.gzip > budgets.staffJsGzip) failures.push(`${page.path}: JS ${page.js.gzip} B gzip > ${budgets.staffJsGzip}`);
      const staffFirst = page.html.gzip + page.linkedCss.gzip;
      if (staffFirst > budgets.staffHtmlCssGzip) failures.push(`${page.path}: HTML+CSS ${staffFirst} B gzip > ${budgets.staffHtmlCssGzip}`);
      continue;
    }
    if (isFormPage(page)) {
      if (page.js.gzip > budgets.formJsGzip) failures.push(`${page.path}: JS ${page.js.gzip} B gzip > ${budgets.formJsGzip}`);
      continue;
    }
    const first = page.html.gzip + page.linkedCss.gzip;
    if (first > budgets.contentHtmlCssGzip) failures.push(`${page.path}: HTML+CSS ${first} B gzip > ${budgets.contentHtmlCssGzip}`);
    if (page.hasIsland) failures.push(`${page.path}: a content page hydrates a framework island`);
    if (page.js.gzip > budgets.contentJsGzip) failures.push(`${page.path}: JS ${page.js.gzip} B gzip > ${budgets.contentJsGzip}`);
  }
  return failures;
}
