import { useEffect, useMemo, useState } from 'react';
import { createStaffApi } from './api.ts';
import { StaffContext, type StaffContextValue } from './context.ts';
import { Enrol } from './Enrol.tsx';
import { SignIn } from './SignIn.tsx';
import { StaffFrame, useDocumentTitle, useStaffShell, type StaffIslandProps } from './StaffFrame.tsx';

/**
 * The enrolment page (`/staff/<lang>/enrol/#<token>`): the steps of
 * enrolment, then sign-in, then the app. The token is read from the
 * fragment and dropped from the address bar once enrolment is done.
 */
export default function StaffEnrol(props: StaffIslandProps) {
  const shell = useStaffShell(props.strings);
  const { t } = shell;
  const api = useMemo(() => createStaffApi(props.lang), [props.lang]);
  const [token, setToken] = useState<string | undefined>();
  const [phase, setPhase] = useState<'enrol' | 'sign-in'>('enrol');
  const [stepped, setStepped] = useState(false);

  useEffect(() => {
    setToken(decodeURIComponent(window.location.hash.slice(1)).trim());
  }, []);

  useDocumentTitle(t, t(phase === 'enrol' ? 'staff.enrol.title' : 'staff.signIn.title'), shell.errorShowing);

  const context: StaffContextValue = useMemo(
    () => ({
      t,
      has: shell.has,
      lang: props.lang,
      api,
      session: undefined,
      notify: shell.notify,
      navigate: () => {},
      reportError: shell.reportError,
      focusViews: stepped,
    }),
    [t, shell.has, shell.notify, shell.reportError, props.lang, api, stepped],
  );

  const finished = () => {
    // The link is used up: it leaves the address bar and the history entry.
    window.history.replaceState(null, '', window.location.pathname);
    setStepped(true);
    setPhase('sign-in');
  };

  return (
    <StaffContext.Provider value={context}>
      <StaffFrame island={props} t={t} page="enrol/" notice={shell.notice}>
        {token === undefined ? (
          <h1>{t('staff.enrol.title')}</h1>
        ) : phase === 'enrol' ? (
          <Enrol token={token} onStep={() => setStepped(true)} onFinished={finished} />
        ) : (
          <SignIn reason="enrolled" onSignedIn={() => window.location.assign(`/staff/${props.code}/`)} />
        )}
      </StaffFrame>
    </StaffContext.Provider>
  );
}
