import { useEffect, useState } from 'react';
import type { StatsReport } from './api.ts';
import { useHeadingFocus, useLabels, useStaff } from './context.ts';
import { ScrollTable } from './ScrollTable.tsx';
import { Input } from './fields.tsx';
import { helsinkiMonth } from './format.ts';
import type { Labels } from './labels.ts';
import { monthRangeSchema } from './schemas.ts';
import { useStaffForm } from './staff-form.tsx';
import { yearOf } from '../../shared/stats/periods.ts';

type Row = StatsReport['rows'][number];

/** This calendar year, as the API's default. */
const defaultRange = (now: number): { from: string; to: string } => yearOf(helsinkiMonth(now));

/** A value of a dimension in words. */
function valueLabel(row: Row, labels: Labels, t: (key: string) => string): string {
  switch (row.dimension) {
    case 'total':
      return t('staff.stats.all');
    case 'queue':
      return labels.queue(row.value);
    case 'kind':
      return labels.kind(row.value);
    case 'category':
      return labels.category(row.value);
    case 'language':
      return labels.language(row.value);
    case 'writer':
      return labels.writer(row.value);
    case 'age':
      return labels.ageBand(row.value);
    default:
      return row.value;
  }
}

/** One table of counts: the period's rows of one dimension, or the months of the total. */
function CountTable({ id, caption, first, rows, label }: { id: string; caption: string; first: string; rows: readonly Row[]; label: (row: Row) => string }) {
  const { t, lang } = useStaff();
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const hidden = <span title={t('staff.stats.hidden')}>–<span className="visually-hidden"> {t('staff.stats.hidden')}</span></span>;
  const count = (n: number | '<5' | null) => (n === null ? hidden : n === '<5' ? '<5' : number.format(n));
  return (
    <ScrollTable
      id={id}
      caption={caption}
      numbers
      columns={[
        first,
        t('staff.stats.cases'),
        t('staff.stats.closed'),
        t('staff.stats.closedInsideDue'),
        t('staff.stats.share'),
        t('staff.stats.firstContacts'),
        t('staff.stats.median'),
      ]}
    >
      {rows.map((row) => (
        <tr key={`${row.month}-${row.dimension}-${row.value}`}>
          <th scope="row">{label(row)}</th>
          <td>{count(row.cases)}</td>
          <td>{count(row.closed)}</td>
          <td>{count(row.closedInsideDue)}</td>
          <td>{row.shareClosedInsideDue === null ? hidden : percent.format(row.shareClosedInsideDue)}</td>
          <td>{count(row.firstContacts)}</td>
          <td>{row.medianWorkingDaysToFirstContact === null ? hidden : number.format(row.medianWorkingDaysToFirstContact)}</td>
        </tr>
      ))}
    </ScrollTable>
  );
}

const dimensions = ['queue', 'kind', 'category', 'language', 'writer', 'age'] as const;

/**
 * Statistics for a whole month, quarter or year, without personal data
 * (counts of 1 to 4 shown as "<5", and a dash where a count could give one
 * of them away), and the same lines as a CSV file to download.
 */
export function StatsView(props: { readonly from?: string | undefined; readonly to?: string | undefined; readonly localeNames: Readonly<Record<string, string>> }) {
  const { t, api, navigate } = useStaff();
  const labels = useLabels(props.localeNames);
  const heading = useHeadingFocus();
  const [range] = useState(() => (props.from && props.to ? { from: props.from, to: props.to } : defaultRange(Date.now())));
  const [report, setReport] = useState<StatsReport | undefined>();
  const f = useStaffForm<{ from: string; to: string }, typeof monthRangeSchema>({
    schema: monthRangeSchema,
    defaultValues: range,
    fields: [
      { name: 'from', labelKey: 'staff.stats.from', id: 'stats-from' },
      { name: 'to', labelKey: 'staff.stats.to', id: 'stats-to' },
    ],
  });

  useEffect(() => {
    let live = true;
    void api.get(`/stats?from=${range.from}&to=${range.to}`).then((response) => {
      if (!live) return;
      if (response.status === 200) setReport(response.body as StatsReport);
      else f.showRefusal(response);
    });
    return () => {
      live = false;
    };
    // Once per range: the form's handlers do not change what is asked.
  }, [api, range]);

  const submit = f.onSubmit(async ({ from, to }) => navigate({ view: 'stats', from, to }));
  const csv = `/api/staff/stats.csv?${new URLSearchParams(range).toString()}`;
  const period = report?.rows.filter((r) => r.month === 'all') ?? [];
  const months = report?.rows.filter((r) => r.dimension === 'total') ?? [];

  return (
    <>
      {f.summary}
      <h1 tabIndex={-1} ref={heading}>{t('staff.stats.title')}</h1>
      <form className="staff-inline-form" noValidate onSubmit={(event) => void submit(event)}>
        <p className="staff-muted">{t('staff.stats.periodHint')}</p>
        <Input {...f.field('from')} hint={t('staff.stats.monthHint')} width="short" />
        <Input {...f.field('to')} hint={t('staff.stats.monthHint')} width="short" />
        <button type="submit" className="form-button">{t('staff.stats.button')}</button>
      </form>
      {!report && <p>{t('staff.loading')}</p>}
      {report && (
        <>
          <p>{t('staff.stats.period', { from: report.from, to: report.to })}</p>
          <p>
            <a href={csv} download>{t('staff.stats.csv')}</a>
          </p>
          <p className="staff-muted">{t('staff.stats.suppressed', { max: report.suppressionThreshold - 1, threshold: report.suppressionThreshold })}</p>
          <CountTable id="stats-total" caption={t('staff.stats.byMonth')} first={t('staff.stats.month')} rows={months} label={(row) => (row.month === 'all' ? t('staff.stats.wholePeriod') : row.month)} />
          {dimensions.map((d) => (
            <CountTable key={d} id={`stats-${d}`} caption={t(`staff.stats.by.${d}`)} first={t(`staff.stats.dimension.${d}`)} rows={period.filter((r) => r.dimension === d)} label={(row) => valueLabel(row, labels, t)} />
          ))}
        </>
      )}
    </>
  );
}
