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
  privacyAcknowledged: boolean;
  website: string;
}

/** Whether a contact method needs a phone number (a call or a text message). */
export const usesPhone = (method: unknown): boolean => method === 'phone' || method === 'sms';

/**
 * The body's fields from the inputs. A follow-up the reader cannot see (the
 * phone number after choosing email, "no parents first" for an adult) is
 * dropped, not sent: data minimisation, and the schema's rule for them.
 */
export function prepareContact(v: ContactValues): Record<string, unknown> {
  const self = v.writer === 'self';
  return {
    writer: v.writer ?? undefined,
    firstName: v.firstName,
    ageBand: v.ageBand ?? undefined,
    categories: v.categories,
    description: v.description,
    contactMethod: v.contactMethod ?? undefined,
    phone: usesPhone(v.contactMethod) ? v.phone : undefined,
    email: v.contactMethod === 'email' ? v.email : undefined,
    safeTimes: usesPhone(v.contactMethod) ? v.safeTimes : undefined,
    noVoicemail: v.contactMethod === 'phone' ? v.noVoicemail : false,
    noParentsFirst: self ? v.noParentsFirst : false,
    contactLanguage: v.contactLanguage ?? undefined,
    contactLanguageOther: v.contactLanguage === 'other' ? v.contactLanguageOther : undefined,
    interpreterNeeded: v.interpreterNeeded,
    privacyAcknowledged: v.privacyAcknowledged,
  };
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
  privacyAcknowledged: false,
  website: '',
};
