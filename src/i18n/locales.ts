/**
 * The one registry of site languages. Every route, the language chooser,
 * hreflang alternates, the sitemap, the UI strings, the forms' language
 * field, the statistics and the i18n check read it from here: a language is
 * added by one entry below, its strings file `ui/<code>.json` and its
 * content folder `content/<code>/`. src/shared imports this module, so it
 * stays pure data and imports nothing.
 *
 * `code` is both the path prefix and the key of the UI strings file;
 * `lang` is the BCP 47 tag written into `<html lang>` (plain Finnish is
 * `fi` with its own path, as selkokieli is Finnish); `label` names the
 * language in that language (Helsinki Design System: never flags).
 * `intl` is the Intl locale for dates and numbers (`sv-FI` writes 8.00, not 8:00);
 * `coverage: 'full'` means every page exists; `'core'` languages carry the
 * core pages and point to fi/sv/en for the rest.
 */
export interface Locale {
  readonly code: string;
  readonly lang: string;
  readonly label: string;
  readonly dir: 'ltr' | 'rtl';
  readonly coverage: 'full' | 'core';
  /** The locale for Intl formatting of dates, times and numbers (Finland's conventions where they differ). */
  readonly intl: string;
}

export const locales = [
  { code: 'fi', lang: 'fi', label: 'Suomi', dir: 'ltr', coverage: 'full', intl: 'fi-FI' },
  { code: 'sv', lang: 'sv', label: 'Svenska', dir: 'ltr', coverage: 'full', intl: 'sv-FI' },
  { code: 'en', lang: 'en', label: 'English', dir: 'ltr', coverage: 'full', intl: 'en-GB' },
  { code: 'selko', lang: 'fi', label: 'Selkosuomi', dir: 'ltr', coverage: 'core', intl: 'fi-FI' },
  { code: 'ru', lang: 'ru', label: 'Русский', dir: 'ltr', coverage: 'core', intl: 'ru-RU' },
  { code: 'et', lang: 'et', label: 'Eesti', dir: 'ltr', coverage: 'core', intl: 'et-EE' },
  { code: 'so', lang: 'so', label: 'Soomaali', dir: 'ltr', coverage: 'core', intl: 'so-SO' },
  // Western digits, as the texts write them; Persian dates in the Gregorian calendar used in Finland.
  { code: 'ar', lang: 'ar', label: 'العربية', dir: 'rtl', coverage: 'core', intl: 'ar-u-nu-latn' },
  { code: 'uk', lang: 'uk', label: 'Українська', dir: 'ltr', coverage: 'core', intl: 'uk-UA' },
  { code: 'fa', lang: 'fa', label: 'فارسی', dir: 'rtl', coverage: 'core', intl: 'fa-u-ca-gregory-nu-latn' },
] as const satisfies readonly Locale[];

/** A language code the site is published in. */
export type LocaleCode = (typeof locales)[number]['code'];

/** Finnish is the default language (Helsinki Design System). */
export const defaultLocale: LocaleCode = 'fi';

/**
 * The codes of every site language, in chooser order: a non-empty tuple, so
 * schemas can take it as an enum (src/shared validates a submission's language with it).
 */
export const localeCodes = locales.map((l) => l.code) as readonly LocaleCode[] as readonly [LocaleCode, ...LocaleCode[]];

/** True when `code` names a site language. */
export function isLocaleCode(code: string | undefined): code is LocaleCode {
  return code !== undefined && (localeCodes as readonly string[]).includes(code);
}

/** The registry entry for a language code. */
export function getLocale(code: LocaleCode): Locale {
  const found = locales.find((l) => l.code === code);
  if (!found) throw new Error(`unknown locale ${code}`);
  return found;
}

/**
 * Picks the site language for an Accept-Language header, by quality and
 * then order; Finnish when nothing matches. Only `/` uses it: after that
 * the language never changes by itself.
 */
export function negotiateLocale(header: string | null | undefined): LocaleCode {
  if (!header) return defaultLocale;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.tag && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    // Only languages with the whole site; plain Finnish is chosen by the reader, not guessed.
    const match = locales.find((l) => l.coverage === 'full' && l.lang === primary);
    if (match) return match.code;
  }
  return defaultLocale;
}

/**
 * The hreflang of a language: its `lang`, or a private-use tag when two site
 * languages share one (plain Finnish is `fi-x-selko` beside `fi`).
 */
export function hreflangOf(locale: Locale): string {
  return locale.code === locale.lang ? locale.lang : `${locale.lang}-x-${locale.code}`;
}
