import type { CivilDate } from './calendar.ts';

/**
 * Helsinki wall-clock time (Europe/Helsinki: EET, UTC+2, and EEST, UTC+3,
 * from the last Sunday of March to the last Sunday of October) from and to
 * instants, with the time-zone rules of the runtime's ICU data through Intl,
 * so that a future change of the rules needs no code change here.
 */

/** A Helsinki wall-clock time. */
export interface HelsinkiDateTime extends CivilDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/** The IANA time zone all intake dates are in. */
export const intakeTimeZone = 'Europe/Helsinki';

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: intakeTimeZone,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The Helsinki wall-clock time of an instant. */
export function helsinkiDateTime(instant: Date): HelsinkiDateTime {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid date');
  const parts: Record<string, number> = {};
  for (const { type, value } of formatter.formatToParts(instant)) if (type !== 'literal') parts[type] = Number(value);
  return {
    year: parts.year ?? Number.NaN,
    month: parts.month ?? Number.NaN,
    day: parts.day ?? Number.NaN,
    hour: parts.hour ?? Number.NaN,
    minute: parts.minute ?? Number.NaN,
    second: parts.second ?? Number.NaN,
    // Helsinki's offsets are whole minutes, so the milliseconds are those of UTC.
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

function wallAsUtcMs(t: HelsinkiDateTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, t.millisecond);
}

// Helsinki minus UTC in milliseconds at an instant.
function offsetAt(ms: number): number {
  return wallAsUtcMs(helsinkiDateTime(new Date(ms))) - ms;
}

/**
 * The instant of a Helsinki wall-clock time. Times that occur twice (the
 * autumn hour 03:00-03:59) give the earlier instant; times that do not occur
 * (the spring hour 03:00-03:59) are read with the offset before the change,
 * landing an hour later on the clock: the "compatible" choice of Temporal and
 * of most calendars. Ends of days are never affected: Helsinki changes at 03:00/04:00.
 */
export function helsinkiInstant(local: HelsinkiDateTime): Date {
  const wall = wallAsUtcMs(local);
  if (Number.isNaN(wall)) throw new RangeError('invalid wall-clock time');
  // Helsinki's offset changes at most twice a year, so the offsets a day either side are the candidates.
  const before = offsetAt(wall - 86_400_000);
  const after = offsetAt(wall + 86_400_000);
  const valid = [wall - before, wall - after].filter((ms) => wallAsUtcMs(helsinkiDateTime(new Date(ms))) === wall);
  if (valid.length > 0) return new Date(Math.min(...valid));
  return new Date(wall - before);
}

/** The Helsinki calendar date of an instant. */
export function helsinkiDate(instant: Date): CivilDate {
  const { year, month, day } = helsinkiDateTime(instant);
  return { year, month, day };
}

/** The last millisecond (23:59:59.999) of a Helsinki date, as an instant. */
export function endOfHelsinkiDay(date: CivilDate): Date {
  return helsinkiInstant({ ...date, hour: 23, minute: 59, second: 59, millisecond: 999 });
}
