import { localeCodes } from '../../i18n/locales.ts';

/**
 * The choices both public forms offer, shared by the browser islands, the
 * server's validation and routing, and the database's plain columns. The
 * values are stable identifiers (they are stored and routed on); their labels
 * live in the UI strings as `form.option.<list>.<value>`.
 */

/** Why someone contacts Anchor: the topics both forms offer. */
export const categories = [
  'crime',
  'violence',
  'substances',
  // Pressure or recruitment into crime by others (Anchor's particular worry for under-15s).
  'recruitment',
  // Running away or not coming home.
  'running-away',
  'violence-at-home',
  'other',
] as const;

/** A topic of the contact form. */
export type Category = (typeof categories)[number];

/** The concern form's topics: a school or professional may also report absence from school. */
export const concernCategories = [
  'crime',
  'violence',
  'substances',
  'recruitment',
  'running-away',
  'violence-at-home',
  'school-absence',
  'other',
] as const satisfies readonly (Category | 'school-absence')[];

/** A topic of the concern form. */
export type ConcernCategory = (typeof concernCategories)[number];

/** Age bands: the database keeps only the band, never a birth date, in plain columns. */
export const ageBands = ['under-12', '12-14', '15-17', '18-plus'] as const;

/** An age band. */
export type AgeBand = (typeof ageBands)[number];

/**
 * The contact form's age question: the bands, or "I don't know" (a friend or
 * a relative may not know). `unknown` is stored as no band, so routing falls
 * back as for any request without an age.
 */
export const contactAgeBands = [...ageBands, 'unknown'] as const;

/** An answer to the contact form's age question. */
export type ContactAgeBand = (typeof contactAgeBands)[number];

/**
 * Who fills in the contact form: a young person about themselves, a young
 * person about a friend, a parent or guardian, or another adult (a relative,
 * say). A message about a friend holds data about someone else (GDPR Art. 14,
 * which the privacy notice covers).
 */
export const writers = ['self', 'friend', 'parent', 'other-adult'] as const;

/** Who fills in the contact form. */
export type Writer = (typeof writers)[number];

/** How the writer wants to be reached; `i-will-call` means the team does not contact them at all. */
export const contactMethods = ['phone', 'sms', 'email', 'i-will-call'] as const;

/** How the writer wants to be reached. */
export type ContactMethod = (typeof contactMethods)[number];

/** Contact methods that need a phone number. */
export const phoneContactMethods: readonly ContactMethod[] = ['phone', 'sms'];

/**
 * Languages a writer can ask to be contacted in: the site's languages (the
 * page's own first on the form) and `other`, which names another language.
 * Asking is not a promise: the team uses an interpreter where it can.
 */
export const contactLanguages = [...localeCodes, 'other'] as const;

/** A contact language. */
export type ContactLanguage = (typeof contactLanguages)[number];

/** How soon a professional needs a contact: `urgent` within one working day, `normal` within seven. */
export const urgencies = ['urgent', 'normal'] as const;

/** A concern's urgency. */
export type Urgency = (typeof urgencies)[number];

/** Whether the child's guardians know about the concern. */
export const guardiansKnowOptions = ['yes', 'no', 'unknown'] as const;

/** Whether the child's guardians know about the concern. */
export type GuardiansKnow = (typeof guardiansKnowOptions)[number];

/** Whether a child welfare notification (Child Welfare Act 417/2007 s.25) has been made. */
export const notificationMadeOptions = ['yes', 'no'] as const;

/** Whether a child welfare notification has been made. */
export type NotificationMade = (typeof notificationMadeOptions)[number];

/** Length limits of the free-text fields, shared by the schemas and the islands' character count. */
export const limits = {
  description: 4000,
  name: 200,
  firstName: 100,
  safeTimes: 200,
  contactLanguageOther: 60,
  school: 100,
  email: 254,
  phoneMin: 6,
  phoneMax: 20,
  honeypot: 200,
} as const;
