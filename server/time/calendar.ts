/**
 * The Finnish working-day calendar: which calendar days Anchor's staff work.
 *
 * Non-working days are Saturdays, Sundays and these days: the public holidays
 * of Finland (New Year's Day, Epiphany, Good Friday, Easter Sunday and Monday,
 * May Day, Ascension Day, Whit Sunday, Midsummer Day, All Saints' Day,
 * Independence Day, Christmas Day, Boxing Day) and the eves that are
 * customarily days off in Finnish public-sector work (Midsummer Eve, Christmas
 * Eve). New Year's Eve is a normal working day.
 *
 * The moving dates follow the current rules (Epiphany and Ascension Day back on
 * their own dates since 1992). Dates here are civil dates with no time zone;
 * `due-date.ts` turns instants into Helsinki dates. No library: Easter is
 * computed with the anonymous Gregorian algorithm.
 */

/** A calendar date: month 1-12, day 1-31. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A non-working day, with its names in Finnish, Swedish and English. */
export interface Holiday {
  /** Stable id, e.g. `good-friday`. */
  readonly id: string;
  readonly date: CivilDate;
  readonly fi: string;
  readonly sv: string;
  readonly en: string;
}

const dayMs = 86_400_000;

function checkYear(year: number): void {
  // The algorithm is for the Gregorian calendar, which began in 1583.
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError(`year ${year} is outside 1583-9999`);
}

function toUtcMs(date: CivilDate): number {
  return Date.UTC(date.year, date.month - 1, date.day);
}

