import type { ResolverOptions } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { contactSchema } from '../shared/forms/contact.schema.ts';
import { formErrors } from '../shared/forms/fields.ts';
import { contactDefaults, prepareContact, type ContactValues } from '../islands/form/contact-values.ts';
import { zodMiniResolver } from './zod-mini-resolver.ts';

const options = { fields: {}, shouldUseNativeValidation: false } as ResolverOptions<ContactValues>;
const resolve = (values: ContactValues) => zodMiniResolver(contactSchema, prepareContact)(values, undefined, options);

const filled: ContactValues = {
  ...contactDefaults,
  writer: 'parent',
  ageBand: '12-14',
  categories: ['running-away'],
  description: '  Ei tullut kotiin.  ',
  urgency: 'normal',
  contactMethod: 'email',
  email: 'vanhempi@example.com',
  phone: 'left over from before',
  safeTimes: 'left over',
  noParentsFirst: true,
  contactLanguage: 'sv',
};

describe('zodMiniResolver', () => {
  it('validates the prepared body and yields it parsed', async () => {
    const result = await resolve(filled);
    expect(result.errors).toEqual({});
    expect(result.values).toMatchObject({ description: 'Ei tullut kotiin.', email: 'vanhempi@example.com', noParentsFirst: false });
    // Answers the reader could not see are not sent (JSON drops undefined).
    const sent = JSON.parse(JSON.stringify(result.values)) as Record<string, unknown>;
    expect(sent).not.toHaveProperty('phone');
    expect(sent).not.toHaveProperty('safeTimes');
  });

  it('gives one error per field, keyed by the path’s first segment, messages as keys', async () => {
    const result = await resolve({ ...contactDefaults, categories: ['nonsense'], contactMethod: 'sms' });
    expect(result.values).toEqual({});
    expect(result.errors).toMatchObject({
      writer: { message: formErrors.choose },
      categories: { message: formErrors.categories },
      description: { message: formErrors.required },
      phone: { message: formErrors.required },
    });
    expect(Object.keys(result.errors)).not.toContain('categories.0');
  });
});
