import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const uiDir = fileURLToPath(new URL('../../i18n/ui/', import.meta.url));

/**
 * Every language's UI strings, read from src/i18n/ui/ as files: src/shared may
 * not import the app's i18n modules, and these tests check against exactly
 * what ships.
 */
export function readUiStrings(): Record<string, Record<string, string>> {
  return Object.fromEntries(
    readdirSync(uiDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(uiDir, f), 'utf8')) as Record<string, string>]),
  );
}

/** A safeParse result's issues as `path: message` lines, for readable assertions. */
export function issuesOf(result: { success: boolean; error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } }): string[] {
  return (result.error?.issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
}
