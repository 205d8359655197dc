import type { CaseRow } from './case-access.ts';

/**
 * A case's decrypted answers, arranged for the person reading them. The
 * safe-contact preferences come first, before any contact detail, so that
 * nobody phones a young person who asked for text messages only, leaves a
 * voicemail a parent could hear, or calls the parents first against the
 * young person's wish. The key order of the returned object is that order.
 */
export interface PresentedAnswers {
  /** How (and whether) to get in touch safely. */
  contactPreferences: Record<string, unknown>;
  /** Who to contact: name, phone, email (the sender's, for a concern). */
  contactDetails: Record<string, unknown>;
  /** The child a professional's concern is about (concern form only). */
  child?: Record<string, unknown>;
  /** Everything else the person wrote, in their own words and language. */
  answers: Record<string, unknown>;
}

// Fields of each form by section; anything not listed (a future field) lands in `answers`, never lost.
const sections = {
  contact: {
    contactPreferences: ['contactMethod', 'safeTimes', 'noVoicemail', 'noParentsFirst', 'contactLanguageOther'],
    contactDetails: ['firstName', 'phone', 'email'],
  },
  concern: {
    contactPreferences: ['guardiansKnow'],
    contactDetails: ['name', 'role', 'organisation', 'workPhone', 'workEmail'],
    child: ['childName', 'childDateOfBirth', 'childAge', 'school', 'schoolClass'],
  },
} as const;

function pick(from: Record<string, unknown>, keys: readonly string[], taken: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    taken.add(key);
    if (from[key] !== undefined) out[key] = from[key];
  }
  return out;
}

/**
 * Splits the sealed personal data of a case into sections. The plain
 * columns that belong to contacting (contact language, interpreter) join the
 * preferences. `doNotContact` is true when a young person chose to call
 * Anchor themselves (`i-will-call`): the team must not reach out.
 */
export function presentAnswers(row: Pick<CaseRow, 'kind' | 'contactLanguage' | 'interpreterNeeded'>, personal: unknown): PresentedAnswers {
  const data = personal && typeof personal === 'object' && !Array.isArray(personal) ? (personal as Record<string, unknown>) : {};
  const taken = new Set<string>();
  if (row.kind === 'concern') {
    const s = sections.concern;
    const contactPreferences = { ...pick(data, s.contactPreferences, taken), contactLanguage: row.contactLanguage };
    const contactDetails = pick(data, s.contactDetails, taken);
    const child = pick(data, s.child, taken);
    return { contactPreferences, contactDetails, child, answers: rest(data, taken) };
  }
  const s = sections.contact;
  const preferences = pick(data, s.contactPreferences, taken);
  const contactPreferences = {
    doNotContact: preferences.contactMethod === 'i-will-call',
    ...preferences,
    contactLanguage: row.contactLanguage,
    interpreterNeeded: row.interpreterNeeded,
  };
  const contactDetails = pick(data, s.contactDetails, taken);
  return { contactPreferences, contactDetails, answers: rest(data, taken) };
}

function rest(data: Record<string, unknown>, taken: Set<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !taken.has(key)));
}