function fromUtcMs(ms: number): CivilDate {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function checkDate(date: CivilDate): void {
  const { year, month, day } = date;
  checkYear(year);
  const back = fromUtcMs(Date.UTC(year, month - 1, day));
  if (!Number.isInteger(month) || !Number.isInteger(day) || back.month !== month || back.day !== day) {
    throw new RangeError(`${year}-${month}-${day} is not a calendar date`);
  }
}

/** `YYYY-MM-DD`. */
export function formatDate(date: CivilDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** The date `days` days later (earlier when negative). */
export function addDays(date: CivilDate, days: number): CivilDate {
  return fromUtcMs(toUtcMs(date) + days * dayMs);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: CivilDate): number {
  return ((new Date(toUtcMs(date)).getUTCDay() + 6) % 7) + 1;
}

/** Negative, zero or positive as `a` is before, the same as or after `b`. */
export function compareDates(a: CivilDate, b: CivilDate): number {
  return toUtcMs(a) - toUtcMs(b);
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian, or Meeus/Jones/Butcher, algorithm). */
export function easterSunday(year: number): CivilDate {
  checkYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

// The day of the week `isoDay` falling within the seven days from (month, firstDay).
function weekdayFrom(year: number, month: number, firstDay: number, isoDay: number): CivilDate {
  const first: CivilDate = { year, month, day: firstDay };
  return addDays(first, (isoDay - isoWeekday(first) + 7) % 7);
}

type Names = readonly [id: string, fi: string, sv: string, en: string];

const names = {
  newYear: ['new-years-day', 'uudenvuodenpäivä', 'nyårsdagen', "New Year's Day"],
  epiphany: ['epiphany', 'loppiainen', 'trettondagen', 'Epiphany'],
  goodFriday: ['good-friday', 'pitkäperjantai', 'långfredagen', 'Good Friday'],
  easter: ['easter-sunday', 'pääsiäispäivä', 'påskdagen', 'Easter Sunday'],
  easterMonday: ['easter-monday', 'toinen pääsiäispäivä', 'annandag påsk', 'Easter Monday'],
  mayDay: ['may-day', 'vappu', 'första maj', 'May Day'],
  ascension: ['ascension-day', 'helatorstai', 'Kristi himmelsfärdsdag', 'Ascension Day'],
  whitsun: ['whit-sunday', 'helluntaipäivä', 'pingstdagen', 'Whit Sunday'],
  midsummerEve: ['midsummer-eve', 'juhannusaatto', 'midsommarafton', 'Midsummer Eve'],
  midsummer: ['midsummer-day', 'juhannuspäivä', 'midsommardagen', 'Midsummer Day'],
  allSaints: ['all-saints-day', 'pyhäinpäivä', 'alla helgons dag', "All Saints' Day"],
  independence: ['independence-day', 'itsenäisyyspäivä', 'självständighetsdagen', 'Independence Day'],
  christmasEve: ['christmas-eve', 'jouluaatto', 'julafton', 'Christmas Eve'],
  christmas: ['christmas-day', 'joulupäivä', 'juldagen', 'Christmas Day'],
  boxingDay: ['boxing-day', 'tapaninpäivä', 'annandag jul', "Boxing Day (St Stephen's Day)"],
} satisfies Record<string, Names>;

const cache = new Map<number, { list: readonly Holiday[]; keys: ReadonlySet<string> }>();

function holidaysWithKeys(year: number): { list: readonly Holiday[]; keys: ReadonlySet<string> } {
  const cached = cache.get(year);
  if (cached) return cached;
  checkYear(year);
  const easter = easterSunday(year);
  const on = ([id, fi, sv, en]: Names, date: CivilDate): Holiday => ({ id, date, fi, sv, en });
  const list = [
    on(names.newYear, { year, month: 1, day: 1 }),
    on(names.epiphany, { year, month: 1, day: 6 }),
    on(names.goodFriday, addDays(easter, -2)),
    on(names.easter, easter),
    on(names.easterMonday, addDays(easter, 1)),
    on(names.mayDay, { year, month: 5, day: 1 }),
    on(names.ascension, addDays(easter, 39)),
    on(names.whitsun, addDays(easter, 49)),
    on(names.midsummerEve, weekdayFrom(year, 6, 19, 5)), // the Friday of 19-25 June
    on(names.midsummer, weekdayFrom(year, 6, 20, 6)), // the Saturday of 20-26 June
    on(names.allSaints, weekdayFrom(year, 10, 31, 6)), // the Saturday of 31 October-6 November
    on(names.independence, { year, month: 12, day: 6 }),
    on(names.christmasEve, { year, month: 12, day: 24 }),
    on(names.christmas, { year, month: 12, day: 25 }),
    on(names.boxingDay, { year, month: 12, day: 26 }),
  ].sort((a, b) => compareDates(a.date, b.date));
  const entry = { list, keys: new Set(list.map((h) => formatDate(h.date))) };
  cache.set(year, entry);
  return entry;
}

/** The holidays and customary days off of a year, in date order (some fall on a weekend). */
export function holidaysOf(year: number): Holiday[] {
  return [...holidaysWithKeys(year).list];
}

/** Whether staff work on this date: a Monday-Friday that is not in {@link holidaysOf}. */
export function isWorkingDay(date: CivilDate): boolean {
  checkDate(date);
  if (isoWeekday(date) > 5) return false;
  return !holidaysWithKeys(date.year).keys.has(formatDate(date));
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: CivilDate): CivilDate {
  let d = addDays(date, 1);
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The `n`th working day after `date` (n ≥ 1; `date` itself does not count). */
export function addWorkingDays(date: CivilDate, n: number): CivilDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a whole number of at least 1, not ${n}`);
  let d = date;
  for (let i = 0; i < n; i++) d = nextWorkingDay(d);
  return d;
}

/**
 * Working days after `from` up to and including `to`: 0 for the same day,
 * 1 from a Thursday to the Friday, 1 from a Friday to the Monday after; the
 * negative count when `to` is before `from`. For statistics such as "working
 * days from arrival to first contact".
 */
export function workingDaysBetween(from: CivilDate, to: CivilDate): number {
  checkDate(from);
  checkDate(to);
  const sign = compareDates(to, from) < 0 ? -1 : 1;
  const [start, end] = sign > 0 ? [from, to] : [to, from];
  let count = 0;
  for (let d = addDays(start, 1); compareDates(d, end) <= 0; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
  return sign * count;
}
