import * as z from 'zod/mini';
import {
  acknowledgement,
  choice,
  flag,
  formErrors,
  isEmail,
  isObjectPayload,
  isPhone,
  optionalText,
  requiredText,
  textOf,
} from './fields.ts';
import { ageBands, categories, contactLanguages, contactMethods, limits, phoneContactMethods, writers } from './options.ts';

/**
 * The contact form: a young person, a parent or guardian, or another adult
 * asks Anchor to get in touch. Field names are the server's and the
 * database's names too. Cross-field rules put their issue on the field the
 * reader has to fix, so the error summary links straight to it.
 */
export const contactSchema = z
  .object({
    writer: choice(writers),
    firstName: optionalText(limits.firstName),
    ageBand: choice(ageBands),
    categories: z.array(z.enum(categories, formErrors.categories), formErrors.categories).check(
      z.minLength(1, formErrors.categories),
      z.maxLength(categories.length, formErrors.categories),
    ),
    description: requiredText(limits.description),
    contactMethod: choice(contactMethods),
    // Required and checked below only for phone or text message: an email-only
    // writer is never asked for a number (data minimisation).
    phone: z.optional(z.string(formErrors.invalid).check(z.trim())),
    email: z.optional(z.string(formErrors.invalid).check(z.trim())),
    safeTimes: optionalText(limits.safeTimes),
    noVoicemail: flag(),
    noParentsFirst: flag(),
    contactLanguage: choice(contactLanguages),
    contactLanguageOther: optionalText(limits.contactLanguageOther),
    interpreterNeeded: flag(),
    privacyAcknowledged: acknowledgement(),
  })
  .check(
    z.superRefine(
      (raw, ctx) => {
        const data = raw as Record<string, unknown>;
        const phone = textOf(data.phone);
        const email = textOf(data.email);
        const method = data.contactMethod;
        if ((phoneContactMethods as readonly unknown[]).includes(method) && phone === '') {
          ctx.addIssue({ code: 'custom', message: formErrors.required, path: ['phone'], input: data.phone });
        } else if (phone !== '' && !isPhone(phone)) {
          ctx.addIssue({ code: 'custom', message: formErrors.phone, path: ['phone'], input: data.phone });
        }
        if (method === 'email' && email === '') {
          ctx.addIssue({ code: 'custom', message: formErrors.required, path: ['email'], input: data.email });
        } else if (email !== '' && !isEmail(email)) {
          ctx.addIssue({ code: 'custom', message: formErrors.email, path: ['email'], input: data.email });
        }
        if (data.contactLanguage === 'other' && textOf(data.contactLanguageOther) === '') {
          ctx.addIssue({
            code: 'custom',
            message: formErrors.required,
            path: ['contactLanguageOther'],
            input: data.contactLanguageOther,
          });
        }
        // "Do not contact my parents first" is a young person's own request;
        // a parent or another adult cannot make it for them. (An unknown
        // writer already has its own error.)
        const adult = (writers as readonly unknown[]).includes(data.writer) && data.writer !== 'self';
        if (data.noParentsFirst === true && adult) {
          ctx.addIssue({ code: 'custom', message: formErrors.noParentsFirst, path: ['noParentsFirst'], input: true });
        }
      },
      { when: isObjectPayload },
    ),
  );

/** The contact form's fields as sent (booleans may be left out: they default to false). */
export type ContactInput = z.input<typeof contactSchema>;

/** The contact form's fields after validation (trimmed, booleans filled in). */
export type Contact = z.output<typeof contactSchema>;
