import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { uiStrings } from '../../i18n/t.ts';
import { formErrors } from '../../shared/forms/fields.ts';
import { concernForm } from '../../shared/forms/concern.schema.ts';
import { contactForm } from '../../shared/forms/contact.schema.ts';
import { stringKeysOf } from '../../shared/forms/definition.ts';
import { readerProfessions } from '../../shared/queues.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const sources = [
  ...['islands', 'islands/form', 'ui'].flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))
      .map((f) => join(root, dir, f)),
  ),
  join(root, 'pages/[lang]/[form].astro'),
  // The "who reads your message" step and the numbers on the confirmation.
  join(root, 'components/WhoReads.tsx'),
  // The server answers a refused submission with a message of its own.
  join(root, '../server/routes/forms.ts'),
];

/** Keys written out whole in the islands, the form pages and the forms route (a prefix such as 'form.concern.' is not a key). */
const literalKeys = new Set(
  sources
    .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/['"](form\.[\w.-]+)['"]/g)].map((m) => m[1] ?? ''))
    .filter((key) => !key.endsWith('.')),
);

/** Keys the form definitions name (questions, hints, headings, options), and keys the islands build from parts. */
const builtKeys = [
  ...stringKeysOf(contactForm),
  ...stringKeysOf(concernForm),
  ...['rate-limited', 'failed'].flatMap((p) => [`form.send.${p}.title`, `form.send.${p}.text`]),
  ...['contact', 'concern'].flatMap((kind) => [`form.${kind}.step.form`, `form.${kind}.intro`, `form.${kind}.pageTitle`, `form.${kind}.pageDescription`]),
  ...['danger', 'check', 'sent'].map((step) => `form.step.${step}`),
  ...readerProfessions().map((p) => `form.reads.profession.${p}`),
];

const schemaKeys = Object.values(formErrors);

describe('form UI strings', () => {
  it('finds the islands’ keys (the scan itself works)', () => {
    expect(literalKeys.size).toBeGreaterThan(60);
    expect(literalKeys).toContain('form.danger.continue');
  });

  it.each(Object.keys(uiStrings))('%s has every key the islands and schemas use', (code) => {
    const strings = uiStrings[code as keyof typeof uiStrings];
    const missing = [...literalKeys, ...builtKeys, ...schemaKeys].filter((key) => !strings[key]?.trim());
    expect(missing).toEqual([]);
  });

  it('has no form.* key that nothing uses', () => {
    const used = new Set<string>([...literalKeys, ...builtKeys, ...schemaKeys]);
    const unused = Object.keys(uiStrings.en).filter((key) => key.startsWith('form.') && !used.has(key));
    expect(unused).toEqual([]);
  });
});
