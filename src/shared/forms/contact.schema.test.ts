import { describe, expect, it } from 'vitest';
import { contactSchema, type ContactInput } from './contact.schema.ts';
import { formErrors } from './fields.ts';
import { issuesOf, readUiStrings } from '../../../tests/support/ui-strings.ts';

const valid: ContactInput = {
  writer: 'self',
  firstName: 'Aino',
  ageBand: '15-17',
  categories: ['recruitment', 'running-away'],
  urgency: 'normal',
  description: 'Someone keeps asking me to carry things for them.',
  contactMethod: 'sms',
  phone: '+358 (0)40-123 4567',
  email: '',
  safeTimes: 'After school, not at weekends',
  noVoicemail: true,
  noParentsFirst: true,
  contactLanguage: 'fi',
  contactLanguageOther: '',
  interpreterNeeded: false,
};

const parse = (patch: Partial<Record<keyof ContactInput, unknown>>) => contactSchema.safeParse({ ...valid, ...patch });

describe('contactSchema', () => {
  it('accepts a complete answer and trims text', () => {
    const result = parse({ description: '  hello  ' });
    expect(issuesOf(result)).toEqual([]);
    expect(result.data?.description).toBe('hello');
  });

  it('accepts the minimum: optional fields left out, booleans defaulting to false', () => {
    const result = contactSchema.safeParse({
      writer: 'parent',
      ageBand: 'under-12',
      categories: ['other'],
      description: 'x',
      urgency: 'normal',
      contactMethod: 'i-will-call',
      contactLanguage: 'en',
        });
    expect(issuesOf(result)).toEqual([]);
    expect(result.data).toMatchObject({ noVoicemail: false, noParentsFirst: false, interpreterNeeded: false });
  });

  it('accepts email contact with an address and no phone', () => {
    expect(issuesOf(parse({ contactMethod: 'email', phone: undefined, email: ' aino@example.com ' }))).toEqual([]);
  });

  it.each([
    ['writer', { writer: 'teacher' }, formErrors.choose],
    ['writer', { writer: undefined }, formErrors.choose],
    ['ageBand', { ageBand: '10' }, formErrors.choose],
    ['categories', { categories: [] }, formErrors.categories],
    ['categories', { categories: undefined }, formErrors.categories],
    ['categories.0', { categories: ['school-absence'] }, formErrors.categories],
    ['description', { description: '   ' }, formErrors.required],
    ['description', { description: undefined }, formErrors.required],
    ['description', { description: 'a'.repeat(4001) }, formErrors.tooLong],
    ['firstName', { firstName: 'a'.repeat(101) }, formErrors.tooLong],
    ['safeTimes', { safeTimes: 'a'.repeat(201) }, formErrors.tooLong],
    ['contactMethod', { contactMethod: 'post' }, formErrors.choose],
    ['phone', { contactMethod: 'phone', phone: '' }, formErrors.required],
    ['phone', { contactMethod: 'sms', phone: undefined }, formErrors.required],
    ['phone', { phone: '12345' }, formErrors.phone],
    ['phone', { phone: 'call 0401234567' }, formErrors.phone],
    ['phone', { phone: '1'.repeat(21) }, formErrors.phone],
    ['phone', { phone: '------' }, formErrors.phone],
    ['email', { contactMethod: 'email', email: ' ' }, formErrors.required],
    ['email', { contactMethod: 'email', email: 'aino@' }, formErrors.email],
    ['email', { contactMethod: 'phone', email: 'not an address' }, formErrors.email],
    ['noParentsFirst', { writer: 'parent', noParentsFirst: true }, formErrors.noParentsFirst],
    ['noParentsFirst', { writer: 'other-adult', noParentsFirst: true }, formErrors.noParentsFirst],
    ['contactLanguage', { contactLanguage: 'de' }, formErrors.choose],
    ['contactLanguageOther', { contactLanguage: 'other', contactLanguageOther: ' ' }, formErrors.required],
    ['contactLanguageOther', { contactLanguage: 'other', contactLanguageOther: 'a'.repeat(61) }, formErrors.tooLong],
    ['noVoicemail', { noVoicemail: 'yes' }, formErrors.invalid],
  ])('fails on %s with its key (%j)', (path, patch, message) => {
    expect(issuesOf(parse(patch))).toEqual([`${path}: ${message}`]);
  });

  it('accepts exactly 4000 characters of description', () => {
    expect(issuesOf(parse({ description: 'a'.repeat(4000) }))).toEqual([]);
  });

  it('reports cross-field problems together with field problems in one pass', () => {
    const result = parse({ description: '', contactMethod: 'phone', phone: '', writer: 'parent', noParentsFirst: true });
    expect(issuesOf(result).sort()).toEqual(
      [`description: ${formErrors.required}`, `phone: ${formErrors.required}`, `noParentsFirst: ${formErrors.noParentsFirst}`].sort(),
    );
  });

  it('reports every problem of an empty object on its own field, each message a key in every language', () => {
    const result = contactSchema.safeParse({});
    const issues = result.error?.issues ?? [];
    expect(issues.map((i) => i.path.join('.')).sort()).toEqual(
      ['ageBand', 'categories', 'contactLanguage', 'contactMethod', 'description', 'urgency', 'writer'].sort(),
    );
    const ui = readUiStrings();
    for (const issue of issues) {
      for (const [code, strings] of Object.entries(ui)) expect(strings[issue.message], `${code}: ${issue.message}`).toBeTruthy();
    }
  });

  it('rejects a body that is not an object', () => {
    expect(contactSchema.safeParse(null).success).toBe(false);
    expect(contactSchema.safeParse([]).success).toBe(false);
  });
});
