import { useEffect, useState } from 'react';
import type { CaseAudit } from './api.ts';
import { useHeadingFocus, useLabels, useStaff } from './context.ts';
import { ScrollTable } from './ScrollTable.tsx';
import { Input } from './fields.tsx';
import { formatDateTime, formatReference } from './format.ts';
import { problemText } from './messages.ts';
import { referenceSchema } from './schemas.ts';
import { useStaffForm } from './staff-form.tsx';
import { UserText } from './user-text.tsx';

const noNames: Readonly<Record<string, string>> = {};

/** The trail of one case: when, who, what and why. */
function Trail({ audit }: { readonly audit: CaseAudit }) {
  const { t, lang } = useStaff();
  const labels = useLabels(noNames);
  const reference = formatReference(audit.reference);
  if (audit.entries.length === 0) return <p>{t('staff.audit.empty', { reference })}</p>;
  return (
    <ScrollTable
      id="audit-caption"
      caption={t('staff.audit.caption', { reference, count: audit.entries.length })}
      columns={[
        t('staff.audit.at'),
        t('staff.audit.who'),
        t('staff.audit.action'),
        t('staff.audit.purpose'),
      ]}
    >
      {audit.entries.map((e) => (
        <tr key={e.seq}>
          <td>{formatDateTime(e.at, lang)}</td>
          <td>
            {e.actorEmail ? <UserText>{e.actorEmail}</UserText> : t('staff.unknownPerson')}
            {e.actorRole && <span className="staff-muted"> ({labels.role(e.actorRole)})</span>}
          </td>
          <td>{labels.action(e.action)}</td>
          <td>{e.purpose ? labels.purpose(e.purpose) : '–'}</td>
        </tr>
      ))}
    </ScrollTable>
  );
}

/**
 * Who has seen or changed a case, for an admin answering a person's request
 * under the Client Data Act (703/2023) s.11: by reference, which still
 * works after the case itself has been deleted. The reference goes into the
 * fragment, so the trail can be reopened and the language switched.
 */
export function AuditView({ reference }: { readonly reference?: string | undefined }) {
  const { t, has, api, navigate } = useStaff();
  const heading = useHeadingFocus();
  const [audit, setAudit] = useState<CaseAudit | undefined>();
  const [loading, setLoading] = useState(Boolean(reference));
  const f = useStaffForm<{ reference: string }, typeof referenceSchema>({
    schema: referenceSchema,
    defaultValues: { reference: reference ?? '' },
    fields: [{ name: 'reference', labelKey: 'staff.audit.label', id: 'audit-reference' }],
  });

  useEffect(() => {
    if (!reference) return;
    let live = true;
    void api.get(`/audit/cases/by-reference/${encodeURIComponent(reference)}`).then((response) => {
      if (!live) return;
      setLoading(false);
      if (response.status === 200) setAudit(response.body as CaseAudit);
      else if (response.status === 400) f.showFieldError('reference', t('staff.apiError.invalid_reference'));
      else f.showProblem(problemText(t, has, response));
    });
    return () => {
      live = false;
    };
    // The form's handlers are stable in what they do; the trail loads once per reference.
  }, [api, reference]);

  const submit = f.onSubmit(async ({ reference: typed }) => navigate({ view: 'audit', reference: typed }));

  return (
    <>
      {f.summary}
      <h1 tabIndex={-1} ref={heading}>{t('staff.audit.title')}</h1>
      <p>{t('staff.audit.intro')}</p>
      <form className="staff-inline-form" noValidate onSubmit={(event) => void submit(event)}>
        <Input {...f.field('reference')} hint={t('staff.find.hint')} width="medium" />
        <button type="submit" className="form-button">{t('staff.audit.button')}</button>
      </form>
      {loading && <p>{t('staff.loading')}</p>}
      {audit && <Trail audit={audit} />}
    </>
  );
}
