import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { useForm } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, parseKeyring } from '../../server/crypto/keys.ts';
import { openSealed, sealPersonalData } from '../../server/crypto/seal.ts';
import { DefinedFields } from '../../src/islands/form/DefinedFields.tsx';
import { answerLines, caseSections, dropHidden, emptyValuesOf, sealedAnswers, typedSchemaOf, type FormDefinition } from '../../src/shared/forms/definition.ts';
import { formErrors } from '../../src/shared/forms/fields.ts';

// A form no code knows: adding a question must need nothing but its entry.
const fixtureForm = {
  kind: 'fixture',
  fields: [
    { name: 'heardFrom', kind: 'choice', options: ['school', 'friend', 'other'], labelKey: 'fx.heardFrom', headingKey: 'fx.heading' },
    { name: 'heardFromOther', kind: 'text', max: 50, required: true, shownWhen: { field: 'heardFrom', in: ['other'] }, labelKey: 'fx.heardFromOther' },
    { name: 'area', kind: 'choice', options: ['north', 'south'], labelKey: 'fx.area', column: true },
    { name: 'contactBack', kind: 'flag', labelKey: 'fx.contactBack', section: 'contactPreferences' },
    { name: 'email', kind: 'email', required: true, shownWhen: { field: 'contactBack', in: [true] }, labelKey: 'fx.email', section: 'contactDetails' },
    { name: 'comment', kind: 'textarea', max: 100, required: true, labelKey: 'fx.comment' },
    { name: 'mood', kind: 'choice', options: ['good', 'bad'], required: false, labelKey: 'fx.mood' },
  ],
} as const satisfies FormDefinition;

const schema = typedSchemaOf(fixtureForm);
const valid = { heardFrom: 'other', heardFromOther: 'A poster', area: 'north', contactBack: true, email: 'a@example.fi', comment: 'Clear.' } as const;
const issues = (value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).sort();
};

function render(values: Record<string, unknown>): string {
  function Harness() {
    const { register, control } = useForm({ defaultValues: values });
    const api = { register, control, t: (key: string) => key, error: (name: string) => (name === 'comment' ? 'fx.comment.error' : undefined), errorPrefix: 'Error:' };
    return createElement(DefinedFields, { form: fixtureForm, api: api as never, id: (name: string) => `fx-${name}` });
  }
  return renderToStaticMarkup(createElement(Harness));
}

