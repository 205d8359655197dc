import { useMemo, useRef, useState } from 'react';
import { isStale } from './case-action.ts';
import { useHeadingFocus, useLabels, useStaff } from './context.ts';
import { formatReference } from './format.ts';
import { problemText } from './messages.ts';
import { usePagedList } from './paged-list.ts';
import { QueueTable } from './QueueTable.tsx';
import type { QueueRow } from './types.ts';

/**
 * The spam review for intake: what the honeypot and the fill-time check
 * kept out of the queue, newest first. The rows carry no free text, so a
 * glance shows nothing a bot (or a person wrongly caught) wrote; "Restore"
 * puts a case back into the queue as new.
 */
export function SpamReview({ localeNames }: { readonly localeNames: Readonly<Record<string, string>> }) {
  const { t, has, api, notify } = useStaff();
  const labels = useLabels(localeNames);
  const heading = useHeadingFocus();
  const results = useRef<HTMLHeadingElement>(null);
  const query = useMemo(() => new URLSearchParams({ limit: '50' }), []);
  const list = usePagedList('/spam', query);
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | undefined>();

  const restore = async (row: QueueRow) => {
    if (busy) return;
    setBusy(row.id);
    setProblem(undefined);
    const response = await api.post(`/spam/${row.id}/restore`, { version: row.version });
    setBusy(undefined);
    if (response.status === 200) {
      list.remove(row.id);
      notify(t('staff.spam.restored', { reference: formatReference(row.reference) }));
      // The button is gone: focus goes back to the list's heading.
      results.current?.focus();
    } else if (isStale(response)) {
      setProblem(t('staff.spam.stale'));
      list.reload();
    } else {
      setProblem(problemText(t, has, response));
    }
  };

  return (
    <>
      <h1 tabIndex={-1} ref={heading}>{t('staff.spam.title')}</h1>
      <p>{t('staff.spam.intro')}</p>
      <h2 tabIndex={-1} ref={results}>{t('staff.spam.results')}</h2>
      {problem && <p className="staff-problem">{problem}</p>}
      {list.state === 'loading' && <p>{t('staff.loading')}</p>}
      {list.problem && <p className="staff-problem">{list.problem}</p>}
      {list.state === 'ready' && list.rows.length === 0 && <p>{t('staff.spam.empty')}</p>}
      {list.state === 'ready' && list.rows.length > 0 && (
        <QueueTable
          rows={list.rows}
          caption={t('staff.spam.caption', { count: list.rows.length })}
          labels={labels}
          showArrival
          action={{
            title: t('staff.spam.action'),
            render: (row) => (
              <button
                type="button"
                className="staff-button staff-button--small"
                aria-disabled={busy === row.id || undefined}
                onClick={() => void restore(row)}
              >
                {t('staff.spam.restore')}
                <span className="visually-hidden"> {formatReference(row.reference)}</span>
              </button>
            ),
          }}
        />
      )}
      {list.state === 'ready' && list.hasMore && (
        <button type="button" className="staff-button" onClick={() => void list.loadMore()}>
          {t('staff.queue.loadMore')}
        </button>
      )}
    </>
  );
}
