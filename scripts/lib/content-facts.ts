/**
 * The content rule of `npm run i18n:check`: a Markdown page never holds a fact
 * only the deployer can confirm. Pages reach phone numbers, hours and the
 * notification channel through placeholders (src/components/fact-placeholders.ts),
 * so a changed configuration changes every page, and a sample value is always
 * marked as one.
 */
import { configuredNumbers, type Deployment } from '../../src/shared/deployment.ts';
import { formatOfficeHours } from '../../src/shared/office-hours.ts';

const squeeze = (text: string) => text.replace(/[\s\-‐‑‒–—\u00a0\u202f]/g, '');

/** "08:00" written the ways a page might: 08:00, 8:00, 08.00, 8.00. */
function timeSpellings(hm: string): string[] {
  const [h = '', m = ''] = hm.split(':');
  const short = String(Number(h));
  return [...new Set([`${h}:${m}`, `${short}:${m}`, `${h}.${m}`, `${short}.${m}`])];
}

/**
 * What is wrong with one page's Markdown: a `tel:` link, any configured phone
 * number (compared with spaces and dashes removed, with or without the +358
 * prefix), or the configured office hours written out. `intl` lists the Intl
 * locales whose formatting of the hours is looked for.
 */
export function contentFactProblems(markdown: string, d: Deployment, intl: readonly string[]): string[] {
  const problems: string[] = [];
  if (/tel:\s*[+\d(]/i.test(markdown)) problems.push('holds a tel: link (use a {{tel:…}} placeholder)');
  const page = squeeze(markdown);
  for (const number of configuredNumbers(d)) {
    const plain = squeeze(number);
    const national = plain.startsWith('+358') ? `0${plain.slice(4)}` : plain;
    if (page.includes(plain) || page.includes(national)) problems.push(`holds the configured number ${number} (use a {{tel:…}} placeholder)`);
  }
  for (const hours of [d.officeHours, d.childWelfareNotification.phoneHours]) {
    const written = intl.map((l) => formatOfficeHours(hours, l));
    const opens = timeSpellings(hours.opens);
    const closes = timeSpellings(hours.closes);
    const range = new RegExp(`(?:${opens.map((o) => o.replace('.', '\\.')).join('|')}|\\b${Number(hours.opens.split(':')[0])})\\s*[-–—]\\s*(?:${closes.map((c) => c.replace('.', '\\.')).join('|')}|${Number(hours.closes.split(':')[0])}\\b)`);
    if (written.some((w) => markdown.includes(w)) || range.test(markdown)) {
      problems.push(`writes out the configured hours ${hours.opens}–${hours.closes} (use {{hours:anchor}} or a {{tel:…}} placeholder)`);
    }
  }
  return [...new Set(problems)];
}
