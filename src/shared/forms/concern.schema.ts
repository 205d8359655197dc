import * as z from 'zod/mini';
import {
  acknowledgement,
  choice,
  formErrors,
  isObjectPayload,
  optionalText,
  requiredEmail,
  requiredPhone,
  requiredText,
} from './fields.ts';
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

/**
 * The concern form: a school or another professional tells Anchor about a
 * child. It does not replace the child welfare notification that the Child
 * Welfare Act (417/2007, section 25) requires; the form says so and asks
 * whether one was made. Either the child's date of birth or age is needed.
 */
export const concernSchema = z
  .object({
    organisation: requiredText(limits.name),
    role: requiredText(limits.name),
    name: requiredText(limits.name),
    workPhone: requiredPhone(),
    workEmail: requiredEmail(),
    childName: requiredText(limits.name),
    childDateOfBirth: dateOfBirth,
    childAge: z.optional(
      z.number(formErrors.childAgeRange).check(
        z.int(formErrors.childAgeRange),
        z.gte(0, formErrors.childAgeRange),
        z.lte(25, formErrors.childAgeRange),
      ),
    ),
    school: optionalText(limits.school),
    schoolClass: optionalText(limits.school),
    categories: z.array(z.enum(concernCategories, formErrors.categories), formErrors.categories).check(
      z.minLength(1, formErrors.categories),
      z.maxLength(concernCategories.length, formErrors.categories),
    ),
    urgency: choice(urgencies),
    guardiansKnow: choice(guardiansKnowOptions),
    notificationMade: choice(notificationMadeOptions),
    description: requiredText(limits.description),
    privacyAcknowledged: acknowledgement(),
  })
  .check(
    z.superRefine(
      (raw, ctx) => {
        const data = raw as Record<string, unknown>;
        const dob = typeof data.childDateOfBirth === 'string' ? data.childDateOfBirth.trim() : '';
        // The issue goes on the age field: the error summary links there and
        // the message says either answer will do.
        if (dob === '' && data.childAge === undefined) {
          ctx.addIssue({ code: 'custom', message: formErrors.childAge, path: ['childAge'], input: undefined });
        }
      },
      { when: isObjectPayload },
    ),
  );

/** The concern form's fields as sent. */
export type ConcernInput = z.input<typeof concernSchema>;

/** The concern form's fields after validation (trimmed). */
export type Concern = z.output<typeof concernSchema>;

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
