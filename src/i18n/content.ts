import { getCollection, type CollectionEntry } from 'astro:content';
import { isLocaleCode, localeCodes, type LocaleCode } from './locales.ts';

/** A content page with the language it is written in. */
export interface LocalizedPage {
  code: LocaleCode;
  entry: CollectionEntry<'pages'>;
  /** The languages this page's translationKey exists in. */
  available: LocaleCode[];
}

/** Every content page, each with the languages its translationKey exists in. */
export async function getLocalizedPages(): Promise<LocalizedPage[]> {
  const entries = await getCollection('pages');
  const codeOf = (entry: CollectionEntry<'pages'>): LocaleCode => {
    const code = entry.id.split('/')[0];
    if (!isLocaleCode(code)) throw new Error(`content/${entry.id}: no such language folder`);
    return code;
  };
  const byKey = new Map<string, LocaleCode[]>();
  for (const entry of entries) {
    const list = byKey.get(entry.data.translationKey) ?? [];
    list.push(codeOf(entry));
    byKey.set(entry.data.translationKey, list);
  }
  return entries.map((entry) => ({
    code: codeOf(entry),
    entry,
    available: localeCodes.filter((c) => byKey.get(entry.data.translationKey)?.includes(c)),
  }));
}
