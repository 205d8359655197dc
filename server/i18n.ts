import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultLocale, isLocaleCode, localeCodes, negotiateLocale, type LocaleCode } from '../src/i18n/locales.ts';

const uiDir = fileURLToPath(new URL('../src/i18n/ui/', import.meta.url));

// The same string files the site is built from: the server answers errors in the request's language.
const strings: Record<string, Record<string, string>> = Object.fromEntries(
  localeCodes.map((code) => [code, JSON.parse(readFileSync(`${uiDir}${code}.json`, 'utf8')) as Record<string, string>]),
);

/** A UI string in a language, falling back to Finnish and then to the key itself. */
export function translate(locale: LocaleCode, key: string): string {
  return strings[locale]?.[key] ?? strings[defaultLocale]?.[key] ?? key;
}

/** The language for a response: the form's own language when valid, else Accept-Language. */
export function responseLocale(formLocale: unknown, acceptLanguage: string | undefined): LocaleCode {
  return typeof formLocale === 'string' && isLocaleCode(formLocale) ? formLocale : negotiateLocale(acceptLanguage);
}
