import { useEffect, useRef, useState } from 'react';
import { isStale, withChange, type ActionProps } from './case-action.ts';
import { ContactAttempts, History, Notes } from './CaseHistory.tsx';
import { AssignForm, RouteForm, StatusForm } from './CaseRouting.tsx';
import { BackToQueue } from './BackToQueue.tsx';
import { AnswerSection, CaseFactsList, SafeContact } from './CaseSections.tsx';
import { AttemptForm, LinkForm, NoteForm } from './CaseWorkForms.tsx';
import { useStaff } from './context.ts';
import { formatDateTime } from './format.ts';
import type { Labels } from './labels.ts';
import { routeHash } from './route.ts';
import { asChangedCase, type CaseDetail } from './types.ts';

/**
 * "Someone else has changed this case": an action was refused because the
 * case's version had moved on. Nothing was saved; reloading shows their
 * change, and the worker can then do theirs again.
 */
function StaleNotice({ reload }: { readonly reload: () => Promise<string | undefined> }) {
  const { t } = useStaff();
  const heading = useRef<HTMLHeadingElement>(null);
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="staff-stale" role="region" aria-labelledby="stale-title">
      <h2 id="stale-title" tabIndex={-1} ref={heading}>{t('staff.stale.title')}</h2>
      <p>{t('staff.stale.text')}</p>
      {problem && <p className="form-error-message">{problem}</p>}
      <button type="button" className="staff-button" onClick={() => void reload().then(setProblem)}>
        {t('staff.stale.reload')}
      </button>
    </div>
  );
}

/**
 * A case with its personal data: the safe-contact box first, then who to
 * contact, what they wrote, the case's facts and history, contact attempts
 * and notes; then the actions (beside the case on a wide screen).
 * Every action carries the case's version; a stale one changes nothing and
 * says so. Changes update the page from the server's answer.
 */
export function CaseView(props: {
  readonly detail: CaseDetail;
  readonly labels: Labels;
  readonly onChange: (detail: CaseDetail) => void;
  readonly reload: () => Promise<string | undefined>;
}) {
  const { detail, labels, onChange } = props;
  const { t, lang, api, session, notify } = useStaff();
  const c = detail.case;
  const heading = useRef<HTMLHeadingElement>(null);
  const [stale, setStale] = useState(false);
  // The case opens after the purpose is chosen: its heading takes focus.
  useEffect(() => heading.current?.focus(), []);

  const reload = async () => {
    const problem = await props.reload();
    if (!problem) {
      setStale(false);
      notify(t('staff.stale.reloaded'));
    }
    return problem;
  };

  const actionProps: ActionProps = {
    detail,
    labels,
    send: async (path, body, refused) => {
      const response = await api.post(`/cases/${c.id}/${path}`, { ...body, version: c.version });
      const changed = response.status === 200 ? asChangedCase(response.body) : undefined;
      if (changed) return changed;
      if (isStale(response)) setStale(true);
      else refused(response);
      return undefined;
    },
    applied: (changed, local, message) => {
      onChange(withChange(detail, changed, local, session?.email ?? '', Date.now()));
      notify(message);
    },
  };

  const open = c.status !== 'closed' && c.status !== 'spam';
  return (
    <>
      <BackToQueue />
      <p className="staff-caption">
        {labels.kind(c.kind)} · {t('staff.case.arrived', { date: formatDateTime(c.createdAt, lang) })}
      </p>
      <h1 tabIndex={-1} ref={heading}>{t('staff.case.heading', { reference: c.referenceFormatted })}</h1>
      {stale && <StaleNotice reload={reload} />}
      <div className="staff-case">
        <div className="staff-case-main">
          <SafeContact prefs={detail.contactPreferences} labels={labels} />
          <AnswerSection id="contact-title" title={t('staff.case.contactDetails')} answers={detail.contactDetails} labels={labels} />
          {detail.child && <AnswerSection id="child-title" title={t('staff.case.child')} answers={detail.child} labels={labels} />}
          <AnswerSection id="answers-title" title={t('staff.case.answers')} answers={detail.answers} labels={labels} />
          <CaseFactsList detail={detail} labels={labels} />
          <p>
            <a href={routeHash({ view: 'print', id: c.id })}>{t('staff.print.link')}</a>
            <span className="staff-muted"> {t('staff.print.logged')}</span>
          </p>
          <History events={detail.events} labels={labels} />
          <ContactAttempts attempts={detail.contactAttempts} labels={labels} />
          <Notes notes={detail.notes} />
        </div>
        {/* After the case in reading order; beside it on a wide screen. */}
        <section className="staff-case-actions" aria-labelledby="actions-title">
          <h2 id="actions-title">{t('staff.case.actions')}</h2>
          {!open && <p>{t('staff.case.closedActions')}</p>}
          {open && session?.role === 'intake' && <RouteForm key={`route-${c.version}`} {...actionProps} />}
          {open && <AssignForm key={`assign-${c.queue}`} {...actionProps} />}
          <StatusForm {...actionProps} />
          {open && <AttemptForm {...actionProps} />}
          {c.status !== 'spam' && <NoteForm {...actionProps} />}
          <LinkForm {...actionProps} />
        </section>
      </div>
    </>
  );
}
