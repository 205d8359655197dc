import { concernForm } from '../../src/shared/forms/concern.schema.ts';
import { contactForm } from '../../src/shared/forms/contact.schema.ts';
import { caseSections } from '../../src/shared/forms/definition.ts';
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

const forms = { contact: contactForm, concern: concernForm } as const;

/**
 * Splits the sealed personal data of a case into sections, as each field's
 * definition says; a field the definition does not know (from an older form)
 * lands in `answers`, never lost. The plain columns that belong to
 * contacting (contact language, interpreter) join the preferences.
 * `doNotContact` is true when a young person chose to call Anchor themselves
 * (`i-will-call`): the team must not reach out.
 */
export function presentAnswers(row: Pick<CaseRow, 'kind' | 'contactLanguage' | 'interpreterNeeded'>, personal: unknown): PresentedAnswers {
  const data = personal && typeof personal === 'object' && !Array.isArray(personal) ? (personal as Record<string, unknown>) : {};
  const sections = caseSections(forms[row.kind as keyof typeof forms] ?? { kind: row.kind, fields: [] }, data);
  if (row.kind === 'concern') {
    const contactPreferences = { ...sections.contactPreferences, contactLanguage: row.contactLanguage };
    return { contactPreferences, contactDetails: sections.contactDetails, child: sections.child, answers: sections.answers };
  }
  const contactPreferences = {
    doNotContact: sections.contactPreferences.contactMethod === 'i-will-call',
    ...sections.contactPreferences,
    contactLanguage: row.contactLanguage,
    interpreterNeeded: row.interpreterNeeded,
  };
  return { contactPreferences, contactDetails: sections.contactDetails, answers: { ...sections.child, ...sections.answers } };
}
