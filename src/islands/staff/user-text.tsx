import type { ReactNode } from 'react';

/**
 * A value someone typed, inline, in a `<bdi>`: its direction is its own
 * (Arabic, Persian and Hebrew read right to left inside a left-to-right
 * page) and it does not move the text around it. Blocks of typed text take
 * `dir="auto"` instead, which isolates them the same way.
 */
export function UserText({ children, className }: { readonly children: ReactNode; readonly className?: string }) {
  return <bdi className={className}>{children}</bdi>;
}

/**
 * A translated sentence with typed values put in as `<bdi>` elements:
 * `withUserText(t('key', { time }), { email })` (the translator leaves the
 * `{{email}}` it was not given for this to fill).
 */
export function withUserText(sentence: string, values: Readonly<Record<string, string>>): ReactNode[] {
  return sentence.split(/(\{\{\s*[\w.]+\s*\}\})/).map((part, i) => {
    const name = /^\{\{\s*([\w.]+)\s*\}\}$/.exec(part)?.[1];
    return name !== undefined && name in values ? <bdi key={i}>{values[name]}</bdi> : part;
  });
}
