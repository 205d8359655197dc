import type { StatsReport } from './report.ts';

const header = [
  'month',
  'dimension',
  'value',
  'cases',
  'closed',
  'closed_inside_due_date',
  'share_closed_inside_due_date',
  'first_contacts',
  'median_working_days_to_first_contact',
];

// A text starting with one of these is a formula to a spreadsheet (CSV injection, OWASP): it gets a leading apostrophe.
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV field. A number is written as it is; a text that a spreadsheet
 * would run as a formula is prefixed with `'`, and any text but a plain
 * identifier is quoted (so "<5" or a comma stays one text cell).
 */
export const csvField = (value: string | number | null): string => {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /^[\w.-]*$/.test(text) ? text : `"${text.replaceAll('"', '""')}"`;
};

/** The statistics as CSV (RFC 4180, CRLF line ends, UTF-8), one line per row of the report. */
export function statisticsCsv(report: StatsReport): string {
  const lines = [header.join(',')];
  for (const r of report.rows) {
    lines.push(
      [r.month, r.dimension, r.value, r.cases, r.closed, r.closedInsideDue, r.shareClosedInsideDue, r.firstContacts, r.medianWorkingDaysToFirstContact]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
