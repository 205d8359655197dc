import { contactForm } from '../../shared/forms/contact.schema.ts';
import { dropHidden } from '../../shared/forms/definition.ts';
// The contact form's inputs and how they become the request body's fields.

/** The contact form's raw values: what the inputs hold before `prepare`. */
export interface ContactValues {
  writer: string | null;
  firstName: string;
  ageBand: string | null;
  categories: string[];
  description: string;
  contactMethod: string | null;
  phone: string;
  email: string;
  safeTimes: string;
  noVoicemail: boolean;
  noParentsFirst: boolean;
  contactLanguage: string | null;
  contactLanguageOther: string;
  interpreterNeeded: boolean;
  website: string;
}

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
export const contactDefaults: ContactValues = {
  writer: null,
  firstName: '',
  ageBand: null,
  categories: [],
  description: '',
  contactMethod: null,
  phone: '',
  email: '',
  safeTimes: '',
  noVoicemail: false,
  noParentsFirst: false,
  contactLanguage: null,
  contactLanguageOther: '',
  interpreterNeeded: false,
  website: '',
};
