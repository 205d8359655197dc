/**
 * UI keys whose value may be the same as in English in another language:
 * names, numbers and codes that are not translated.
 */
export const identicalToEnglishAllowed: ReadonlySet<string> = new Set<string>([]);
