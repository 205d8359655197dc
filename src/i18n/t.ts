import i18next, { type TFunction } from 'i18next';
import { localeCodes, type LocaleCode } from './locales.ts';
import fi from './ui/fi.json' with { type: 'json' };
import sv from './ui/sv.json' with { type: 'json' };
import en from './ui/en.json' with { type: 'json' };
import selko from './ui/selko.json' with { type: 'json' };
import ru from './ui/ru.json' with { type: 'json' };
import et from './ui/et.json' with { type: 'json' };
import so from './ui/so.json' with { type: 'json' };
import ar from './ui/ar.json' with { type: 'json' };
import uk from './ui/uk.json' with { type: 'json' };
import fa from './ui/fa.json' with { type: 'json' };

/** Every language's flat UI strings, keyed by dotted key. */
export const uiStrings: Record<LocaleCode, Record<string, string>> = { fi, sv, en, selko, ru, et, so, ar, uk, fa };

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
