import * as z from 'zod/mini';
import raw from '../../config/deployment.json' with { type: 'json' };
import { accessibilityAssessmentSchema, controllerArrangementSchema, controllerSchema, supervisorSchema } from './controllers.ts';

const time = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));

/** The shape of `config/deployment.json`: facts only the deployer knows. */
export const deploymentSchema = z.object({
  example: z.boolean(),
  phone: z.string().check(z.minLength(3)),
  email: z.string().check(z.email()),
  address: z.object({ street: z.string(), postalCode: z.string(), city: z.string() }),
  officeHours: z.object({
    weekdays: z.array(z.number().check(z.int(), z.gte(1), z.lte(7))),
    opens: time,
    closes: time,
  }),
  quickExitUrl: z.url(),
  accessibilityFeedbackEmail: z.string().check(z.email()),
  helplines: z.object({
    childrenAndYoungPeople: z.object({ number: z.string() }),
    violenceInCloseRelationships: z.object({ number: z.string() }),
    socialAndCrisisEmergency: z.object({ number: z.string() }),
  }),
  /** The authority supervising the Act on the Provision of Digital Services; the name in the languages with an accessibility statement. */
  accessibilitySupervisor: z.object({
    name: z.object({ fi: z.string().check(z.minLength(2)), sv: z.string().check(z.minLength(2)), en: z.string().check(z.minLength(2)) }),
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
  accessibilityAssessment: accessibilityAssessmentSchema,
});

/** Deployment facts, checked once when first imported. */
export type Deployment = z.infer<typeof deploymentSchema>;

/** The checked deployment facts. */
export const deployment: Deployment = deploymentSchema.parse(raw);
