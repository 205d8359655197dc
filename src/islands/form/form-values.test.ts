import { describe, expect, it } from 'vitest';
import { concernSchema } from '../../shared/forms/concern.schema.ts';
import { contactSchema } from '../../shared/forms/contact.schema.ts';
import { formErrors } from '../../shared/forms/fields.ts';
import { concernDefaults, prepareConcern } from './concern-values.ts';
import { contactDefaults, prepareContact } from './contact-values.ts';

describe('prepareContact', () => {
  it('keeps the phone follow-ups only for a call or a text, the voicemail wish only for a call', () => {
    const base = { ...contactDefaults, phone: '040 123 4567', safeTimes: 'iltaisin', noVoicemail: true };
    expect(prepareContact({ ...base, contactMethod: 'phone' })).toMatchObject({ phone: '040 123 4567', safeTimes: 'iltaisin', noVoicemail: true });
    expect(prepareContact({ ...base, contactMethod: 'sms' })).toMatchObject({ phone: '040 123 4567', noVoicemail: false });
    const calling = prepareContact({ ...base, contactMethod: 'i-will-call', email: 'a@example.fi' });
    for (const hidden of ['phone', 'safeTimes', 'email']) expect(calling).not.toHaveProperty(hidden);
  });

  it('sends "no parents first" only for a young person, the other language only when chosen', () => {
    expect(prepareContact({ ...contactDefaults, writer: 'self', noParentsFirst: true }).noParentsFirst).toBe(true);
    expect(prepareContact({ ...contactDefaults, writer: 'other-adult', noParentsFirst: true }).noParentsFirst).toBe(false);
    expect(prepareContact({ ...contactDefaults, contactLanguage: 'fi', contactLanguageOther: 'somali' }).contactLanguageOther).toBeUndefined();
    expect(prepareContact({ ...contactDefaults, contactLanguage: 'other', contactLanguageOther: 'somali' }).contactLanguageOther).toBe('somali');
  });

  it('never sends the honeypot as a field', () => {
    expect(prepareContact({ ...contactDefaults, website: 'spam' })).not.toHaveProperty('website');
    expect(contactSchema.safeParse(prepareContact(contactDefaults)).success).toBe(false);
  });
});

describe('prepareConcern', () => {
  const filled = {
    ...concernDefaults,
    organisation: 'Koulu',
    role: 'Kuraattori',
    name: 'Maria',
    workPhone: '09 310 12345',
    workEmail: 'maria@example.fi',
    childName: 'Lapsi',
    categories: ['school-absence'],
    urgency: 'normal',
    guardiansKnow: 'yes',
    notificationMade: 'yes',
    description: 'Poissaoloja.',
  };

  it('joins the date boxes and turns the age into a number', () => {
    expect(prepareConcern({ ...filled, dobDay: '7', dobMonth: '3', dobYear: '2012' })).toMatchObject({ childDateOfBirth: '2012-03-07', childAge: undefined });
    expect(prepareConcern({ ...filled, childAge: ' 13 ' })).toMatchObject({ childDateOfBirth: undefined, childAge: 13 });
    expect(concernSchema.safeParse(prepareConcern({ ...filled, childAge: '13' })).success).toBe(true);
  });

  it('lets the schema name a bad age or date', () => {
    const age = concernSchema.safeParse(prepareConcern({ ...filled, childAge: 'kolmetoista' }));
    expect(age.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['childAge', formErrors.childAgeRange]]);
    const date = concernSchema.safeParse(prepareConcern({ ...filled, dobDay: '31', dobMonth: '2', dobYear: '2012' }));
    expect(date.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['childDateOfBirth', formErrors.date]]);
    const neither = concernSchema.safeParse(prepareConcern(filled));
    expect(neither.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['childAge', formErrors.childAge]]);
  });
});
