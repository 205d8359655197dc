import { useState } from 'react';
import { RadioGroup } from '../../ui/controls.tsx';
import { BackToQueue } from './BackToQueue.tsx';
import { CaseView } from './CaseView.tsx';
import { useHeadingFocus, useLabels, useStaff } from './context.ts';
import { problemText } from './messages.ts';
import { purposeSchema } from './schemas.ts';
import { useStaffForm } from './staff-form.tsx';
import { asCaseDetail, purposes, type CaseDetail } from './types.ts';

/**
 * Opening a case: first why (the API logs the view with this purpose, as
 * the Client Data Act's access log asks), and only then the personal data.
 * The data lives in this view's state only: leaving the view drops it.
 */
export function CaseScreen({ id, localeNames }: { readonly id: string; readonly localeNames: Readonly<Record<string, string>> }) {
  const { t, has, api } = useStaff();
  const labels = useLabels(localeNames);
  const heading = useHeadingFocus<HTMLHeadingElement>();
  const [purpose, setPurpose] = useState<string | undefined>();
  const [detail, setDetail] = useState<CaseDetail | undefined>();
  const f = useStaffForm<{ purpose: string }, typeof purposeSchema>({
    schema: purposeSchema,
    defaultValues: { purpose: '' },
    fields: [{ name: 'purpose', labelKey: 'staff.purpose.question', id: 'purpose' }],
  });

  /** Loads the case for a purpose; the answer or a refusal in words. */
  const load = async (why: string): Promise<string | undefined> => {
    const response = await api.get(`/cases/${id}?purpose=${encodeURIComponent(why)}`);
    const found = response.status === 200 ? asCaseDetail(response.body) : undefined;
    if (found) {
      setPurpose(why);
      setDetail(found);
      return undefined;
    }
    return problemText(t, has, response);
  };

  const submit = f.onSubmit(async ({ purpose: why }) => {
    const problem = await load(why);
    if (problem) f.showProblem(problem);
  });

  if (detail && purpose) {
    return <CaseView detail={detail} labels={labels} onChange={setDetail} reload={() => load(purpose)} />;
  }

  return (
    <>
      <BackToQueue />
      {f.summary}
      <h1 tabIndex={-1} ref={heading}>
        {t('staff.purpose.title')}
      </h1>
      <p>{t('staff.purpose.intro')}</p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <RadioGroup
          {...f.field('purpose')}
          hint={t('staff.purpose.hint')}
          options={purposes.map((p) => ({ value: p, label: labels.purpose(p), hint: t(`staff.purpose.${p}.hint`) }))}
        />
        <button type="submit" className="form-button" aria-disabled={f.busy || undefined}>
          {t('staff.purpose.button')}
        </button>
      </form>
    </>
  );
}
