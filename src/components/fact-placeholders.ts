/**
 * The deployer's facts reach the Markdown pages only through placeholders,
 * never typed in (`npm run i18n:check` fails on a `tel:` link or a configured
 * number in a page). A page's rendered HTML is filled here:
 *
 * - `{{tel:KEY}}`: a phone number as a link, rendered by the Figure component,
 *   with its hours when configured and the "example" tag while the value is a
 *   sample. KEY is `emergency` (112), `anchor`, `notification` or a helpline key;
 * - `{{hours:anchor}}`: Anchor's phone hours, formatted by Intl;
 * - `{{supervisor}}`: the accessibility supervisor's name as a link;
 * - `{{section:whoReads}}`, alone in a paragraph: "who reads your message";
 * - as a link target, `{{url:notification}}`: where professionals make a
 *   child welfare notification.
 *
 * An unknown placeholder throws, so a typo fails the build.
 */
import { createElement, Fragment, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { emergencyNumber } from '../shared/emergency.ts';
import { deployment, helplineKeys, type Deployment, type HelplineKey } from '../shared/deployment.ts';
import { formatOfficeHours } from '../shared/office-hours.ts';
import { localized } from '../shared/controllers.ts';
import { ExampleTag, Figure } from './Figure.tsx';
import { WhoReads } from './WhoReads.tsx';
import { getLocale, type LocaleCode } from '../i18n/locales.ts';
import { uiStrings } from '../i18n/t.ts';

type Translate = (key: string, vars?: Readonly<Record<string, string | number>>) => string;

function translator(code: LocaleCode): Translate {
  const strings = uiStrings[code];
  return (key, vars) => {
    const text = strings[key];
    if (text === undefined) throw new Error(`missing UI string ${code}:${key}`);
    return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
  };
}

/** Hours of a configured line in words, or undefined while not confirmed. */
export function hoursText(hours: Deployment['helplines'][HelplineKey]['hours'], intl: string, always: string): string | undefined {
  if (hours === null) return undefined;
  return hours === 'always' ? always : formatOfficeHours(hours, intl);
}

/** The HTML for one placeholder in a page of language `code`. */
export function renderFact(name: string, key: string | undefined, code: LocaleCode, d: Deployment = deployment): string {
  const t = translator(code);
  const intl = getLocale(code).intl;
  const example = d.example ? t('deployment.example') : undefined;
  const html = (...nodes: ReactNode[]) => renderToStaticMarkup(createElement(Fragment, null, ...nodes));
  if (name === 'tel') {
    if (key === 'emergency') return html(createElement(Figure, { kind: 'phone', text: emergencyNumber }));
    let number: string;
    let hours: string | undefined;
    if (key === 'anchor') {
      number = d.phone;
      hours = formatOfficeHours(d.officeHours, intl);
    } else if (key === 'notification') {
      number = d.childWelfareNotification.phone;
      hours = formatOfficeHours(d.childWelfareNotification.phoneHours, intl);
    } else if (key !== undefined && (helplineKeys as readonly string[]).includes(key)) {
      const line = d.helplines[key as HelplineKey];
      number = line.number;
      hours = hoursText(line.hours, intl, t('facts.hours.always'));
    } else {
      throw new Error(`unknown placeholder {{tel:${key ?? ''}}}`);
    }
    return html(createElement(Figure, { kind: 'phone', text: number, example }), hours ? ` (${hours})` : '');
  }
  if (name === 'hours' && key === 'anchor') return html(formatOfficeHours(d.officeHours, intl), createElement(ExampleTag, { text: example }));
  if (name === 'supervisor' && key === undefined) {
    const { name: names, url } = d.accessibilitySupervisor;
    return html(createElement('a', { href: url }, localized(names, code)), createElement(ExampleTag, { text: example }));
  }
  if (name === 'section' && key === 'whoReads') {
    return html(createElement(WhoReads, { t, intl, phone: d.phone, officeHours: formatOfficeHours(d.officeHours, intl), example, heading: true }));
  }
  throw new Error(`unknown placeholder {{${name}${key ? `:${key}` : ''}}}`);
}

/** The target of a `{{url:KEY}}` link. */
export function factUrl(key: string, d: Deployment = deployment): string {
  if (key === 'notification') return d.childWelfareNotification.url;
  throw new Error(`unknown placeholder {{url:${key}}}`);
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** A page's rendered HTML with every placeholder filled for language `code`. */
export function fillFactPlaceholders(html: string, code: LocaleCode, d: Deployment = deployment): string {
  const example = d.example ? renderToStaticMarkup(createElement(ExampleTag, { text: translator(code)('deployment.example') })) : '';
  return html
    .replace(/<p>\s*\{\{section:(\w+)\}\}\s*<\/p>/g, (_, key: string) => renderFact('section', key, code, d))
    .replace(/(<a href=")(?:\{\{|%7B%7B)url:(\w+)(?:\}\}|%7D%7D)("[^>]*>[\s\S]*?<\/a>)/g, (_, open: string, key: string, rest: string) => `${open}${escapeAttribute(factUrl(key, d))}${rest}${example}`)
    .replace(/\{\{\s*([a-z]+)(?::(\w+))?\s*\}\}/g, (_, name: string, key: string | undefined) => renderFact(name, key, code, d));
}
