// The contact form's inputs and how they become the request body's fields.
import { contactForm } from '../../shared/forms/contact.schema.ts';
import { dropHidden, emptyValuesOf, type RawValuesOf } from '../../shared/forms/definition.ts';

/** The contact form's raw values: what the inputs hold before `prepare` (from the definition), and the honeypot. */
export type ContactValues = RawValuesOf<typeof contactForm> & { website: string };

/**
 * The body's fields from the inputs. A follow-up the reader cannot see (the
 * phone number after choosing email, "no parents first" for an adult) is
 * dropped, not sent: data minimisation by the definition's rule, which the
 * server applies again before sealing.
 */
export function prepareContact(v: ContactValues): Record<string, unknown> {
  const answers = Object.fromEntries(Object.entries(v).map(([name, value]) => [name, value ?? undefined]));
  return dropHidden(contactForm, answers);
}

/** An empty contact form: no radio chosen, nothing ticked. */
export const contactDefaults: ContactValues = { ...emptyValuesOf(contactForm), website: '' };
