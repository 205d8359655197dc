import { describe, expect, it } from 'vitest';
import { csvField, statisticsCsv } from './csv.ts';

describe('statistics CSV fields', () => {
  it('prefixes a text a spreadsheet would run as a formula, and quotes it', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1')).toBe(`"'+1"`);
    expect(csvField('-2')).toBe(`"'-2"`);
    expect(csvField('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvField('\t=1')).toBe(`"'\t=1"`);
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
  });

  it('leaves numbers, identifiers and "<5" as they were', () => {
    expect(csvField(12)).toBe('12');
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField('youth-work')).toBe('youth-work');
    expect(csvField('<5')).toBe('"<5"');
    expect(csvField(null)).toBe('');
  });

  it('applies to every cell of a report line', () => {
    const csv = statisticsCsv({
      from: '2026-01',
      to: '2026-01',
      suppressionThreshold: 5,
      rows: [
        {
          month: '2026-01',
          dimension: 'category',
          value: '=cmd|calc',
          cases: 7,
          closed: '<5',
          closedInsideDue: 0,
          shareClosedInsideDue: null,
          firstContacts: 0,
          medianWorkingDaysToFirstContact: null,
        },
      ],
    });
    expect(csv.split('\r\n')[1]).toBe(`2026-01,category,"'=cmd|calc",7,"<5",0,,0,`);
  });
});
