import type { ReactNode } from 'react';
import { useStaff } from './context.ts';
import { ScrollTable } from './ScrollTable.tsx';
import { formatDateTime, formatReference } from './format.ts';
import type { Labels } from './labels.ts';
import { routeHash } from './route.ts';
import type { QueueRow } from './types.ts';

/** "Overdue" in words, not in colour alone (WCAG 1.4.1). */
export function OverdueTag() {
  const { t } = useStaff();
  return <strong className="staff-tag staff-tag--overdue">{t('staff.queue.overdue')}</strong>;
}

/** Where a case is: its confirmed queue, or the proposal marked as such. */
export function QueueCell({ row, labels }: { readonly row: Pick<QueueRow, 'queue' | 'proposedQueue'>; readonly labels: Labels }) {
  const { t } = useStaff();
  if (row.queue) return <>{labels.queue(row.queue)}</>;
  return (
    <>
      {labels.queue(row.proposedQueue)} <span className="staff-muted">({t('staff.queue.proposed')})</span>
    </>
  );
}

/**
 * The cases as a table, in the order the API gives (priority, then due
 * date). Nothing personal: the reference opens the case, which asks why
 * first. A wide table scrolls sideways inside a focusable region, so a
 * keyboard can scroll it too.
 */
export function QueueTable(props: {
  readonly rows: readonly QueueRow[];
  readonly caption: string;
  readonly labels: Labels;
  /** Extra cells at the end of a row (the spam review's restore button). */
  readonly action?: { readonly title: string; readonly render: (row: QueueRow) => ReactNode } | undefined;
  /** The spam review shows when a case arrived instead of when it is due, and why it was held. */
  readonly showArrival?: boolean;
}) {
  const { t, lang } = useStaff();
  const { rows, caption, labels, action, showArrival = false } = props;
  return (
    <ScrollTable
      id="queue-caption"
      caption={caption}
      columns={[
        t('staff.column.reference'),
        t('staff.column.kind'),
        t('staff.column.categories'),
        t('staff.column.age'),
        t('staff.column.contactLanguage'),
        t('staff.column.interpreter'),
        t('staff.column.priority'),
        t(showArrival ? 'staff.column.arrived' : 'staff.column.due'),
        t('staff.column.status'),
        t('staff.column.queue'),
        t('staff.column.assignee'),
        ...(showArrival ? [t('staff.spam.held.title')] : []),
        ...(action ? [action.title] : []),
      ]}
    >
      {rows.map((row) => (
        <tr key={row.id} className={row.overdue ? 'staff-row--overdue' : undefined}>
          <th scope="row">
            {action ? (
              <span className="staff-reference">{formatReference(row.reference)}</span>
            ) : (
              <a className="staff-reference" href={routeHash({ view: 'case', id: row.id })}>
                {formatReference(row.reference)}
              </a>
            )}
          </th>
          <td>{labels.kind(row.kind)}</td>
          <td>{row.categories.map((c) => labels.category(c)).join(', ')}</td>
          <td>{labels.ageBand(row.ageBand)}</td>
          {/* The language to contact the person in (the form's own language when the form does not ask). */}
          <td>{labels.language(row.contactLanguage ?? row.locale)}</td>
          <td>{labels.yesNo(row.interpreterNeeded)}</td>
          <td>{labels.priority(row.priority)}</td>
          <td>
            {formatDateTime(showArrival ? row.createdAt : row.dueAt, lang)}
            {row.overdue && (
              <>
                {' '}
                <OverdueTag />
              </>
            )}
          </td>
          <td>{labels.status(row.status)}</td>
          <td>
            <QueueCell row={row} labels={labels} />
          </td>
          <td>{row.assigneeEmail ?? <span className="staff-muted">{t('staff.case.unassigned')}</span>}</td>
          {showArrival && <td>{row.heldFor?.length ? row.heldFor.map((r) => t(`staff.spam.held.${r}`)).join('; ') : t('staff.spam.held.unknown')}</td>}
          {action && <td>{action.render(row)}</td>}
        </tr>
      ))}
    </ScrollTable>
  );
}
