import { describe, expect, it } from 'vitest';
import { formErrors } from './fields.ts';
import { localeCodes } from '../../i18n/locales.ts';
import { buildSubmission, splitSubmission, submissionMetaSchema } from './submission.ts';
import { issuesOf, readUiStrings } from '../../../tests/support/ui-strings.ts';

describe('submissionMetaSchema', () => {
  const meta = { locale: 'sv', website: '', startedAt: 1_767_225_600_000, sentAt: 1_767_225_660_000 };

  it('accepts the metadata the island sends', () => {
    expect(issuesOf(submissionMetaSchema.safeParse(meta))).toEqual([]);
  });

  it('lets a filled honeypot through: the server, not the schema, treats it as spam', () => {
    expect(submissionMetaSchema.safeParse({ ...meta, website: 'https://spam.example' }).success).toBe(true);
  });

  it.each([
    ['locale', { locale: 'de' }, formErrors.invalid],
    ['website', { website: 'x'.repeat(201) }, formErrors.tooLong],
    ['website', { website: undefined }, formErrors.invalid],
    ['startedAt', { startedAt: '1767225600000' }, formErrors.invalid],
    ['startedAt', { startedAt: -1 }, formErrors.invalid],
    ['startedAt', { startedAt: 1.5 }, formErrors.invalid],
  ])('fails on %s (%j)', (path, patch, message) => {
    expect(issuesOf(submissionMetaSchema.safeParse({ ...meta, ...patch }))).toEqual([`${path}: ${message}`]);
  });
});

describe('splitSubmission and buildSubmission', () => {
  it('round-trips fields and metadata', () => {
    const meta = { locale: 'fi' as const, website: '', startedAt: 1, sentAt: 2 };
    const body = buildSubmission({ description: 'x', categories: ['crime'] }, meta);
    expect(body).toEqual({ description: 'x', categories: ['crime'], meta });
    expect(splitSubmission(JSON.parse(JSON.stringify(body)))).toEqual({ fields: { description: 'x', categories: ['crime'] }, meta });
  });

  it('gives empty fields and no metadata for a body that is not an object', () => {
    for (const body of [null, 'text', 3, [1, 2]]) expect(splitSubmission(body)).toEqual({ fields: {}, meta: undefined });
  });
});

describe('site languages', () => {
  it('are exactly the languages with UI strings', () => {
    expect(Object.keys(readUiStrings()).sort()).toEqual([...localeCodes].sort());
  });

  it('every form error key exists in every language', () => {
    const ui = readUiStrings();
    for (const key of Object.values(formErrors)) {
      for (const [code, strings] of Object.entries(ui)) expect(strings[key], `${code}: ${key}`).toBeTruthy();
    }
  });
});
