import { describe, expect, it } from 'vitest';
import { endOfHelsinkiDay, helsinkiDate, helsinkiDateTime, helsinkiInstant } from './helsinki-time.ts';

function wall(instant: string): string {
  const t = helsinkiDateTime(new Date(instant));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${t.year}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}:${two(t.second)}.${String(t.millisecond).padStart(3, '0')}`;
}

describe('helsinkiDateTime', () => {
  it.each([
    ['2026-01-15T10:00:00.000Z', '2026-01-15 12:00:00.000'], // EET, UTC+2
    ['2026-07-15T10:00:00.000Z', '2026-07-15 13:00:00.000'], // EEST, UTC+3
    ['2026-03-29T00:59:59.999Z', '2026-03-29 02:59:59.999'], // last moment of winter time
    ['2026-03-29T01:00:00.000Z', '2026-03-29 04:00:00.000'], // clocks jump 03:00 → 04:00
    ['2026-10-25T00:59:59.999Z', '2026-10-25 03:59:59.999'], // last moment of summer time
    ['2026-10-25T01:00:00.000Z', '2026-10-25 03:00:00.000'], // clocks go back 04:00 → 03:00
    ['2026-12-31T22:00:00.000Z', '2027-01-01 00:00:00.000'], // new year in Helsinki first
    ['2026-06-30T21:30:00.000Z', '2026-07-01 00:30:00.000'],
  ])('%s is %s in Helsinki', (instant, expected) => {
    expect(wall(instant)).toBe(expected);
  });

  it('refuses an invalid date', () => {
    expect(() => helsinkiDateTime(new Date('nope'))).toThrow(RangeError);
  });
});

describe('helsinkiInstant', () => {
  it.each([
    [{ year: 2026, month: 1, day: 15, hour: 12, minute: 0 }, '2026-01-15T10:00:00.000Z'],
    [{ year: 2026, month: 7, day: 15, hour: 13, minute: 0 }, '2026-07-15T10:00:00.000Z'],
    [{ year: 2026, month: 3, day: 29, hour: 2, minute: 59 }, '2026-03-29T00:59:00.000Z'],
    [{ year: 2026, month: 3, day: 29, hour: 4, minute: 0 }, '2026-03-29T01:00:00.000Z'],
    // 03:30 does not exist on the spring day: read as winter time, i.e. 04:30 summer time.
    [{ year: 2026, month: 3, day: 29, hour: 3, minute: 30 }, '2026-03-29T01:30:00.000Z'],
    // 03:30 happens twice on the autumn day: the earlier (summer time) one.
    [{ year: 2026, month: 10, day: 25, hour: 3, minute: 30 }, '2026-10-25T00:30:00.000Z'],
    [{ year: 2026, month: 10, day: 25, hour: 4, minute: 0 }, '2026-10-25T02:00:00.000Z'],
  ])('%o → %s', (local, expected) => {
    expect(helsinkiInstant({ second: 0, millisecond: 0, ...local }).toISOString()).toBe(expected);
  });

  function expectRoundTrip(ms: number): void {
    const local = helsinkiDateTime(new Date(ms));
    const back = helsinkiInstant(local);
    expect(helsinkiDateTime(back)).toEqual(local);
    // Only the repeated autumn hour may map to another instant, and then exactly an hour earlier.
    if (back.getTime() !== ms) expect(ms - back.getTime()).toBe(3_600_000);
  }

  it('gives back the same wall-clock time through 2026 and 2027', () => {
    // A 53-minute step meets every minute of the hour and every hour of the day.
    for (let ms = Date.parse('2026-01-01T00:00:00Z'); ms < Date.parse('2028-01-01T00:00:00Z'); ms += 53 * 60_000) expectRoundTrip(ms);
  });

  it.each(['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z'])(
    'gives back the same wall-clock time minute by minute around the change at %s',
    (change) => {
      const at = Date.parse(change);
      for (let ms = at - 3 * 3_600_000; ms <= at + 3 * 3_600_000; ms += 60_000) expectRoundTrip(ms);
    },
  );
});

describe('endOfHelsinkiDay and helsinkiDate', () => {
  it.each([
    [{ year: 2026, month: 1, day: 15 }, '2026-01-15T21:59:59.999Z'],
    [{ year: 2026, month: 7, day: 15 }, '2026-07-15T20:59:59.999Z'],
    [{ year: 2026, month: 3, day: 29 }, '2026-03-29T20:59:59.999Z'], // spring change day ends in summer time
    [{ year: 2026, month: 10, day: 25 }, '2026-10-25T21:59:59.999Z'], // autumn change day ends in winter time
    [{ year: 2026, month: 12, day: 31 }, '2026-12-31T21:59:59.999Z'],
  ])('%o ends at %s', (date, expected) => {
    const end = endOfHelsinkiDay(date);
    expect(end.toISOString()).toBe(expected);
    expect(helsinkiDate(end)).toEqual(date);
    expect(helsinkiDate(new Date(end.getTime() + 1))).not.toEqual(date);
  });
});
