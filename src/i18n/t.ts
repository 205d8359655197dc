import i18next, { type TFunction } from 'i18next';
import { localeCodes, type LocaleCode } from './locales.ts';

/**
 * Every language's flat UI strings, keyed by dotted key: `ui/<code>.json` for
 * each language of the registry, so a new language needs no line here.
 */
export const uiStrings = Object.fromEntries(
  await Promise.all(
    localeCodes.map(async (code) => [code, (await import(`./ui/${code}.json`, { with: { type: 'json' } })).default as Record<string, string>] as const),
  ),
) as Record<LocaleCode, Record<string, string>>;

const instance = i18next.createInstance();
await instance.init({
  resources: Object.fromEntries(localeCodes.map((code) => [code, { translation: uiStrings[code] }])),
  lng: 'fi',
  fallbackLng: false,
  // Keys are flat and dotted ("form.contact.age.label"), not nested objects.
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/** A translator bound to one language; a missing key throws so it can never ship. */
export function useTranslations(code: LocaleCode): (key: string, values?: Record<string, unknown>) => string {
  const fixed: TFunction = instance.getFixedT(code);
  return (key, values) => {
    if (!(key in uiStrings[code])) throw new Error(`missing UI string ${code}:${key}`);
    return fixed(key, values ?? {}) as string;
  };
}

/** The strings of one language whose keys start with one of `prefixes`, for an island's props. */
export function pickStrings(code: LocaleCode, prefixes: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(uiStrings[code]).filter(([key]) => prefixes.some((p) => key.startsWith(p))),
  );
}
