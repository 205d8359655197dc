import type { FormEvent } from 'react';
import { useStaff } from './context.ts';
import type { Labels } from './labels.ts';
import { defaultFilters, type QueueFilters as Filters } from './route.ts';
import { caseStatuses, queues } from './types.ts';

/**
 * The queue's filters (GOV.UK filter pattern: choose, then apply). They go
 * into the URL fragment, so the back button and the language switch keep them.
 */
export function QueueFilters({ filters, labels }: { readonly filters: Filters; readonly labels: Labels }) {
  const { t, session, navigate } = useStaff();
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' && value ? value : undefined;
    };
    navigate({
      view: 'queue',
      filters: { queue: text('queue'), status: text('status') ?? 'open', priority: text('priority'), overdue: data.has('overdue'), mine: data.has('mine') },
    });
  };
  // Folded away until asked for, so the first cases are on the first screen; open while a filter is chosen.
  const filtered = Boolean(filters.queue || filters.priority || filters.overdue || filters.mine || filters.status !== defaultFilters.status);
  return (
    <details className="staff-filters" open={filtered || undefined}>
      <summary className="staff-filters-toggle">{t('staff.filters.title')}</summary>
      <form noValidate onSubmit={apply}>
        <fieldset className="form-fieldset">
          <legend className="visually-hidden">{t('staff.filters.title')}</legend>
          <div className="staff-filter-row">
            {/* A team member sees their own team's queue only. */}
            {session?.role === 'intake' && (
              <div className="form-group">
                <label className="form-label" htmlFor="filter-queue">{t('staff.filters.queue')}</label>
                <select id="filter-queue" name="queue" className="form-select" defaultValue={filters.queue ?? ''}>
                  <option value="">{t('staff.filters.anyQueue')}</option>
                  {queues.map((q) => (
                    <option key={q} value={q}>{labels.queue(q)}</option>
                  ))}
                </select>
              </div>
            )}
            <div className="form-group">
              <label className="form-label" htmlFor="filter-status">{t('staff.filters.status')}</label>
              <select id="filter-status" name="status" className="form-select" defaultValue={filters.status}>
                <option value="open">{t('staff.filters.open')}</option>
                <option value="all">{t('staff.filters.allStatuses')}</option>
                {caseStatuses.map((s) => (
                  <option key={s} value={s}>{labels.status(s)}</option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="filter-priority">{t('staff.filters.priority')}</label>
              <select id="filter-priority" name="priority" className="form-select" defaultValue={filters.priority ?? ''}>
                <option value="">{t('staff.filters.anyPriority')}</option>
                {[1, 2, 3].map((p) => (
                  <option key={p} value={String(p)}>{labels.priority(p)}</option>
                ))}
              </select>
            </div>
          </div>
          <div className="form-choices form-choices--checkbox staff-filter-checks">
            <div className="form-choice">
              <input id="filter-overdue" name="overdue" type="checkbox" className="form-choice-input" defaultChecked={filters.overdue} />
              <label className="form-choice-label" htmlFor="filter-overdue">{t('staff.filters.overdue')}</label>
            </div>
            <div className="form-choice">
              <input id="filter-mine" name="mine" type="checkbox" className="form-choice-input" defaultChecked={filters.mine} />
              <label className="form-choice-label" htmlFor="filter-mine">{t('staff.filters.mine')}</label>
            </div>
          </div>
          <button type="submit" className="staff-button">{t('staff.filters.apply')}</button>
        </fieldset>
      </form>
    </details>
  );
}
