import { AuditView } from './AuditView.tsx';
import { CaseScreen } from './CaseScreen.tsx';
import { useHeadingFocus, useStaff } from './context.ts';
import { PrintView } from './PrintView.tsx';
import { QueueView } from './QueueView.tsx';
import { mayOpen, type Route } from './route.ts';
import { SpamReview } from './SpamReview.tsx';
import { StatsView } from './StatsView.tsx';
import type { StaffSession } from './types.ts';
import { UsersView } from './UsersView.tsx';

/** The title's key of each view (the document title names the view, nothing personal); none for home. */
export function viewTitleKey(route: Route): string | undefined {
  return route.view === 'home' ? undefined : `staff.${route.view}.title`;
}

function NoAccess() {
  const { t } = useStaff();
  const heading = useHeadingFocus();
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>{t('staff.noAccess.title')}</h1>
      <p>{t('staff.noAccess.text')}</p>
    </>
  );
}

/**
 * The view the fragment names, if the role has it: intake the queue, cases
 * and spam review; a team member their team's cases; admin users, audit and
 * statistics (and no case contents). Each view is keyed by what it shows,
 * so moving to another case starts afresh and nothing of the last one stays.
 */
export function Views({ route, session, localeNames }: { readonly route: Route; readonly session: StaffSession; readonly localeNames: Readonly<Record<string, string>> }) {
  if (route.view === 'home') return null;
  if (!mayOpen(session.role, route.view)) return <NoAccess />;
  switch (route.view) {
    case 'queue':
      return <QueueView key={JSON.stringify(route.filters)} filters={route.filters} localeNames={localeNames} />;
    case 'case':
      return <CaseScreen key={route.id} id={route.id} localeNames={localeNames} />;
    case 'print':
      return <PrintView key={route.id} id={route.id} localeNames={localeNames} />;
    case 'spam':
      return <SpamReview localeNames={localeNames} />;
    case 'users':
      return <UsersView />;
    case 'audit':
      return <AuditView key={route.reference ?? ''} reference={route.reference} />;
    case 'stats':
      return <StatsView key={`${route.from}-${route.to}`} from={route.from} to={route.to} localeNames={localeNames} />;
  }
}
