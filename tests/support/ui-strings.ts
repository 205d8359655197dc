import { uiStrings } from '../../src/i18n/t.ts';

/**
 * Every language's UI strings, as the site ships them. The schema tests in
 * src/shared use it: shared code may not import the app's i18n modules, but
 * its tests may check their message keys against every language.
 */
export function readUiStrings(): Record<string, Record<string, string>> {
  return uiStrings;
}

/** A safeParse result's issues as `path: message` lines, for readable assertions. */
export function issuesOf(result: { success: boolean; error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } }): string[] {
  return (result.error?.issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
}
