// The concern form's inputs and how they become the request body's fields.
import { composeDate } from './dates.ts';

/** The concern form's raw values: the date of birth is three boxes, the age is text until sent. */
export interface ConcernValues {
  organisation: string;
  role: string;
  name: string;
  workPhone: string;
  workEmail: string;
  childName: string;
  dobDay: string;
  dobMonth: string;
  dobYear: string;
  childAge: string;
  school: string;
  schoolClass: string;
  categories: string[];
  urgency: string | null;
  guardiansKnow: string | null;
  notificationMade: string | null;
  description: string;
  website: string;
}

/** Digits become a number; anything else is passed on as typed, so the schema names the problem. */
function ageOf(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The body's fields from the inputs: the three date boxes become one ISO date, the age a number. */
export function prepareConcern(v: ConcernValues): Record<string, unknown> {
  return {
    organisation: v.organisation,
    role: v.role,
    name: v.name,
    workPhone: v.workPhone,
    workEmail: v.workEmail,
    childName: v.childName,
    childDateOfBirth: composeDate(v.dobDay, v.dobMonth, v.dobYear),
    childAge: ageOf(v.childAge),
    school: v.school,
    schoolClass: v.schoolClass,
    categories: v.categories,
    urgency: v.urgency ?? undefined,
    guardiansKnow: v.guardiansKnow ?? undefined,
    notificationMade: v.notificationMade ?? undefined,
    description: v.description,
  };
}

/** An empty concern form. */
export const concernDefaults: ConcernValues = {
  organisation: '',
  role: '',
  name: '',
  workPhone: '',
  workEmail: '',
  childName: '',
  dobDay: '',
  dobMonth: '',
  dobYear: '',
  childAge: '',
  school: '',
  schoolClass: '',
  categories: [],
  urgency: null,
  guardiansKnow: null,
  notificationMade: null,
  description: '',
  website: '',
};
