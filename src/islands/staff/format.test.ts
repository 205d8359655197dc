import { describe, expect, it } from 'vitest';
import { formatDateTime, formatReference, helsinkiInputValue, helsinkiInstant, helsinkiMonth } from './format.ts';

describe('staff dates in Helsinki time', () => {
  it('reads a datetime-local value as Helsinki wall time, winter (UTC+2) and summer (UTC+3)', () => {
    expect(helsinkiInstant('2026-01-15T09:30')).toBe('2026-01-15T07:30:00.000Z');
    expect(helsinkiInstant('2026-07-15T09:30')).toBe('2026-07-15T06:30:00.000Z');
    // The spring change (29 March 2026, 03:00 becomes 04:00) and the autumn one (25 October, 04:00 becomes 03:00).
    expect(helsinkiInstant('2026-03-29T02:30')).toBe('2026-03-29T00:30:00.000Z');
    expect(helsinkiInstant('2026-03-29T05:00')).toBe('2026-03-29T02:00:00.000Z');
    expect(helsinkiInstant('2026-10-25T12:00')).toBe('2026-10-25T10:00:00.000Z');
  });

  it('refuses what is not a real time', () => {
    for (const bad of ['', '2026-02-30T10:00', '2026-13-01T10:00', '2026-01-01T24:00', '2026-01-01', 'yesterday']) expect(helsinkiInstant(bad), bad).toBeUndefined();
  });

  it('shows an instant as the input value and month in Helsinki, and round-trips', () => {
    const at = Date.parse('2026-12-31T22:30:00Z');
    expect(helsinkiInputValue(at)).toBe('2027-01-01T00:30');
    expect(helsinkiMonth(at)).toBe('2027-01');
    expect(helsinkiInstant(helsinkiInputValue(at))).toBe('2026-12-31T22:30:00.000Z');
  });

  it('formats in the UI language and Helsinki time, and leaves a non-date as it is', () => {
    expect(formatDateTime('2026-03-02T06:05:00Z', 'fi-FI')).toBe('2.3.2026 klo 8.05');
    expect(formatDateTime('2026-03-02T06:05:00Z', 'en-GB')).toBe('2 Mar 2026, 08:05');
    expect(formatDateTime('soon', 'en-GB')).toBe('soon');
  });

  it('writes a reference in two groups of four', () => {
    expect(formatReference('KT7M3XQP')).toBe('KT7M-3XQP');
    expect(formatReference('short')).toBe('short');
  });
});
