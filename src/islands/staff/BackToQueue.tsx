import { useStaff } from './context.ts';
import { defaultFilters, routeHash } from './route.ts';

/** A link back to the queue (GOV.UK back link). */
export function BackToQueue() {
  const { t } = useStaff();
  return (
    <a className="staff-back" href={routeHash({ view: 'queue', filters: defaultFilters })}>
      {t('staff.case.back')}
    </a>
  );
}
