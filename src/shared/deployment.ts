import * as z from 'zod/mini';
import raw from '../../config/deployment.json' with { type: 'json' };
import { accessibilityAssessmentSchema, controllerArrangementSchema, controllerSchema, localizedText, supervisorSchema } from './controllers.ts';

const time = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));
/** A phone number as written for people: digits in groups, an optional leading +. */
const phoneNumber = z.string().check(z.regex(/^\+?\d+(?:[ -]\d+)*$/, 'digits in groups separated by spaces or dashes'));
const hours = z.object({
  weekdays: z.array(z.number().check(z.int(), z.gte(1), z.lte(7))).check(z.minLength(1)),
  opens: time,
  closes: time,
});
const helpline = z.object({
  /** The line's own name (not translated). */
  name: z.string().check(z.minLength(2)),
  number: phoneNumber,
  /** "always": day and night, every day; weekly hours; or null while not confirmed (then no hours are shown). */
  hours: z.nullable(z.union([z.literal('always'), hours])),
});
/** Working days the team has agreed to contact a sender within, or null while nobody has agreed to a time. */
const commitment = z.nullable(z.number().check(z.int(), z.gte(0), z.lte(60)));

/** The shape of `config/deployment.json`: facts only the deployer knows. */
export const deploymentSchema = z.object({
  example: z.boolean(),
  phone: phoneNumber,
  email: z.string().check(z.email()),
  address: z.object({ street: z.string(), postalCode: z.string(), city: z.string() }),
  officeHours: hours,
  quickExitUrl: z.url(),
  accessibilityFeedbackEmail: z.string().check(z.email()),
  helplines: z.object({
    childrenAndYoungPeople: helpline,
    violenceInCloseRelationships: helpline,
    socialAndCrisisEmergency: helpline,
  }),
  /** Where professionals make a child welfare notification in the deployer's municipality. */
  childWelfareNotification: z.object({ url: z.url(), phone: phoneNumber, phoneHours: hours }),
  /** The authority supervising the Act on the Provision of Digital Services; the name in the languages with an accessibility statement. */
  accessibilitySupervisor: z.object({
    name: localizedText,
    url: z.url(),
  }),
  /** The controllers of the portal's personal data, in the order the privacy notice lists them. */
  controllers: z.array(controllerSchema).check(
    z.minLength(1),
    z.refine((list) => new Set(list.map((c) => c.id)).size === list.length, 'every controller needs its own id'),
  ),
  controllerArrangement: controllerArrangementSchema,
  /** The supervisory authority for data protection (the Data Protection Ombudsman). */
  dataProtectionSupervisor: supervisorSchema,
  /** The privacy notice says no data leaves the EU/EEA; a deployer who transfers data must first add that to the notice. */
  transfersOutsideEea: z.literal(false),
  serviceCommitments: z.object({ urgent: commitment, normal: commitment }),
  accessibilityAssessment: accessibilityAssessmentSchema,
});

/** Deployment facts, checked once when first imported. */
export type Deployment = z.infer<typeof deploymentSchema>;

/** A helpline's key in the configuration. */
export type HelplineKey = keyof Deployment['helplines'];

/** The keys of the configured helplines, in the order pages list them. */
export const helplineKeys: readonly HelplineKey[] = ['childrenAndYoungPeople', 'violenceInCloseRelationships', 'socialAndCrisisEmergency'];

/** Every phone number the configuration holds: pages may reach them only through components. */
export function configuredNumbers(d: Deployment): string[] {
  return [d.phone, ...helplineKeys.map((k) => d.helplines[k].number), d.childWelfareNotification.phone];
}

/** The checked deployment facts. */
export const deployment: Deployment = deploymentSchema.parse(raw);
