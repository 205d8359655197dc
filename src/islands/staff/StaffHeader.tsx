import { useEffect, useState } from 'react';
import type { Translate } from '../../ui/translate.ts';
import { roleViews, routeHash, type Route } from './route.ts';
import type { StaffSession } from './types.ts';
import { UserText } from './user-text.tsx';

/** A staff language as the page passes it: fi, sv, en. */
export interface StaffLanguage {
  readonly code: string;
  readonly lang: string;
  readonly label: string;
}

/** The URL fragment, kept current (the language links carry it, so a switch keeps the view). */
export function useHash(): string {
  const [hash, setHash] = useState('');
  useEffect(() => {
    const update = () => setHash(window.location.hash);
    update();
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return hash;
}

const viewKey: Record<string, string> = {
  queue: 'staff.nav.queue',
  spam: 'staff.nav.spam',
  users: 'staff.nav.users',
  audit: 'staff.nav.audit',
  stats: 'staff.nav.stats',
};

/** The route a navigation link opens. */
const navRoute = (view: string): Route =>
  view === 'queue' ? { view: 'queue', filters: { status: 'open', overdue: false, mine: false } } : ({ view } as Route);

/**
 * The staff app's header: the app's name, the views of the signed-in role,
 * who is signed in with the sign-out button, and the language switch
 * (Helsinki Design System: languages named in themselves, never flags).
 */
export function StaffHeader(props: {
  readonly t: Translate;
  readonly code: string;
  readonly languages: readonly StaffLanguage[];
  /** The page under /staff/<lang>/: '' for the app, 'enrol/' for enrolment. */
  readonly page: string;
  readonly session?: StaffSession | undefined;
  readonly current?: Route['view'] | undefined;
  readonly onSignOut?: (() => void) | undefined;
}) {
  const { t, code, languages, page, session, current, onSignOut } = props;
  const hash = useHash();
  const team = session?.team ? ` · ${t(`staff.queue.${session.team}`)}` : '';
  return (
    <header className="staff-header">
      <div className="staff-wrap staff-bar">
        <p className="staff-name">{t('staff.app.name')}</p>
        <nav className="staff-languages" aria-label={t('staff.language.label')}>
          <ul>
            {languages.map((l) => (
              <li key={l.code}>
                <a href={`/staff/${l.code}/${page}${hash}`} lang={l.lang} hrefLang={l.lang} aria-current={l.code === code ? 'true' : undefined}>
                  {l.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {session && (
        <div className="staff-wrap staff-bar staff-bar--user">
          <nav className="staff-nav" aria-label={t('staff.nav.label')}>
            <ul>
              {roleViews[session.role].map((view) => (
                <li key={view}>
                  <a href={routeHash(navRoute(view))} aria-current={current === view ? 'page' : undefined}>
                    {t(viewKey[view] ?? view)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="staff-user">
            <p>
              <span className="visually-hidden">{t('staff.user.signedInAs')} </span>
              <UserText className="staff-user-email">{session.email}</UserText>
              <span className="staff-user-role">
                {' '}
                ({t(`staff.role.${session.role}`)}
                {team})
              </span>
            </p>
            <button type="button" className="staff-button staff-button--secondary" onClick={onSignOut}>
              {t('staff.signOut.button')}
            </button>
          </div>
        </div>
      )}
    </header>
  );
}
