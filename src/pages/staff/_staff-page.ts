import { getLocale, locales, type LocaleCode } from '../../i18n/locales.ts';
import { pickStrings } from '../../i18n/t.ts';
import type { StaffIslandProps } from '../../islands/staff/StaffFrame.tsx';

/** The staff app's languages: its strings exist in Finnish, Swedish and English only. */
export const staffCodes = ['fi', 'sv', 'en'] as const satisfies readonly LocaleCode[];

/** The static paths of a staff page: one per staff language. */
export const staffPaths = () => staffCodes.map((lang) => ({ params: { lang } }));

/**
 * What a staff page passes to its island: only this language's staff
 * strings, the shared form error messages and the age bands' labels,
 * which the case view reuses.
 */
export function staffIslandProps(code: LocaleCode): StaffIslandProps {
  return {
    strings: pickStrings(code, ['staff.', 'form.error.', 'form.option.ageBand.']),
    code,
    lang: getLocale(code).intl,
    languages: staffCodes.map((c) => ({ code: c, lang: getLocale(c).lang, label: getLocale(c).label })),
    localeNames: Object.fromEntries(locales.map((l) => [l.code, l.label])),
  };
}