describe('a form from a fixture definition alone', () => {
  it('validates: required choices and text, a follow-up required only while shown, formats and limits', () => {
    expect(issues(valid)).toEqual([]);
    expect(issues({})).toEqual([`area: ${formErrors.choose}`, `comment: ${formErrors.required}`, `heardFrom: ${formErrors.choose}`]);
    expect(issues({ ...valid, heardFromOther: ' ' })).toEqual([`heardFromOther: ${formErrors.required}`]);
    expect(issues({ ...valid, heardFrom: 'school', heardFromOther: undefined })).toEqual([]);
    expect(issues({ ...valid, email: '' })).toEqual([`email: ${formErrors.required}`]);
    expect(issues({ ...valid, contactBack: false, email: undefined })).toEqual([]);
    expect(issues({ ...valid, email: 'not an address' })).toEqual([`email: ${formErrors.email}`]);
    expect(issues({ ...valid, comment: 'x'.repeat(101) })).toEqual([`comment: ${formErrors.tooLong}`]);
    expect(issues({ ...valid, heardFrom: 'tv' })).toEqual([`heardFrom: ${formErrors.choose}`]);
    // An optional choice may be left out, but not answered with something it does not offer.
    expect(issues({ ...valid, mood: 'good' })).toEqual([]);
    expect(issues({ ...valid, mood: 'meh' })).toEqual([`mood: ${formErrors.choose}`]);
  });

  it('starts empty: no choice made, nothing ticked, no text', () => {
    expect(emptyValuesOf(fixtureForm)).toEqual({ heardFrom: null, heardFromOther: '', area: null, contactBack: false, email: '', comment: '', mood: null });
  });

  it('renders every question by its kind, a follow-up revealed under its choice only while it applies', () => {
    const html = render({ ...valid, contactBack: false });
    expect(html).toContain('<h2>fx.heading</h2>');
    for (const option of ['school', 'friend', 'other']) expect(html).toContain(`value="${option}"`);
    expect(html).toMatch(/class="form-conditional"><div[^>]*>.*id="fx-heardFromOther"/);
    expect(html).toContain('id="fx-contactBack"');
    expect(html).not.toContain('id="fx-email"');
    expect(html).toMatch(/<textarea[^>]*id="fx-comment"/);
    expect(html).toContain('fx.comment.error');
    const withEmail = render(valid);
    expect(withEmail).toMatch(/<input[^>]*id="fx-email"[^>]*type="email"|<input[^>]*type="email"[^>]*id="fx-email"/);
    expect(render({ ...valid, heardFrom: 'school' })).not.toContain('id="fx-heardFromOther"');
  });

  it('drops a hidden follow-up, seals the rest without the plain columns, and opens it into the staff sections', () => {
    const sent = { ...valid, heardFrom: 'school', contactBack: false };
    const parsed = schema.parse(sent);
    expect(dropHidden(fixtureForm, parsed)).not.toHaveProperty('heardFromOther');
    const personal = sealedAnswers(fixtureForm, parsed);
    expect(personal).toEqual({ heardFrom: 'school', contactBack: false, comment: 'Clear.' });
    const keyring = parseKeyring({ keys: [generateKeyPair()] }, 'fixture');
    const opened = openSealed(sealPersonalData(personal, 'FX123456', keyring.current), 'FX123456', keyring) as Record<string, unknown>;
    expect(opened).toEqual(personal);
    const withEmail = sealedAnswers(fixtureForm, schema.parse(valid));
    expect(caseSections(fixtureForm, withEmail)).toEqual({
      contactPreferences: { contactBack: true },
      contactDetails: { email: 'a@example.fi' },
      child: {},
      answers: { heardFrom: 'other', heardFromOther: 'A poster', comment: 'Clear.' },
    });
  });

  it('offers the page\'s language first in a language question', () => {
    const languageForm = { kind: 'fixture-language', fields: [{ name: 'language', kind: 'choice', options: ['fi', 'sv', 'ar', 'other'], labelKey: 'fx.language', pageLanguageFirst: true }] } as const satisfies FormDefinition;
    function Harness() {
      const { register, control } = useForm({ defaultValues: {} });
      const api = { register, control, t: (key: string) => key, error: () => undefined, errorPrefix: 'Error:' };
      return createElement(DefinedFields, { form: languageForm, api: api as never, id: (name: string) => `fx-${name}`, locale: 'ar' });
    }
    const values = [...renderToStaticMarkup(createElement(Harness)).matchAll(/value="([^"]+)"/g)].map((m) => m[1]);
    expect(values).toEqual(['ar', 'fi', 'sv', 'other']);
  });

  it('lists check-your-answers rows in page order, follow-ups only when asked', () => {
    expect(answerLines(fixtureForm, schema.parse({ ...valid, heardFrom: 'friend', contactBack: false }))).toEqual([
      { name: 'heardFrom', labelKey: 'fx.heardFrom', answer: { type: 'option', key: 'form.option.heardFrom.friend' } },
      { name: 'area', labelKey: 'fx.area', answer: { type: 'option', key: 'form.option.area.north' } },
      { name: 'contactBack', labelKey: 'fx.contactBack', answer: { type: 'yesNo', value: false } },
      { name: 'comment', labelKey: 'fx.comment', answer: { type: 'text', text: 'Clear.' } },
      { name: 'mood', labelKey: 'fx.mood', answer: { type: 'notGiven' } },
    ]);
  });
});
