import { formErrors } from './fields.ts';
import { typedSchemaOf, type AnswersOf, type FormDefinition, type InputOf } from './definition.ts';
import { ageBands, categories, contactLanguages, contactMethods, limits, phoneContactMethods, writers } from './options.ts';

/**
 * The contact form: a young person, a parent or guardian, or another adult
 * asks Anchor to get in touch. One entry per question, in page order; the
 * schema, the minimisation, the sealed payload, check-your-answers and the
 * staff view all derive from it. Field names are the server's and the
 * database's names too.
 */
export const contactForm = {
  kind: 'contact',
  fields: [
    { name: 'writer', kind: 'choice', options: writers, labelKey: 'form.contact.writer.label', column: true },
    { name: 'firstName', kind: 'text', max: limits.firstName, labelKey: 'form.contact.firstName.label', section: 'contactDetails' },
    { name: 'ageBand', kind: 'choice', options: ageBands, labelKey: 'form.contact.ageBand.label', column: true },
    { name: 'categories', kind: 'choices', options: categories, optionList: 'category', required: true, labelKey: 'form.categories.label', column: true },
    { name: 'description', kind: 'textarea', max: limits.description, required: true, labelKey: 'form.contact.description.label' },
    { name: 'contactMethod', kind: 'choice', options: contactMethods, labelKey: 'form.contact.contactMethod.label', section: 'contactPreferences' },
    // Asked only for a call or a text message: an email-only writer is never asked for a number.
    { name: 'phone', kind: 'phone', required: true, shownWhen: { field: 'contactMethod', in: phoneContactMethods }, labelKey: 'form.contact.phone.label', section: 'contactDetails' },
    { name: 'email', kind: 'email', required: true, shownWhen: { field: 'contactMethod', in: ['email'] }, labelKey: 'form.contact.email.label', section: 'contactDetails' },
    { name: 'safeTimes', kind: 'text', max: limits.safeTimes, shownWhen: { field: 'contactMethod', in: phoneContactMethods }, labelKey: 'form.contact.safeTimes.label', section: 'contactPreferences' },
    { name: 'noVoicemail', kind: 'flag', shownWhen: { field: 'contactMethod', in: ['phone'] }, labelKey: 'form.contact.noVoicemail.label', section: 'contactPreferences' },
    { name: 'noParentsFirst', kind: 'flag', shownWhen: { field: 'writer', in: ['self'] }, labelKey: 'form.contact.noParentsFirst.label', section: 'contactPreferences' },
    { name: 'contactLanguage', kind: 'choice', options: contactLanguages, labelKey: 'form.contact.contactLanguage.label', column: true },
    { name: 'contactLanguageOther', kind: 'text', max: limits.contactLanguageOther, required: true, shownWhen: { field: 'contactLanguage', in: ['other'] }, labelKey: 'form.contact.contactLanguageOther.label', section: 'contactPreferences' },
    { name: 'interpreterNeeded', kind: 'flag', labelKey: 'form.contact.interpreterNeeded.label', column: true },
    { name: 'privacyAcknowledged', kind: 'acknowledgement', labelKey: 'form.privacy.label' },
  ],
  rules: [
    // "Do not contact my parents first" is a young person's own request; a
    // parent or another adult cannot make it for them. Said as an error, not
    // dropped silently, because an adult sending it means something is off.
    (data, report) => {
      const adult = (writers as readonly unknown[]).includes(data.writer) && data.writer !== 'self';
      if (data.noParentsFirst === true && adult) report('noParentsFirst', formErrors.noParentsFirst);
    },
  ],
} as const satisfies FormDefinition;

/** The contact form's schema, derived from its definition. */
export const contactSchema = typedSchemaOf(contactForm);

/** The contact form's fields as sent (booleans may be left out: they default to false). */
export type ContactInput = InputOf<typeof contactForm>;

/** The contact form's fields after validation (trimmed, booleans filled in). */
export type Contact = AnswersOf<typeof contactForm>;
