import * as z from 'zod/mini';
import raw from '../../config/deployment.json' with { type: 'json' };

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
});

/** Deployment facts, checked once when first imported. */
export type Deployment = z.infer<typeof deploymentSchema>;

/** The checked deployment facts. */
export const deployment: Deployment = deploymentSchema.parse(raw);
