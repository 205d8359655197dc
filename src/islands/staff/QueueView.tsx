import { useMemo } from 'react';
import { useHeadingFocus, useLabels, useStaff } from './context.ts';
import { FindCase } from './FindCase.tsx';
import { usePagedList } from './paged-list.ts';
import { QueueFilters } from './QueueFilters.tsx';
import { QueueTable } from './QueueTable.tsx';
import type { QueueFilters as Filters } from './route.ts';

/** The list API's query for the filters. */
function listQuery(filters: Filters): URLSearchParams {
  const query = new URLSearchParams({ status: filters.status, limit: '50' });
  if (filters.queue) query.set('queue', filters.queue);
  if (filters.priority) query.set('priority', filters.priority);
  if (filters.overdue) query.set('overdue', '1');
  if (filters.mine) query.set('mine', '1');
  return query;
}

/**
 * The queue: intake sees every case, a team member their team's. Search by
 * reference, filters, the cases in the API's order (most urgent and
 * soonest due first), overdue ones marked in words, and "Load more".
 */
export function QueueView({ filters, localeNames }: { readonly filters: Filters; readonly localeNames: Readonly<Record<string, string>> }) {
  const { t, session, notify } = useStaff();
  const labels = useLabels(localeNames);
  const heading = useHeadingFocus();
  const query = useMemo(() => listQuery(filters), [filters]);
  const list = usePagedList('/cases', query);

  const status = filters.status === 'open' ? t('staff.filters.open') : filters.status === 'all' ? t('staff.filters.allStatuses') : labels.status(filters.status);
  const where = session?.role === 'team' && session.team ? labels.queue(session.team) : filters.queue ? labels.queue(filters.queue) : t('staff.filters.anyQueue');
  const caption = t('staff.queue.caption', { status, queue: where, count: list.rows.length });

  const more = async () => {
    const added = await list.loadMore();
    if (added > 0) notify(t('staff.queue.loaded', { count: added }));
  };

  return (
    <>
      <h1 tabIndex={-1} ref={heading}>{session?.role === 'team' && session.team ? t('staff.queue.titleTeam', { team: labels.queue(session.team) }) : t('staff.queue.title')}</h1>
      <FindCase />
      <QueueFilters filters={filters} labels={labels} />
      <h2>{t('staff.queue.results')}</h2>
      {list.state === 'loading' && <p>{t('staff.loading')}</p>}
      {list.problem && (
        <div className="staff-problem">
          <p>{list.problem}</p>
          <button type="button" className="staff-button" onClick={list.reload}>{t('staff.retry')}</button>
        </div>
      )}
      {list.state === 'ready' && list.rows.length === 0 && <p>{t('staff.queue.empty')}</p>}
      {list.state === 'ready' && list.rows.length > 0 && <QueueTable rows={list.rows} caption={caption} labels={labels} />}
      {list.state === 'ready' && list.hasMore && (
        <button type="button" className="staff-button" aria-disabled={list.loadingMore || undefined} onClick={() => void more()}>
          {t('staff.queue.loadMore')}
        </button>
      )}
    </>
  );
}
