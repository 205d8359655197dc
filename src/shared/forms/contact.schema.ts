import { formErrors } from './fields.ts';
import { typedSchemaOf, type AnswersOf, type FormDefinition, type InputOf } from './definition.ts';
import { contactAgeBands, categories, contactLanguages, contactMethods, limits, phoneContactMethods, urgencies, writers } from './options.ts';

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
    { name: 'writer', kind: 'choice', options: writers, labelKey: 'form.contact.writer.label', column: true, headingKey: 'form.contact.section.about' },
    { name: 'firstName', kind: 'text', max: limits.firstName, labelKey: 'form.contact.firstName.label', section: 'contactDetails', hintKey: 'form.contact.firstName.hint', width: 'medium', noSpellCheck: true },
    { name: 'ageBand', kind: 'choice', options: contactAgeBands, optionList: 'ageBand', labelKey: 'form.contact.ageBand.label', column: true, hintKey: 'form.contact.ageBand.hint' },
    { name: 'categories', kind: 'choices', options: categories, optionList: 'category', required: true, labelKey: 'form.categories.label', column: true, headingKey: 'form.contact.section.what', hintKey: 'form.categories.hint', hintedOptions: ['recruitment'] },
    { name: 'description', kind: 'textarea', max: limits.description, required: true, labelKey: 'form.contact.description.label', hintKey: 'form.contact.description.hint' },
    // Fed to routing and the internal target like the concern form's urgency; the form promises no time.
    { name: 'urgency', kind: 'choice', options: urgencies, optionList: 'urgency', hintedOptions: urgencies, labelKey: 'form.contact.urgency.label', hintKey: 'form.contact.urgency.hint', column: true },
    { name: 'contactMethod', kind: 'choice', options: contactMethods, labelKey: 'form.contact.contactMethod.label', section: 'contactPreferences', headingKey: 'form.contact.section.contact', hintedOptions: ['i-will-call'] },
    // Asked only for a call or a text message: an email-only writer is never asked for a number.
    { name: 'phone', kind: 'phone', required: true, shownWhen: { field: 'contactMethod', in: phoneContactMethods }, labelKey: 'form.contact.phone.label', section: 'contactDetails', hintKey: 'form.contact.phone.hint', width: 'medium' },
    { name: 'email', kind: 'email', required: true, shownWhen: { field: 'contactMethod', in: ['email'] }, labelKey: 'form.contact.email.label', section: 'contactDetails', hintKey: 'form.contact.email.hint', noSpellCheck: true },
    { name: 'safeTimes', kind: 'text', max: limits.safeTimes, shownWhen: { field: 'contactMethod', in: phoneContactMethods }, labelKey: 'form.contact.safeTimes.label', section: 'contactPreferences', hintKey: 'form.contact.safeTimes.hint' },
    { name: 'noVoicemail', kind: 'flag', shownWhen: { field: 'contactMethod', in: ['phone'] }, labelKey: 'form.contact.noVoicemail.label', section: 'contactPreferences' },
    { name: 'noParentsFirst', kind: 'flag', shownWhen: { field: 'writer', in: ['self'] }, labelKey: 'form.contact.noParentsFirst.label', section: 'contactPreferences', hintKey: 'form.contact.noParentsFirst.hint' },
    { name: 'contactLanguage', kind: 'choice', options: contactLanguages, labelKey: 'form.contact.contactLanguage.label', column: true, pageLanguageFirst: true },
    { name: 'contactLanguageOther', kind: 'text', max: limits.contactLanguageOther, required: true, shownWhen: { field: 'contactLanguage', in: ['other'] }, labelKey: 'form.contact.contactLanguageOther.label', section: 'contactPreferences', width: 'medium' },
    { name: 'interpreterNeeded', kind: 'flag', labelKey: 'form.contact.interpreterNeeded.label', column: true, hintKey: 'form.contact.interpreterNeeded.hint' },
  ],
  rules: [
    // "Do not contact my parents first" is a young person's own request about
    // themselves; a parent, another adult, or a friend writing for someone
    // else cannot make it for them. Said as an error, not dropped silently,
    // because someone else sending it means something is off.
    (data, report) => {
      const someoneElse = (writers as readonly unknown[]).includes(data.writer) && data.writer !== 'self';
      if (data.noParentsFirst === true && someoneElse) report('noParentsFirst', formErrors.noParentsFirst);
    },
  ],
} as const satisfies FormDefinition;

/** The contact form's schema, derived from its definition. */
export const contactSchema = typedSchemaOf(contactForm);

/** The contact form's fields as sent (booleans may be left out: they default to false). */
export type ContactInput = InputOf<typeof contactForm>;

/** The contact form's fields after validation (trimmed, booleans filled in). */
export type Contact = AnswersOf<typeof contactForm>;
