import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createStaffApi, type ApiListener, type Me } from './api.ts';
import { StaffContext, type StaffContextValue } from './context.ts';
import { parseRoute, roleViews, routeHash, type Route } from './route.ts';
import { cannotExtend, observeSession, warningMs, type SessionTiming } from './session-clock.ts';
import { SessionWarning } from './SessionWarning.tsx';
import { SignIn, type SignedOutReason } from './SignIn.tsx';
import { StaffFrame, useDocumentTitle, useStaffShell, type StaffIslandProps } from './StaffFrame.tsx';
import type { StaffSession } from './types.ts';
import { viewTitleKey, Views } from './Views.tsx';

type Phase = 'loading' | 'unreachable' | 'signed-out' | 'signed-in';

const idleEnd = (body: unknown): string | undefined =>
  typeof body === 'object' && body !== null && typeof (body as { idleExpiresAt?: unknown }).idleExpiresAt === 'string'
    ? (body as { idleExpiresAt: string }).idleExpiresAt
    : undefined;

/**
 * The staff app (`/staff/<lang>/`): sign-in, then the views of the person's
 * role, in the URL fragment. It keeps the session's idle end from the API's
 * answers, warns two minutes before it and signs out when it passes; a 401
 * from any request means the session has ended and sign-in shows again.
 * Nothing is kept in browser storage: a reload asks the server (`/me`).
 */
