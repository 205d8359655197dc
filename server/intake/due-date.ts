import { addWorkingDays, isWorkingDay, nextWorkingDay, type CivilDate } from '../time/calendar.ts';
import { endOfHelsinkiDay, helsinkiDateTime } from '../time/helsinki-time.ts';

/**
 * When intake must have acted on a request: the internal target shown in the
 * staff queue and in the notification email, in Helsinki time and Finnish
 * working days. It is never shown to the sender: what the sender is told is
 * {@link promisedBy}, and only when the deployer has agreed to a commitment.
 *
 * The rule:
 * 1. The counting day D is the day of arrival if that is a working day and the
 *    request came before the daily cut-off (default 16:00 Helsinki time; at
 *    16:00:00 exactly it is already after); otherwise D is the next working day.
 *    After the cut-off nobody reads the queue until the next working morning.
 * 2. Urgent: due at the end (23:59:59.999 Helsinki time) of the working day
 *    that is DUE_WORKING_DAYS_URGENT (default 1) working days after D.
 * 3. Normal: due at the end of the DUE_WORKING_DAYS_NORMAL-th (default 7)
 *    working day after D.
 *
 * So an urgent request on Monday at 10:00 is due by the end of Tuesday; at
 * 17:00 on Friday it is due by the end of Tuesday too (D is Monday).
 */

/** How urgent the sender says the request is. */
export type DueUrgency = 'urgent' | 'normal';

/** Working days after the counting day until a request is due, by default (settings DUE_WORKING_DAYS_URGENT and DUE_WORKING_DAYS_NORMAL). */
export const workingDaysToDue: Readonly<Record<DueUrgency, number>> = { urgent: 1, normal: 7 };

/** The default daily cut-off, Helsinki time. */
export const defaultCutoff = '16:00';

/** Options of {@link dueDate} and {@link countingDay}. */
export interface DueDateOptions {
  /** "HH:MM", 24-hour Helsinki time; requests at or after it count from the next working day. */
  cutoff?: string;
  /** The staff's internal targets in working days; {@link workingDaysToDue} when absent. */
  workingDays?: Readonly<Record<DueUrgency, number>>;
}

function cutoffMinutes(cutoff: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(cutoff);
  if (!match) throw new RangeError(`cut-off must be "HH:MM" (24-hour), not ${JSON.stringify(cutoff)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The Helsinki working day from which a request that arrived at `receivedAt` is counted. */
export function countingDay(receivedAt: Date, options: DueDateOptions = {}): CivilDate {
  const limit = cutoffMinutes(options.cutoff ?? defaultCutoff);
  const local = helsinkiDateTime(receivedAt);
  const date: CivilDate = { year: local.year, month: local.month, day: local.day };
  const beforeCutoff = local.hour * 60 + local.minute < limit;
  return beforeCutoff && isWorkingDay(date) ? date : nextWorkingDay(date);
}

// Due dates of the last few minutes of arrival, by minute, urgency and cut-off.
const recentDueDates = new Map<string, number>();

/**
 * The instant a request is due: the end of the Helsinki day that is 1 (urgent)
 * or 7 (normal) working days after its counting day. DST is handled by
 * converting the Helsinki end of day back to an instant.
 */
export function dueDate(receivedAt: Date, urgency: DueUrgency, options: DueDateOptions = {}): Date {
  if (!Object.hasOwn(workingDaysToDue, urgency)) throw new RangeError(`unknown urgency ${JSON.stringify(urgency)}`);
  const days = (options.workingDays ?? workingDaysToDue)[urgency];
  // The answer depends only on the minute of arrival (Helsinki's offsets are whole
  // hours), so requests within one minute share it: the time-zone arithmetic through
  // Intl costs about 19 µs, and every submission asks.
  const minute = Math.floor(receivedAt.getTime() / 60_000);
  const key = `${minute}|${urgency}|${days}|${options.cutoff ?? defaultCutoff}`;
  let due = recentDueDates.get(key);
  if (due === undefined) {
    if (Number.isNaN(minute)) throw new RangeError('invalid date');
    due = endOfHelsinkiDay(addWorkingDays(countingDay(receivedAt, options), days)).getTime();
    if (recentDueDates.size >= 64) recentDueDates.clear();
    recentDueDates.set(key, due);
  }
  return new Date(due);
}

/** Working days the team has agreed to contact a sender within, per urgency; null where nobody has agreed to one. */
export type ServiceCommitments = Readonly<Record<DueUrgency, number | null>>;

/**
 * The date the sender is told "we aim to contact you by" (ISO `YYYY-MM-DD`,
 * a Helsinki calendar day), counted like {@link dueDate} but from the
 * deployer's commitment; undefined when the commitment for this urgency is
 * null, so nothing is promised that nobody has agreed to.
 */
export function promisedBy(receivedAt: Date, urgency: DueUrgency, commitments: ServiceCommitments, options: DueDateOptions = {}): string | undefined {
  const days = commitments[urgency];
  if (days === null || days === undefined) return undefined;
  const date = addWorkingDays(countingDay(receivedAt, options), days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}
