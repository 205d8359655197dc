import { describe, expect, it } from 'vitest';
import { formatDate, isWorkingDay, workingDaysBetween } from '../time/calendar.ts';
import { countingDay, dueDate, promisedBy, type DueUrgency } from './due-date.ts';
import { helsinkiDate, helsinkiDateTime } from '../time/helsinki-time.ts';

// Arrivals are written in Helsinki local time with their offset (+02:00 winter, +03:00 summer);
// due instants in UTC: the end of a Helsinki day is 21:59:59.999Z in winter, 20:59:59.999Z in summer.
const table: [arrival: string, urgency: DueUrgency, due: string, why: string][] = [
  // Ordinary weeks and the 16:00 cut-off.
  ['2026-03-02T10:00:00+02:00', 'urgent', '2026-03-03T21:59:59.999Z', 'Monday morning: end of Tuesday'],
  ['2026-03-02T10:00:00+02:00', 'normal', '2026-03-11T21:59:59.999Z', 'Monday morning: 7 working days'],
  ['2026-03-02T15:59:59.999+02:00', 'urgent', '2026-03-03T21:59:59.999Z', 'a moment before 16:00 counts today'],
  ['2026-03-02T16:00:00+02:00', 'urgent', '2026-03-04T21:59:59.999Z', '16:00 exactly counts from tomorrow'],
  ['2026-03-02T16:00:00+02:00', 'normal', '2026-03-12T21:59:59.999Z', '16:00 exactly, normal'],
  ['2026-03-06T18:00:00+02:00', 'urgent', '2026-03-10T21:59:59.999Z', 'Friday evening counts from Monday'],
  ['2026-03-06T18:00:00+02:00', 'normal', '2026-03-18T21:59:59.999Z', 'Friday evening, normal'],
  ['2026-03-07T11:00:00+02:00', 'urgent', '2026-03-10T21:59:59.999Z', 'Saturday'],
  ['2026-03-08T23:59:00+02:00', 'urgent', '2026-03-10T21:59:59.999Z', 'late Sunday'],
  ['2026-03-09T00:30:00+02:00', 'urgent', '2026-03-10T21:59:59.999Z', 'Monday just after midnight'],
  // Summer time: the cut-off is 16:00 Helsinki time, 13:00Z, not 14:00Z.
  ['2026-06-10T15:59:00+03:00', 'urgent', '2026-06-11T20:59:59.999Z', 'summer, before the cut-off'],
  ['2026-06-10T16:00:00+03:00', 'urgent', '2026-06-12T20:59:59.999Z', 'summer, at the cut-off'],
  // Spring DST change (Sunday 29 March 2026) and Easter 2026 (5 April).
  ['2026-03-26T10:00:00+02:00', 'urgent', '2026-03-27T21:59:59.999Z', 'Thursday before the change'],
  ['2026-03-26T10:00:00+02:00', 'normal', '2026-04-08T20:59:59.999Z', 'across the change and Easter'],
  ['2026-03-27T17:00:00+02:00', 'urgent', '2026-03-31T20:59:59.999Z', 'Friday evening before the change'],
  ['2026-03-27T17:00:00+02:00', 'normal', '2026-04-10T20:59:59.999Z', 'Friday evening, normal, over Easter'],
  ['2026-03-29T01:30:00Z', 'urgent', '2026-03-31T20:59:59.999Z', '04:30 summer time on the change night'],
  ['2026-04-02T15:00:00+03:00', 'urgent', '2026-04-07T20:59:59.999Z', 'Maundy Thursday afternoon'],
  ['2026-04-02T15:00:00+03:00', 'normal', '2026-04-15T20:59:59.999Z', 'Maundy Thursday, normal'],
  ['2026-04-02T17:00:00+03:00', 'urgent', '2026-04-08T20:59:59.999Z', 'Maundy Thursday evening'],
  ['2026-04-02T17:00:00+03:00', 'normal', '2026-04-16T20:59:59.999Z', 'Maundy Thursday evening, normal'],
  ['2026-04-06T09:00:00+03:00', 'urgent', '2026-04-08T20:59:59.999Z', 'Easter Monday morning'],
  // Easter 2027 (28 March) falls on the DST weekend.
  ['2027-03-25T12:00:00+02:00', 'urgent', '2027-03-30T20:59:59.999Z', 'Maundy Thursday 2027'],
  ['2027-03-25T12:00:00+02:00', 'normal', '2027-04-07T20:59:59.999Z', 'Maundy Thursday 2027, normal'],
  // Autumn DST change (Sunday 25 October 2026).
  ['2026-10-23T10:00:00+03:00', 'urgent', '2026-10-26T21:59:59.999Z', 'Friday morning before the change'],
  ['2026-10-23T10:00:00+03:00', 'normal', '2026-11-03T21:59:59.999Z', 'Friday morning, normal'],
  ['2026-10-23T16:30:00+03:00', 'urgent', '2026-10-27T21:59:59.999Z', 'Friday evening before the change'],
  ['2026-10-25T03:30:00+02:00', 'urgent', '2026-10-27T21:59:59.999Z', 'the repeated 03:30 on the change night'],
  // Midsummer 2026: Eve on Friday 19 June.
  ['2026-06-18T10:00:00+03:00', 'urgent', '2026-06-22T20:59:59.999Z', 'Thursday before Midsummer'],
  ['2026-06-18T16:05:00+03:00', 'urgent', '2026-06-23T20:59:59.999Z', 'Thursday evening before Midsummer'],
  // Christmas week 2026, New Year's Eve (a working day), Epiphany.
  ['2026-12-23T10:00:00+02:00', 'urgent', '2026-12-28T21:59:59.999Z', 'day before Christmas Eve'],
  ['2026-12-23T10:00:00+02:00', 'normal', '2027-01-07T21:59:59.999Z', 'over Christmas, New Year and Epiphany'],
  ['2026-12-24T09:00:00+02:00', 'urgent', '2026-12-29T21:59:59.999Z', 'Christmas Eve'],
  ['2026-12-30T17:00:00+02:00', 'urgent', '2027-01-04T21:59:59.999Z', "evening before New Year's Eve"],
  ['2026-12-31T10:00:00+02:00', 'urgent', '2027-01-04T21:59:59.999Z', "New Year's Eve morning counts"],
  ['2026-12-31T10:00:00+02:00', 'normal', '2027-01-13T21:59:59.999Z', "New Year's Eve, normal, over Epiphany"],
  ['2025-12-31T10:00:00+02:00', 'urgent', '2026-01-02T21:59:59.999Z', "New Year's Eve 2025"],
  ['2027-01-05T10:00:00+02:00', 'urgent', '2027-01-07T21:59:59.999Z', 'before Epiphany on a Wednesday'],
  // Independence Day on a weekday.
  ['2027-12-03T10:00:00+02:00', 'urgent', '2027-12-07T21:59:59.999Z', 'Friday before Monday 6 December'],
  ['2028-12-05T12:00:00+02:00', 'urgent', '2028-12-07T21:59:59.999Z', 'Tuesday before Wednesday 6 December'],
  // 2025 and 2028 Easter, Ascension and May Day.
  ['2025-04-17T15:59:00+03:00', 'urgent', '2025-04-22T20:59:59.999Z', 'Maundy Thursday 2025'],
  ['2025-05-28T10:00:00+03:00', 'urgent', '2025-05-30T20:59:59.999Z', 'day before Ascension 2025'],
  ['2028-04-13T10:00:00+03:00', 'urgent', '2028-04-18T20:59:59.999Z', 'Maundy Thursday 2028'],
  ['2028-04-28T16:00:00+03:00', 'urgent', '2028-05-03T20:59:59.999Z', 'Friday evening before Monday May Day'],
];

