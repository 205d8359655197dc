import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  easterSunday,
  formatDate,
  holidaysOf,
  isoWeekday,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
  type CivilDate,
} from './calendar.ts';

function date(text: string): CivilDate {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

describe('easterSunday', () => {
  it.each([
    [1818, '1818-03-22'], // earliest possible date
    [1943, '1943-04-25'], // latest possible date
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('%i → %s', (year, expected) => {
    expect(formatDate(easterSunday(year))).toBe(expected);
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    for (let year = 1583; year <= 3000; year++) {
      const easter = easterSunday(year);
      expect(isoWeekday(easter)).toBe(7);
      const md = easter.month * 100 + easter.day;
      expect(md >= 322 && md <= 425).toBe(true);
    }
  });

  it('refuses years outside the Gregorian calendar', () => {
    expect(() => easterSunday(1582)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
  });
});

describe('holidaysOf', () => {
  it('lists 2026 in date order with Finnish and English names', () => {
    const list = holidaysOf(2026);
    expect(list.map((h) => [formatDate(h.date), h.id])).toEqual([
      ['2026-01-01', 'new-years-day'],
      ['2026-01-06', 'epiphany'],
      ['2026-04-03', 'good-friday'],
      ['2026-04-05', 'easter-sunday'],
      ['2026-04-06', 'easter-monday'],
      ['2026-05-01', 'may-day'],
      ['2026-05-14', 'ascension-day'],
      ['2026-05-24', 'whit-sunday'],
      ['2026-06-19', 'midsummer-eve'],
      ['2026-06-20', 'midsummer-day'],
      ['2026-10-31', 'all-saints-day'],
      ['2026-12-06', 'independence-day'],
      ['2026-12-24', 'christmas-eve'],
      ['2026-12-25', 'christmas-day'],
      ['2026-12-26', 'boxing-day'],
    ]);
    const midsummerEve = list.find((h) => h.id === 'midsummer-eve');
    expect(midsummerEve).toMatchObject({ fi: 'juhannusaatto', sv: 'midsommarafton', en: 'Midsummer Eve' });
    expect(list.find((h) => h.id === 'independence-day')).toMatchObject({ fi: 'itsenäisyyspäivä', en: 'Independence Day' });
    expect(list.some((h) => h.date.month === 12 && h.date.day === 31)).toBe(false);
  });

  it.each([
    // year, Good Friday, Easter Monday, Ascension, Whit Sunday, Midsummer Eve, Midsummer Day, All Saints' Day
    [2025, '2025-04-18', '2025-04-21', '2025-05-29', '2025-06-08', '2025-06-20', '2025-06-21', '2025-11-01'],
    [2026, '2026-04-03', '2026-04-06', '2026-05-14', '2026-05-24', '2026-06-19', '2026-06-20', '2026-10-31'],
    [2027, '2027-03-26', '2027-03-29', '2027-05-06', '2027-05-16', '2027-06-25', '2027-06-26', '2027-11-06'],
    [2028, '2028-04-14', '2028-04-17', '2028-05-25', '2028-06-04', '2028-06-23', '2028-06-24', '2028-11-04'],
  ])('moving dates of %i', (year, ...expected) => {
    const byId = new Map(holidaysOf(year).map((h) => [h.id, formatDate(h.date)]));
    const ids = ['good-friday', 'easter-monday', 'ascension-day', 'whit-sunday', 'midsummer-eve', 'midsummer-day', 'all-saints-day'];
    expect(ids.map((id) => byId.get(id))).toEqual(expected);
  });

  it('puts the moving days on their weekdays and windows in every year', () => {
    const weekday: Record<string, number> = {
      'good-friday': 5,
      'easter-sunday': 7,
      'easter-monday': 1,
      'ascension-day': 4,
      'whit-sunday': 7,
      'midsummer-eve': 5,
      'midsummer-day': 6,
      'all-saints-day': 6,
    };
    for (let year = 1990; year <= 2100; year++) {
      const list = holidaysOf(year);
      expect(list).toHaveLength(15);
      for (const h of list) if (weekday[h.id]) expect([h.id, isoWeekday(h.date)]).toEqual([h.id, weekday[h.id]]);
      const eve = list.find((h) => h.id === 'midsummer-eve')!.date;
      expect(eve.month === 6 && eve.day >= 19 && eve.day <= 25).toBe(true);
      const saints = list.find((h) => h.id === 'all-saints-day')!.date;
      expect((saints.month === 10 && saints.day === 31) || (saints.month === 11 && saints.day <= 6)).toBe(true);
    }
  });

  it('returns a copy that callers cannot use to change the calendar', () => {
    holidaysOf(2026).length = 0;
    expect(holidaysOf(2026)).toHaveLength(15);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-01-01', false, "New Year's Day, Thursday"],
    ['2026-01-02', true, 'Friday after New Year'],
    ['2026-01-06', false, 'Epiphany, Tuesday'],
    ['2026-04-02', true, 'Maundy Thursday'],
    ['2026-04-03', false, 'Good Friday'],
    ['2026-04-06', false, 'Easter Monday'],
    ['2026-04-07', true, 'Tuesday after Easter'],
    ['2026-04-30', true, 'May Day Eve is a working day'],
    ['2026-05-01', false, 'May Day, Friday'],
    ['2026-05-14', false, 'Ascension Day'],
    ['2026-06-18', true, 'Thursday before Midsummer'],
    ['2026-06-19', false, 'Midsummer Eve'],
    ['2026-06-22', true, 'Monday after Midsummer'],
    ['2026-12-23', true, 'Wednesday before Christmas'],
    ['2026-12-24', false, 'Christmas Eve, Thursday'],
    ['2026-12-25', false, 'Christmas Day, Friday'],
    ['2026-12-28', true, 'Monday after Christmas'],
    ['2025-12-31', true, "New Year's Eve, Wednesday"],
    ['2026-12-31', true, "New Year's Eve, Thursday"],
    ['2027-12-31', true, "New Year's Eve, Friday"],
    ['2027-03-26', false, 'Good Friday 2027'],
    ['2027-03-29', false, 'Easter Monday 2027'],
    ['2027-12-06', false, 'Independence Day, Monday'],
    ['2028-12-06', false, 'Independence Day, Wednesday'],
    ['2028-05-01', false, 'May Day, Monday'],
    ['2026-03-07', false, 'Saturday'],
    ['2026-03-08', false, 'Sunday'],
    ['2026-03-09', true, 'Monday'],
  ])('%s → %s (%s)', (text, expected) => {
    expect(isWorkingDay(date(text))).toBe(expected);
  });

  it('refuses impossible dates', () => {
    expect(() => isWorkingDay(date('2026-02-30'))).toThrow(/not a calendar date/);
    expect(() => isWorkingDay(date('2026-13-01'))).toThrow(/not a calendar date/);
    expect(() => isWorkingDay({ year: 2026, month: 1, day: 1.5 })).toThrow(/not a calendar date/);
  });
});

describe('working-day arithmetic', () => {
  it('finds the next working day over weekends and holidays', () => {
    expect(formatDate(nextWorkingDay(date('2026-03-06')))).toBe('2026-03-09');
    expect(formatDate(nextWorkingDay(date('2026-04-02')))).toBe('2026-04-07');
    expect(formatDate(nextWorkingDay(date('2026-12-23')))).toBe('2026-12-28');
    expect(formatDate(nextWorkingDay(date('2026-12-31')))).toBe('2027-01-04');
  });

  it('adds working days across the year end', () => {
    expect(formatDate(addWorkingDays(date('2026-12-23'), 7))).toBe('2027-01-07');
    expect(() => addWorkingDays(date('2026-12-23'), 0)).toThrow(RangeError);
  });

  it.each([
    ['2026-03-05', '2026-03-05', 0],
    ['2026-03-05', '2026-03-06', 1],
    ['2026-03-06', '2026-03-09', 1],
    ['2026-03-07', '2026-03-08', 0],
    ['2026-04-02', '2026-04-07', 1],
    ['2026-12-23', '2027-01-07', 7],
    ['2027-01-07', '2026-12-23', -7],
    ['2025-12-31', '2026-12-31', 252], // 261 weekdays in 2026 less 9 holidays on weekdays
  ])('workingDaysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(workingDaysBetween(date(from), date(to))).toBe(expected);
  });
});
