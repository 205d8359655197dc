import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { floodStylesheetPath } from '../../src/shared/flood/stylesheet.ts';

// Every link inside the built site leads somewhere: in a page's HTML and in the
// links a form island gets as props (privacy notice, child welfare notification).
function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFiles(path) : name.endsWith('.html') ? [path] : [];
  });
}

const exists = (href: string) => {
  const path = href.split('#')[0]!.split('?')[0]!;
  // The API and the flood stylesheet are the server's, not files of the built site.
  if (path === '/' || path.startsWith('/api/') || path === floodStylesheetPath) return true;
  const file = join('dist', path);
  return path.endsWith('/') ? existsSync(join(file, 'index.html')) : existsSync(file) || existsSync(join(file, 'index.html'));
};

describe('links in the built site', () => {
  it('has no internal link to a page that does not exist', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of htmlFiles('dist')) {
      const html = readFileSync(file, 'utf8').replace(/&quot;/g, '"');
      const hrefs = [
        ...[...html.matchAll(/\shref="(\/[^"]*)"/g)].map((m) => m[1]!),
        ...[...html.matchAll(/"\w*Href":\[0,"(\/[^"]*)"\]/g)].map((m) => m[1]!),
      ];
      for (const href of hrefs) {
        checked++;
        if (!exists(href)) broken.push(`${file.slice(4)} -> ${href}`);
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect([...new Set(broken)]).toEqual([]);
  });
});
