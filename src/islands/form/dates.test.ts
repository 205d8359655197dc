import { describe, expect, it } from 'vitest';
import { composeDate, formatDate } from './dates.ts';

describe('composeDate', () => {
  it('gives no answer when all three boxes are empty', () => {
    expect(composeDate('', ' ', '')).toBeUndefined();
  });

  it('pads day and month', () => {
    expect(composeDate('7', '3', '2012')).toBe('2012-03-07');
    expect(composeDate(' 27 ', '12', '2012')).toBe('2012-12-27');
  });

  it('keeps what was typed when it is not a date, so the schema can say so', () => {
    expect(composeDate('27', '', '2012')).toBe('2012--27');
    expect(composeDate('x', '3', '12')).toBe('12-03-x');
  });
});

describe('formatDate', () => {
  it('writes a calendar date in the page language without shifting it', () => {
    expect(formatDate('2012-03-27', 'en')).toBe('March 27, 2012');
    expect(formatDate('2012-03-27', 'fi')).toBe('27. maaliskuuta 2012');
  });
});