describe('dueDate', () => {
  it.each(table)('%s %s → %s (%s)', (arrival, urgency, due) => {
    expect(dueDate(new Date(arrival), urgency).toISOString()).toBe(due);
  });

  it('takes another cut-off', () => {
    expect(dueDate(new Date('2026-03-02T11:59:00+02:00'), 'urgent', { cutoff: '12:00' }).toISOString()).toBe('2026-03-03T21:59:59.999Z');
    expect(dueDate(new Date('2026-03-02T12:00:00+02:00'), 'urgent', { cutoff: '12:00' }).toISOString()).toBe('2026-03-04T21:59:59.999Z');
    expect(dueDate(new Date('2026-03-02T00:00:00+02:00'), 'urgent', { cutoff: '00:00' }).toISOString()).toBe('2026-03-04T21:59:59.999Z');
  });

  it.each(['16', '4:00', '24:00', '16:60', ' 16:00', ''])('refuses the cut-off %j', (cutoff) => {
    expect(() => dueDate(new Date('2026-03-02T10:00:00Z'), 'urgent', { cutoff })).toThrow(/cut-off must be "HH:MM"/);
  });

  it('refuses an invalid date and an unknown urgency', () => {
    expect(() => dueDate(new Date('not a date'), 'urgent')).toThrow(RangeError);
    expect(() => dueDate(new Date('2026-03-02T10:00:00Z'), 'soon' as DueUrgency)).toThrow(/unknown urgency/);
    expect(() => dueDate(new Date('2026-03-02T10:00:00Z'), 'toString' as DueUrgency)).toThrow(/unknown urgency/);
  });

  it('always ends a Helsinki working day, after arrival, at the promised distance (every 241 minutes, 2025-2028)', () => {
    for (let ms = Date.parse('2025-01-01T00:00:00Z'); ms < Date.parse('2029-01-01T00:00:00Z'); ms += 241 * 60_000) {
      const arrival = new Date(ms);
      const start = countingDay(arrival);
      for (const [urgency, days] of [['urgent', 1], ['normal', 7]] as const) {
        const due = dueDate(arrival, urgency);
        expect(due.getTime()).toBeGreaterThan(ms);
        const local = helsinkiDateTime(due);
        expect([local.hour, local.minute, local.second, local.millisecond]).toEqual([23, 59, 59, 999]);
        expect(isWorkingDay(helsinkiDate(due))).toBe(true);
        expect(workingDaysBetween(start, helsinkiDate(due))).toBe(days);
      }
    }
  });
});

