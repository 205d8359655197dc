import * as z from 'zod/mini';
import { limits } from './options.ts';

/**
 * Every message a form schema can produce. Messages are UI string keys, never
 * sentences: the island and the server translate them into the reader's
 * language from src/i18n/ui/<code>.json.
 */
export const formErrors = {
  required: 'form.error.required',
  choose: 'form.error.choose',
  email: 'form.error.email',
  phone: 'form.error.phone',
  tooLong: 'form.error.tooLong',
  categories: 'form.error.categories',
  childAge: 'form.error.childAge',
  childAgeRange: 'form.error.childAgeRange',
  date: 'form.error.date',
  dateFuture: 'form.error.dateFuture',
  dateTooEarly: 'form.error.dateTooEarly',
  noParentsFirst: 'form.error.noParentsFirst',
  invalid: 'form.error.invalid',
} as const;

/** A message key a form schema can produce. */
export type FormErrorKey = (typeof formErrors)[keyof typeof formErrors];

/**
 * A lenient phone number: digits, spaces, plus, hyphens and brackets, 6 to 20
 * characters, at least six of them digits. People write numbers in many ways
 * ("040 123 4567", "+358 (0)40-1234567"); the team calls, it does not parse.
 */
export const phonePattern = /^(?=(?:\D*\d){6})[\d +\-()]{6,20}$/;

/** True for a phone number `phonePattern` accepts. */
export function isPhone(value: string): boolean {
  return phonePattern.test(value);
}

// `z.email()` rather than `z.regexes.email`: reaching into the regexes
// namespace would ship every one of zod's patterns to the browser.
const emailFormat = z.email();

/** True for an address zod's email format accepts. */
export function isEmail(value: string): boolean {
  return value.length <= limits.email && emailFormat.safeParse(value).success;
}

/** A required free-text answer: trimmed, not empty, at most `max` characters. */
export function requiredText(max: number) {
  return z.string(formErrors.required).check(
    z.trim(),
    z.minLength(1, formErrors.required),
    z.maxLength(max, formErrors.tooLong),
  );
}

/** An optional free-text answer: trimmed, at most `max` characters; an empty string means no answer. */
export function optionalText(max: number) {
  return z.optional(z.string(formErrors.invalid).check(z.trim(), z.maxLength(max, formErrors.tooLong)));
}

/** One required choice among `values` (a radio group). */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, formErrors.choose);
}

/** A required phone number. Empty gives only "required", not also "invalid phone". */
export function requiredPhone() {
  return z.string(formErrors.required).check(
    z.trim(),
    z.minLength(1, formErrors.required),
    z.refine((v) => v === '' || isPhone(v), formErrors.phone),
  );
}

/** A required email address. Empty gives only "required", not also "invalid email". */
export function requiredEmail() {
  return z.string(formErrors.required).check(
    z.trim(),
    z.minLength(1, formErrors.required),
    z.refine((v) => v === '' || isEmail(v), formErrors.email),
  );
}

/** A yes/no checkbox; absent means not ticked. */
export function flag() {
  return z._default(z.boolean(formErrors.invalid), false);
}

/** The text of an optional field after trimming, or '' when it is absent or not text. */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * Whether cross-field rules can run on a payload: only when it is an object.
 * Cross-field rules run even when other fields already failed (zod would skip
 * them by default), so that one submit shows every problem at once
 * (GOV.UK error summary); the rules therefore read the raw values defensively.
 */
export function isObjectPayload(payload: { value: unknown }): boolean {
  return typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value);
}
