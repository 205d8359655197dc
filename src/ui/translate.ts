/** A translator over one language's `form.*` strings, e.g. `t(key, { phone })`. */
export type Translate = (key: string, vars?: Readonly<Record<string, string | number>>) => string;

/**
 * A tiny translator for the islands: a flat lookup with `{{var}}`
 * interpolation. The browser loads no i18n library and only its own
 * language's strings (picked at build time). A missing key shows the key
 * itself, which the key-coverage test keeps from ever shipping.
 */
export function makeTranslate(strings: Readonly<Record<string, string>>): Translate {
  return (key, vars) => {
    const text = strings[key] ?? key;
    if (!vars) return text;
    return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) =>
      name in vars ? String(vars[name]) : whole,
    );
  };
}