describe('countingDay', () => {
  it.each([
    ['2026-03-02T10:00:00+02:00', '2026-03-02'],
    ['2026-03-02T16:00:00+02:00', '2026-03-03'],
    ['2026-03-06T18:00:00+02:00', '2026-03-09'],
    ['2026-04-02T17:00:00+03:00', '2026-04-07'],
    ['2026-12-30T16:01:00+02:00', '2026-12-31'],
    ['2026-03-01T23:30:00Z', '2026-03-02'], // already Monday 01:30 in Helsinki, Sunday in UTC
  ])('%s counts from %s', (arrival, expected) => {
    expect(formatDate(countingDay(new Date(arrival)))).toBe(expected);
  });
});

describe('dueDate remembered per minute of arrival', () => {
  it('gives each caller its own Date, and the cut-off minute and the cut-off setting their own answers', () => {
    const first = dueDate(new Date('2026-03-02T15:59:10+02:00'), 'urgent');
    first.setTime(0);
    expect(dueDate(new Date('2026-03-02T15:59:50+02:00'), 'urgent').toISOString()).toBe(new Date('2026-03-03T23:59:59.999+02:00').toISOString());
    // The next minute is at the cut-off: counted from Tuesday.
    expect(dueDate(new Date('2026-03-02T16:00:00+02:00'), 'urgent').toISOString()).toBe(new Date('2026-03-04T23:59:59.999+02:00').toISOString());
    // The same minute with a later cut-off is still Monday's.
    expect(dueDate(new Date('2026-03-02T16:00:30+02:00'), 'urgent', { cutoff: '17:00' }).toISOString()).toBe(new Date('2026-03-03T23:59:59.999+02:00').toISOString());
    expect(() => dueDate(new Date(Number.NaN), 'urgent')).toThrow(RangeError);
  });
});

describe('promisedBy: the date told to the sender, only from a commitment', () => {
  const mondayMorning = new Date('2026-12-07T08:00:00Z'); // 10:00 Helsinki
  const fridayEvening = new Date('2026-12-04T15:30:00Z'); // 17:30 Helsinki, after the cut-off

  it('is absent while the deployer has committed to nothing', () => {
    expect(promisedBy(mondayMorning, 'urgent', { urgent: null, normal: null })).toBeUndefined();
    expect(promisedBy(mondayMorning, 'normal', { urgent: 1, normal: null })).toBeUndefined();
  });

  it('counts working days from the counting day, as a Helsinki calendar date', () => {
    expect(promisedBy(mondayMorning, 'urgent', { urgent: 1, normal: 5 })).toBe('2026-12-08');
    expect(promisedBy(mondayMorning, 'normal', { urgent: 1, normal: 5 })).toBe('2026-12-14');
    // After Friday's cut-off the count starts on Monday 7 December (Independence Day, 6 December, is a Sunday).
    expect(promisedBy(fridayEvening, 'urgent', { urgent: 1, normal: null })).toBe('2026-12-08');
  });

  it('lets the staff target differ from the promise (DUE_WORKING_DAYS_*)', () => {
    const due = dueDate(mondayMorning, 'urgent', { workingDays: { urgent: 3, normal: 7 } });
    expect(due.toISOString()).toBe('2026-12-10T21:59:59.999Z');
  });
});
