/**
 * `npm run i18n:check`: every UI key and every page exists in every language,
 * with the same interpolations; values left identical to English (beyond an
 * allow-list of names and numbers) and pages without a translation status are
 * named too. A Markdown page that holds a `tel:` link, a configured phone
 * number or the configured office hours is named as well, and so is one that types in a controller's,
 * a data protection officer's or a supervisory authority's address or name. Exits non-zero and names each problem.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { locales } from '../src/i18n/locales.ts';
import { corePages, allPages } from '../src/i18n/page-keys.ts';
import { identicalToEnglishAllowed } from '../src/i18n/identical-allow-list.ts';
import { deployment } from '../src/shared/deployment.ts';
import { contentFactProblems } from './lib/content-facts.ts';
import { noticeFactProblems } from './lib/notice-facts.ts';

const problems: string[] = [];
const uiDir = 'src/i18n/ui';
const load = (code: string): Record<string, string> =>
  JSON.parse(readFileSync(join(uiDir, `${code}.json`), 'utf8')) as Record<string, string>;
const placeholders = (value: string) => [...value.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort().join(',');

const reference = load('en');
// The staff app, the full privacy notice and the accessibility statement are in Finnish,
// Swedish and English only: their `staff.*` and `notice.*` strings are not asked of the other languages.
const staffLanguages = new Set(['fi', 'sv', 'en']);
const isStaffKey = (key: string) => key.startsWith('staff.') || key.startsWith('notice.');
for (const locale of locales) {
  if (!existsSync(join(uiDir, `${locale.code}.json`))) {
    problems.push(`${locale.code}: no UI strings file ${uiDir}/${locale.code}.json`);
    continue;
  }
  const strings = load(locale.code);
  for (const key of Object.keys(reference)) {
    if (isStaffKey(key) && !staffLanguages.has(locale.code)) continue;
    const value = strings[key];
    if (value === undefined) problems.push(`${locale.code}: missing UI key "${key}"`);
    else if (!value.trim()) problems.push(`${locale.code}: empty UI key "${key}"`);
    else if (placeholders(value) !== placeholders(reference[key] ?? ''))
      problems.push(`${locale.code}: "${key}" has interpolations {${placeholders(value)}} but en has {${placeholders(reference[key] ?? '')}}`);
    else if (locale.lang !== 'en' && value === reference[key] && !identicalToEnglishAllowed.has(key) && /\p{L}{3,}/u.test(value))
      problems.push(`${locale.code}: "${key}" is identical to English ("${value}"): translate it or add it to the allow-list`);
  }
  for (const key of Object.keys(strings)) {
    if (!(key in reference)) problems.push(`${locale.code}: UI key "${key}" is not in en.json`);
  }
  const keys = Object.keys(strings);
  const sorted = [...keys].sort();
  if (keys.join('\n') !== sorted.join('\n')) problems.push(`${locale.code}: keys in ${uiDir}/${locale.code}.json are not in sorted order`);

  const dir = join('content', locale.code);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.md')) : [];
  const required = locale.coverage === 'full' ? allPages : corePages;
  for (const key of required) {
    if (!files.includes(`${key}.md`)) problems.push(`${locale.code}: missing page content/${locale.code}/${key}.md`);
  }
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
    const key = /^translationKey:\s*(\S+)/m.exec(front)?.[1];
    if (key !== file.replace(/\.md$/, '')) problems.push(`${locale.code}/${file}: translationKey "${key}" does not match the file name`);
    if (!/^translation:\s*(reviewed|draft)\s*$/m.test(front)) problems.push(`${locale.code}/${file}: front matter has no translation status (reviewed or draft)`);
    // The deployer's facts reach pages only through placeholders (src/components/fact-placeholders.ts).
    for (const problem of contentFactProblems(text, deployment, [...new Set(locales.map((l) => l.intl))])) problems.push(`${locale.code}/${file}: ${problem}`);
    // So do the controllers, their officers and the supervisory authorities (src/components/notice-placeholders.tsx).
    for (const problem of noticeFactProblems(text, deployment)) problems.push(`${locale.code}/${file}: ${problem}`);
  }
}

if (problems.length) {
  console.error(`i18n check: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`i18n check: ${locales.length} languages, ${Object.keys(reference).length} UI keys each, pages complete`);
