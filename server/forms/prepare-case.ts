import { ageBandFromConcern, concernForm, type Concern } from '../../src/shared/forms/concern.schema.ts';
import { contactForm, type Contact } from '../../src/shared/forms/contact.schema.ts';
import { sealedAnswers } from '../../src/shared/forms/definition.ts';
import type { SubmissionMeta } from '../../src/shared/forms/submission.ts';
import { dueDate, type DueUrgency } from '../intake/due-date.ts';
import type { IntakePublicKey } from '../crypto/keys.ts';
import { proposeRoute } from '../intake/routing.ts';
import { sealPersonalData } from '../crypto/seal.ts';
import type { NewCase } from './store-case.ts';

/** A validated submission of either form. */
export type ValidSubmission = { kind: 'contact'; fields: Contact } | { kind: 'concern'; fields: Concern };

/** What deciding spam needs: the honeypot and the fill time. */
export interface SpamRules {
  minFillMs: number;
}

/** Why a submission is held as spam, for the spam review: the honeypot was filled, or it came too fast. */
export type SpamReason = 'honeypot' | 'fill-time';

/**
 * Why a submission is held as spam: a bot fills the hidden honeypot field or
 * sends faster than a person can read the form. It gets an ordinary 201, so
 * it learns nothing, and its case is stored as spam, out of the queue. Empty
 * for a person.
 */
export function spamReasons(meta: SubmissionMeta, rules: SpamRules): SpamReason[] {
  return [
    ...(meta.website.trim() !== '' ? (['honeypot'] as const) : []),
    ...(meta.sentAt - meta.startedAt < rules.minFillMs ? (['fill-time'] as const) : []),
  ];
}

/**
 * Splits a submission into the plain columns the queue and routing need and
 * the personal data, which is sealed to the intake public key with the
 * reference as additional data. Returns a builder, because a reference drawn
 * twice (vanishingly rare) means sealing again for the new one.
 */
export function prepareCase(
  submission: ValidSubmission,
  meta: SubmissionMeta,
  options: { key: IntakePublicKey; receivedAt: Date; cutoff: string; spam: boolean; targets?: Readonly<Record<DueUrgency, number>> },
): (reference: string) => NewCase {
  const { receivedAt } = options;
  let plain: Omit<NewCase, 'reference' | 'sealed' | 'proposedQueue' | 'priority' | 'dueAt' | 'status'>;
  let personal: Record<string, unknown>;
  // Data minimisation by the definition's rule, the browser's too: a follow-up
  // the person could not see (a phone number after choosing email) is never
  // stored, whatever a hand-made request carries.
  if (submission.kind === 'contact') {
    const fields = submission.fields;
    plain = {
      kind: 'contact',
      locale: meta.locale,
      writer: fields.writer,
      categories: [...fields.categories],
      // "I don't know" is stored as no band: routing falls back as for any request without an age.
      ageBand: fields.ageBand === 'unknown' ? null : fields.ageBand,
      urgency: fields.urgency,
      interpreterNeeded: fields.interpreterNeeded,
      contactLanguage: fields.contactLanguage,
    };
    personal = sealedAnswers(contactForm, fields);
  } else {
    const fields = submission.fields;
    plain = {
      kind: 'concern',
      locale: meta.locale,
      writer: 'professional',
      categories: [...fields.categories],
      ageBand: ageBandFromConcern(fields, receivedAt) ?? null,
      urgency: fields.urgency,
      interpreterNeeded: false,
      contactLanguage: meta.locale,
    };
    personal = sealedAnswers(concernForm, fields);
  }
  const route = proposeRoute({
    kind: plain.kind,
    writer: plain.writer,
    categories: plain.categories,
    urgency: plain.urgency,
    ageBand: plain.ageBand ?? undefined,
  } as Parameters<typeof proposeRoute>[0]);
  // A contact request that routing ranks urgent is due as soon as a concern marked urgent.
  const urgency = plain.urgency === 'urgent' || route.priority === 1 ? 'urgent' : 'normal';
  const due = dueDate(receivedAt, urgency, { cutoff: options.cutoff, workingDays: options.targets });
  return (reference) => ({
    ...plain,
    reference,
    urgency,
    status: options.spam ? 'spam' : 'new',
    proposedQueue: route.queue,
    priority: route.priority,
    dueAt: due,
    sealed: sealPersonalData(personal, reference, options.key),
  });
}
