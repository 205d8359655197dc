import * as z from 'zod/mini';
import { formErrors } from './fields.ts';
import { localeCodes } from '../../i18n/locales.ts';
import { limits } from './options.ts';

/** The forms the public can send, as named in `POST /api/forms/:kind`. */
export const formKinds = ['contact', 'concern'] as const;

/** A form's kind. */
export type FormKind = (typeof formKinds)[number];

/**
 * What a submission carries besides the answers: the page's language, the
 * honeypot and when the form was first shown. The honeypot (`website`) is let
 * through here on purpose: the server treats any text in it as spam and
 * answers as if it accepted the submission, so a bot learns nothing.
 */
export const submissionMetaSchema = z.object({
  locale: z.enum(localeCodes, formErrors.invalid),
  website: z.string(formErrors.invalid).check(z.maxLength(limits.honeypot, formErrors.tooLong)),
  /** Milliseconds since the epoch when the form was first shown (a bot fills a form faster than a person). */
  startedAt: z.number(formErrors.invalid).check(z.int(formErrors.invalid), z.gte(0, formErrors.invalid)),
  /**
   * Milliseconds since the epoch when Send was pressed, by the same clock as
   * `startedAt`: the fill time is their difference, so a phone whose clock is
   * off does not look like a bot.
   */
  sentAt: z.number(formErrors.invalid).check(z.int(formErrors.invalid), z.gte(0, formErrors.invalid)),
});

/** The submission's metadata as validated. */
export type SubmissionMeta = z.output<typeof submissionMetaSchema>;

/** A request body: the form's fields beside one `meta` object. */
export type SubmissionBody<Fields> = Fields & { meta: SubmissionMeta };

/** Builds a request body from a form's fields and its metadata. */
export function buildSubmission<Fields extends object>(fields: Fields, meta: SubmissionMeta): SubmissionBody<Fields> {
  return { ...fields, meta };
}

/**
 * Splits a request body `{ ...fields, meta }` into the fields (for the form's
 * schema) and the metadata (for `submissionMetaSchema`). Anything that is not
 * a plain object gives empty fields and no metadata, which both schemas reject.
 */
export function splitSubmission(body: unknown): { fields: Record<string, unknown>; meta: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { fields: {}, meta: undefined };
  const { meta, ...fields } = body as Record<string, unknown>;
  return { fields, meta };
}
