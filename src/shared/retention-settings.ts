import * as z from 'zod/mini';

/**
 * The retention settings, read the same way by the server (server/env.ts) and
 * by the site build, which writes the periods into the privacy notice. One
 * definition, so the notice can never state a period the server does not keep.
 */
const days = (fallback: number) => z._default(z.coerce.number().check(z.int(), z.gte(1)), fallback);

/** The environment variables that set how long cases are kept, with their defaults. */
export const retentionVariables = {
  /** Spam is deleted this many days after it arrived. */
  RETENTION_SPAM_DAYS: days(30),
  /** A closed case, with its notes and contact details, this many days after closing. */
  RETENTION_CLOSED_DAYS: days(365),
};

const schema = z.object(retentionVariables);

/** The retention periods in days. */
export interface RetentionDays {
  readonly spamDays: number;
  readonly closedDays: number;
}

/** Reads the retention periods from an environment; throws when one is not a whole number of days of at least one. */
export function readRetentionDays(source: Readonly<Record<string, string | undefined>>): RetentionDays {
  const parsed = schema.safeParse({ RETENTION_SPAM_DAYS: source.RETENTION_SPAM_DAYS, RETENTION_CLOSED_DAYS: source.RETENTION_CLOSED_DAYS });
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
    throw new Error(`${names.join(', ')}: must be a whole number of days, at least 1`);
  }
  return { spamDays: parsed.data.RETENTION_SPAM_DAYS, closedDays: parsed.data.RETENTION_CLOSED_DAYS };
}

/** The file in the built site that records the settings the site was built with (not served). */
export const buildSettingsFile = 'build-settings.json';

/** What the build records in `buildSettingsFile`. */
export interface BuildSettings {
  readonly retention: RetentionDays;
}

/**
 * The differences between the settings a site was built with and a server's,
 * one sentence each; empty when they agree.
 */
export function buildSettingsMismatch(built: BuildSettings, running: RetentionDays): string[] {
  const out: string[] = [];
  if (built.retention.spamDays !== running.spamDays) {
    out.push(`RETENTION_SPAM_DAYS is ${running.spamDays} but the privacy notice was built saying ${built.retention.spamDays}`);
  }
  if (built.retention.closedDays !== running.closedDays) {
    out.push(`RETENTION_CLOSED_DAYS is ${running.closedDays} but the privacy notice was built saying ${built.retention.closedDays}`);
  }
  return out;
}
