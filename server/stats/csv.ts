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

// Every value is a fixed identifier or a number; quoting keeps a spreadsheet from reading "<5" or a leading "=" as anything else.
const field = (value: string | number | null): string => {
  if (value === null) return '';
  const text = String(value);
  return /^[\w.-]*$/.test(text) ? text : `"${text.replaceAll('"', '""')}"`;
};

/** The statistics as CSV (RFC 4180, CRLF line ends, UTF-8), one line per row of the report. */
export function statisticsCsv(report: StatsReport): string {
  const lines = [header.join(',')];
  for (const r of report.rows) {
    lines.push(
      [r.month, r.dimension, r.value, r.cases, r.closed, r.closedInsideDue, r.shareClosedInsideDue, r.firstContacts, r.medianWorkingDaysToFirstContact]
        .map(field)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
