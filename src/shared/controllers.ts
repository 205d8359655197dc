import * as z from 'zod/mini';
import { getLocale, type LocaleCode } from '../i18n/locales.ts';

/**
 * The controllers of the personal data sent through the portal, and the
 * authorities that supervise them: facts only the deployer (and the
 * controllers' data protection officers) can confirm, so they live in
 * config/deployment.json and reach the privacy notice through components,
 * never typed into a page.
 */

const text = z.string().check(z.trim(), z.minLength(2));

/** The languages with the full privacy notice and accessibility statement, in which the deployer writes its texts. */
export const noticeLanguages = ['fi', 'sv', 'en'] as const;

/** A text the deployer writes in each language that has a full privacy notice and accessibility statement. */
export const localizedText = z.object({ fi: text, sv: text, en: text } satisfies Record<(typeof noticeLanguages)[number], typeof text>);

/** A text in fi, sv and en. */
export type LocalizedText = z.infer<typeof localizedText>;

/** A text of the deployer's in the page's language: fi, sv or en; plain Finnish reads the Finnish one, other languages the English one. */
export function localized(text: LocalizedText, code: LocaleCode): string {
  if (code === 'fi' || code === 'sv' || code === 'en') return text[code satisfies (typeof noticeLanguages)[number]];
  return getLocale(code).lang === 'fi' ? text.fi : text.en;
}

/**
 * The legal frame a controller processes under, which decides what the
 * notice says about its basis and about the reader's rights:
 * - `gdpr`: the GDPR with the Act on Client Data in Social and Health Care
 *   (703/2023), as the City's social work, youth work and psychiatric nursing;
 * - `criminal-matters`: the Act on the Processing of Personal Data in
 *   Criminal Matters (1054/2018) and the Police Data Act (616/2019), as the police.
 */
export const lawFrames = ['gdpr', 'criminal-matters'] as const;

/** A controller's legal frame. */
export type LawFrame = (typeof lawFrames)[number];

/** One controller: who it is, its part in the processing, how to reach it and its data protection officer. */
export const controllerSchema = z.object({
  /** A stable key (`city`, `police`): pages and the checklist refer to it. */
  id: z.string().check(z.regex(/^[a-z][a-z-]*$/)),
  name: localizedText,
  /** Its part in the processing, in a sentence ("social work, youth work and psychiatric nursing in the Anchor team"). */
  role: localizedText,
  /** The law it processes under. */
  law: z.enum(lawFrames),
  /** The legal basis as its data protection officer states it, in plain words. */
  legalBasis: localizedText,
  /** Where people reach the controller (its registry office). */
  contact: z.object({ email: z.email(), postalAddress: text, url: z.nullable(z.url()) }),
  dataProtectionOfficer: z.object({ email: z.email(), url: z.nullable(z.url()) }),
});

/** One controller of the portal's personal data. */
export type Controller = z.infer<typeof controllerSchema>;

/**
 * Whether the controllers are joint controllers (GDPR Art. 26). When they
 * are, the essence of their arrangement is published (Art. 26(2)).
 */
export const controllerArrangementSchema = z
  .object({ joint: z.boolean(), essence: z.nullable(localizedText) })
  .check(
    z.refine((a) => a.joint === (a.essence !== null), {
      message: 'essence: give the essence of the joint controllers\u2019 arrangement when joint is true, and null when it is false',
    }),
  );

/** A supervisory authority: its name in fi, sv and en and its web address. */
export const supervisorSchema = z.object({ name: localizedText, url: z.url() });

/** A supervisory authority. */
export type Supervisor = z.infer<typeof supervisorSchema>;

/** How and when the site's accessibility was last assessed, as the deployer states it. */
export const accessibilityAssessmentSchema = z.object({
  /** The day the last assessment ended (yyyy-mm-dd). */
  date: z.iso.date(),
  /** The methods used: automated axe checks of every page, keyboard-only journeys, screen-reader spot checks. */
  methods: z.array(z.enum(['axe', 'keyboard', 'screen-reader'])).check(z.minLength(1)),
  /** Problems the assessment found that are not fixed yet, each in fi, sv and en; the statement lists them as known gaps. */
  findings: z.array(localizedText),
});
