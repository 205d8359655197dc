import { useEffect, useState } from 'react';
import { ContactAttempts, History, Notes } from './CaseHistory.tsx';
import { AnswerSection, CaseFactsList, SafeContact } from './CaseSections.tsx';
import { useHeadingFocus, useLabels, useStaff } from './context.ts';
import { formatDateTime } from './format.ts';
import { problemText } from './messages.ts';
import { routeHash } from './route.ts';
import { asCaseDetail, type CaseDetail } from './types.ts';
import { withUserText } from './user-text.tsx';

/**
 * A printable summary for a handover: `GET /cases/:id/print`, which the
 * server logs as a print with the purpose "handover". The print stylesheet
 * leaves out the app's header, links and buttons; the page says who printed
 * it and when, so a paper copy can be traced.
 */
export function PrintView({ id, localeNames }: { readonly id: string; readonly localeNames: Readonly<Record<string, string>> }) {
  const { t, has, lang, api } = useStaff();
  const labels = useLabels(localeNames);
  const heading = useHeadingFocus();
  const [detail, setDetail] = useState<CaseDetail | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    void api.get(`/cases/${id}/print`).then((response) => {
      if (!live) return;
      const found = response.status === 200 ? asCaseDetail(response.body) : undefined;
      if (found) setDetail(found);
      else setProblem(problemText(t, has, response));
    });
    return () => {
      live = false;
    };
  }, [api, id, t, has]);

  return (
    <div className="staff-print">
      <a className="staff-back staff-no-print" href={routeHash({ view: 'case', id })}>
        {t('staff.print.back')}
      </a>
      <h1 tabIndex={-1} ref={heading}>
        {detail ? t('staff.print.heading', { reference: detail.case.referenceFormatted }) : t('staff.print.title')}
      </h1>
      {!detail && !problem && <p>{t('staff.loading')}</p>}
      {problem && <p className="staff-problem">{problem}</p>}
      {detail && (
        <>
          <p className="staff-meta">
            {withUserText(t('staff.print.printed', { time: formatDateTime(detail.printedAt ?? '', lang) }), { who: detail.printedBy ?? '' })}
          </p>
          <p className="staff-print-warning">{t('staff.print.confidential')}</p>
          <button type="button" className="form-button staff-no-print" onClick={() => window.print()}>
            {t('staff.print.button')}
          </button>
          <SafeContact prefs={detail.contactPreferences} labels={labels} />
          <AnswerSection id="print-contact-title" title={t('staff.case.contactDetails')} answers={detail.contactDetails} labels={labels} />
          {detail.child && <AnswerSection id="print-child-title" title={t('staff.case.child')} answers={detail.child} labels={labels} />}
          <AnswerSection id="print-answers-title" title={t('staff.case.answers')} answers={detail.answers} labels={labels} />
          <CaseFactsList detail={detail} labels={labels} />
          <ContactAttempts attempts={detail.contactAttempts} labels={labels} />
          <Notes notes={detail.notes} />
          <History events={detail.events} labels={labels} />
        </>
      )}
    </div>
  );
}
