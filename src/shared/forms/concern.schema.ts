import * as z from 'zod/mini';
import { formErrors } from './fields.ts';
import { typedSchemaOf, type AnswersOf, type FormDefinition, type InputOf } from './definition.ts';
import {
  ageBands,
  concernCategories,
  guardiansKnowOptions,
  limits,
  notificationMadeOptions,
  urgencies,
  type AgeBand,
} from './options.ts';

/** The earliest date of birth the concern form accepts. */
export const earliestDateOfBirth = '1990-01-01';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written yyyy-mm-dd (so not 2024-02-30). */
export function isIsoDate(value: string): boolean {
  const match = isoDate.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The calendar date in Helsinki at `instant`, as yyyy-mm-dd: a child born today after midnight Helsinki time is not "in the future". */
export function helsinkiDate(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone: 'Europe/Helsinki',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

// One message per problem: the range rules only judge a real date. ISO dates
// compare correctly as strings. (No `abort`: an explicit abort would also
// stop the object's cross-field rule.)
const dateOfBirth = z.optional(
  z.string(formErrors.date).check(
    z.trim(),
    z.refine((v) => v === '' || isIsoDate(v), formErrors.date),
    z.refine((v) => !isIsoDate(v) || v >= earliestDateOfBirth, formErrors.dateTooEarly),
    z.refine((v) => !isIsoDate(v) || v <= helsinkiDate(new Date()), formErrors.dateFuture),
  ),
);

const childAge = z.optional(
  z.number(formErrors.childAgeRange).check(
    z.int(formErrors.childAgeRange),
    z.gte(0, formErrors.childAgeRange),
    z.lte(25, formErrors.childAgeRange),
  ),
);

/**
 * The concern form: a school or another professional tells Anchor about a
 * child. It does not replace the child welfare notification that the Child
 * Welfare Act (417/2007, section 25) requires; the form says so and asks
 * whether one was made. Either the child's date of birth or age is needed.
 * One entry per question, in page order; everything else derives from it.
 */
export const concernForm = {
  kind: 'concern',
  fields: [
    { name: 'organisation', kind: 'text', max: limits.name, required: true, labelKey: 'form.concern.organisation.label', section: 'contactDetails', headingKey: 'form.concern.section.you', hintKey: 'form.concern.organisation.hint' },
    { name: 'role', kind: 'text', max: limits.name, required: true, labelKey: 'form.concern.role.label', section: 'contactDetails', hintKey: 'form.concern.role.hint' },
    { name: 'name', kind: 'text', max: limits.name, required: true, labelKey: 'form.concern.name.label', section: 'contactDetails' },
    { name: 'workPhone', kind: 'phone', required: true, labelKey: 'form.concern.workPhone.label', section: 'contactDetails', hintKey: 'form.concern.workPhone.hint', width: 'medium' },
    { name: 'workEmail', kind: 'email', required: true, labelKey: 'form.concern.workEmail.label', section: 'contactDetails', noSpellCheck: true },
    { name: 'childName', kind: 'text', max: limits.name, required: true, labelKey: 'form.concern.childName.label', section: 'child', headingKey: 'form.concern.section.child' },
    { name: 'childDateOfBirth', kind: 'custom', schema: dateOfBirth, labelKey: 'form.concern.childDateOfBirth.label', section: 'child', hintKey: 'form.concern.childDateOfBirth.hint' },
    { name: 'childAge', kind: 'custom', schema: childAge, labelKey: 'form.concern.childAge.label', section: 'child', hintKey: 'form.concern.childAge.hint', width: 'short' },
    { name: 'school', kind: 'text', max: limits.school, labelKey: 'form.concern.school.label', section: 'child' },
    { name: 'schoolClass', kind: 'text', max: limits.school, labelKey: 'form.concern.schoolClass.label', section: 'child', width: 'medium' },
    { name: 'categories', kind: 'choices', options: concernCategories, optionList: 'category', required: true, labelKey: 'form.categories.label', column: true, headingKey: 'form.concern.section.concern', hintKey: 'form.categories.hint', hintedOptions: ['recruitment'] },
    { name: 'urgency', kind: 'choice', options: urgencies, labelKey: 'form.concern.urgency.label', column: true, hintKey: 'form.concern.urgency.hint', hintedOptions: urgencies },
    { name: 'guardiansKnow', kind: 'choice', options: guardiansKnowOptions, labelKey: 'form.concern.guardiansKnow.label', section: 'contactPreferences' },
    { name: 'notificationMade', kind: 'choice', options: notificationMadeOptions, labelKey: 'form.concern.notificationMade.label', hintKey: 'form.concern.notificationMade.hint' },
    { name: 'description', kind: 'textarea', max: limits.description, required: true, labelKey: 'form.concern.description.label', hintKey: 'form.concern.description.hint' },
  ],
  rules: [
    // The issue goes on the age field: the error summary links there and the
    // message says either answer will do.
    (data, report) => {
      const dob = typeof data.childDateOfBirth === 'string' ? data.childDateOfBirth.trim() : '';
      if (dob === '' && data.childAge === undefined) report('childAge', formErrors.childAge);
    },
  ],
} as const satisfies FormDefinition;

/** The concern form's schema, derived from its definition. */
export const concernSchema = typedSchemaOf(concernForm);

/** The concern form's fields as sent. */
export type ConcernInput = InputOf<typeof concernForm>;

/** The concern form's fields after validation (trimmed). */
export type Concern = AnswersOf<typeof concernForm>;

/** Whole years between a date of birth and a date, both yyyy-mm-dd. */
function yearsBetween(born: string, on: string): number {
  const [by, bm, bd] = born.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = on.split('-').map(Number) as [number, number, number];
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}

/**
 * The child's age band for routing and the plain `age_band` column: from the
 * date of birth (on `today`'s Helsinki date) when given, else from the age.
 * Undefined when neither is usable.
 */
export function ageBandFromConcern(
  data: Pick<Concern, 'childDateOfBirth' | 'childAge'>,
  today: Date,
): AgeBand | undefined {
  let age: number | undefined;
  const dob = data.childDateOfBirth?.trim();
  if (dob && isIsoDate(dob)) age = yearsBetween(dob, helsinkiDate(today));
  else if (typeof data.childAge === 'number' && Number.isFinite(data.childAge)) age = data.childAge;
  if (age === undefined || age < 0) return undefined;
  if (age < 12) return ageBands[0];
  if (age < 15) return ageBands[1];
  if (age < 18) return ageBands[2];
  return ageBands[3];
}
