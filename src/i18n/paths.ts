import type { LocaleCode } from './locales.ts';

/** The site path of a page in a language: `/fi/` for home, `/fi/parents/` otherwise. */
export function pagePath(code: LocaleCode, key: string): string {
  return key === 'home' ? `/${code}/` : `/${code}/${key}/`;
}