export default function StaffApp(props: StaffIslandProps) {
  const shell = useStaffShell(props.strings);
  const { t, clearNotice } = shell;
  const [phase, setPhase] = useState<Phase>('loading');
  const [session, setSession] = useState<StaffSession | undefined>();
  const [reason, setReason] = useState<SignedOutReason>();
  const [route, setRoute] = useState<Route>({ view: 'home' });
  // The forms' flood mode as /me last said (read when the app starts).
  const [floodMode, setFloodMode] = useState(false);
  const [timing, setTiming] = useState<SessionTiming | undefined>();
  const [warning, setWarning] = useState(false);
  const [acknowledged, setAcknowledged] = useState<number | undefined>();
  const [focusViews, setFocusViews] = useState(false);
  const phaseRef = useRef<Phase>(phase);
  phaseRef.current = phase;

  const endSession = useCallback((why: SignedOutReason) => {
    setSession(undefined);
    setTiming(undefined);
    setWarning(false);
    setReason(why);
    setPhase('signed-out');
  }, []);

  // Every answer of a signed-in request touched the session on the server.
  const listener = useMemo<ApiListener>(
    () => ({
      onAnswer(path, status, serverNow, body) {
        if (path === '/auth/sign-out') return;
        const signingIn = path === '/auth/sign-in' || path === '/me';
        if (status === 401) {
          // Ended on the server (idle there, deactivated, reset, signed out elsewhere): why is not known here.
          if (phaseRef.current === 'signed-in') endSession('ended');
          return;
        }
        if (phaseRef.current !== 'signed-in' && !(signingIn && status === 200)) return;
        setTiming((previous) => observeSession(previous, { localNow: Date.now(), serverNow, idleExpiresAt: idleEnd(body) }));
      },
    }),
    [endSession],
  );
  const api = useMemo(() => createStaffApi(props.lang, listener), [props.lang, listener]);

  const start = useCallback(async () => {
    setPhase('loading');
    const me = await api.get('/me');
    if (me.status === 200) {
      const body = me.body as Me;
      setSession({ email: body.email, role: body.role, team: body.team });
      setFloodMode(body.floodMode);
      setPhase('signed-in');
    } else if (me.status === 401) {
      setPhase('signed-out');
    } else {
      setPhase('unreachable');
    }
  }, [api]);

  useEffect(() => {
    setRoute(parseRoute(window.location.hash));
    const onHash = () => {
      // Only "#/..." names a view; any other fragment (the skip link's "#main" before the app has loaded) is not a navigation.
      if (window.location.hash && !window.location.hash.startsWith('#/')) return;
      setRoute(parseRoute(window.location.hash));
      setFocusViews(true);
      clearNotice();
    };
    window.addEventListener('hashchange', onHash);
    void start();
    return () => window.removeEventListener('hashchange', onHash);
  }, [start, clearNotice]);

  const navigate = useCallback(
    (next: Route, replace = false) => {
      const url = `${window.location.pathname}${routeHash(next)}`;
      if (replace) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
      setRoute(next);
      setFocusViews(true);
      clearNotice();
    },
    [clearNotice],
  );

  // Home is where the role starts.
  useEffect(() => {
    if (phase === 'signed-in' && session && route.view === 'home') {
      const first = roleViews[session.role][0];
      navigate(first === 'queue' ? { view: 'queue', filters: { status: 'open', overdue: false, mine: false } } : ({ view: first } as Route), true);
    }
  }, [phase, session, route.view, navigate]);

  // The warning two minutes before the end, and the end itself.
  useEffect(() => {
    if (!timing || phase !== 'signed-in') return;
    const now = Date.now();
    const warn = setTimeout(() => {
      if (acknowledged !== timing.deadline) setWarning(true);
    }, Math.max(0, timing.deadline - warningMs - now));
    // The server ends the session by itself; signing out as well ends it now even if the clocks differ a little.
    const end = setTimeout(() => void api.post('/auth/sign-out').then(() => endSession('expired')), Math.max(0, timing.deadline - now));
    return () => {
      clearTimeout(warn);
      clearTimeout(end);
    };
  }, [timing, phase, api, endSession, acknowledged]);

  const signOut = useCallback(async () => {
    await api.post('/auth/sign-out');
    endSession('signed-out');
    // The next person at this computer starts from the beginning.
    window.history.replaceState(null, '', window.location.pathname);
    setRoute({ view: 'home' });
  }, [api, endSession]);

  const stay = useCallback(async () => {
    const response = await api.post('/auth/keep-alive');
    if (response.status !== 200) return response.status === 401;
    setWarning(false);
    shell.notify(t('staff.session.extended'));
    return true;
  }, [api, shell, t]);

  const context: StaffContextValue = useMemo(
    () => ({ t, has: shell.has, lang: props.lang, api, session, notify: shell.notify, navigate, reportError: shell.reportError, focusViews }),
    [t, shell.has, props.lang, api, session, shell.notify, navigate, shell.reportError, focusViews],
  );

  const titleKey = phase === 'signed-out' ? 'staff.signIn.title' : phase === 'signed-in' ? viewTitleKey(route) : undefined;
  useDocumentTitle(t, titleKey ? t(titleKey) : '', shell.errorShowing);

  return (
    <StaffContext.Provider value={context}>
      <StaffFrame island={props} t={t} page="" notice={shell.notice} session={session} current={route.view} onSignOut={() => void signOut()}>
        {phase === 'loading' && <p>{t('staff.loading')}</p>}
        {phase === 'unreachable' && (
          <>
            <h1>{t('staff.app.title')}</h1>
            <p>{t('staff.problem.offline')}</p>
            <button type="button" className="form-button" onClick={() => void start()}>
              {t('staff.retry')}
            </button>
          </>
        )}
        {phase === 'signed-out' && (
          <SignIn
            reason={reason}
            onSignedIn={(who) => {
              setSession(who);
              // Sign-in answers who; /me also says whether the forms are in flood mode.
              void api.get('/me').then((me) => me.status === 200 && setFloodMode((me.body as Me).floodMode));
              setReason(undefined);
              setFocusViews(true);
              setPhase('signed-in');
            }}
          />
        )}
        {phase === 'signed-in' && floodMode && (
          <div className="staff-flood" role="status">
            <p>{t('staff.flood.banner')}</p>
          </div>
        )}
        {phase === 'signed-in' && session && <Views route={route} session={session} localeNames={props.localeNames} />}
        {phase === 'signed-in' && warning && timing && (
          <SessionWarning
            deadline={timing.deadline}
            atLimit={cannotExtend(timing) && timing.deadline - Date.now() <= warningMs}
            onStay={stay}
            onSignOut={() => void signOut()}
            onClose={() => {
              setAcknowledged(timing.deadline);
              setWarning(false);
            }}
          />
        )}
      </StaffFrame>
    </StaffContext.Provider>
  );
}
