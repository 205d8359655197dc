import { getLocale, type LocaleCode } from './locales.ts';
import { allPages, corePages } from './page-keys.ts';

/** The site path of a page in a language: `/fi/` for home, `/fi/parents/` otherwise. */
export function pagePath(code: LocaleCode, key: string): string {
  return key === 'home' ? `/${code}/` : `/${code}/${key}/`;
}

/**
 * The language a page is read in from `code`'s pages: its own when the page
 * exists there; otherwise Finnish for plain Finnish and English for the
 * others (a language with only the core pages says so on its home page).
 */
export function pageLanguage(code: LocaleCode, key: string): LocaleCode {
  const locale = getLocale(code);
  if (locale.coverage === 'full' || (corePages as readonly string[]).includes(key) || !(allPages as readonly string[]).includes(key)) return code;
  return locale.lang === 'fi' ? 'fi' : 'en';
}

/** A link to a page from `code`'s pages: its own language's version, or the one it is read in. */
export function pageHref(code: LocaleCode, key: string): string {
  return pagePath(pageLanguage(code, key), key);
}
