import { useEffect, useRef } from 'react';
import { useWatch } from 'react-hook-form';
import { RadioGroup } from '../../ui/controls.tsx';
import type { LinkIssued } from './api.ts';
import { useStaff } from './context.ts';
import { Input, Select } from './fields.tsx';
import { formatDateTime } from './format.ts';
import { newUserSchema } from './schemas.ts';
import { useStaffForm } from './staff-form.tsx';
import { queues, roles } from './types.ts';
import { withUserText } from './user-text.tsx';

/**
 * The one-time enrolment link after adding or resetting someone, to hand
 * over in person or over a channel the admin trusts. It is shown here once;
 * the server keeps only a hash of it.
 */
export function LinkPanel({ issued, reset }: { readonly issued: LinkIssued; readonly reset: boolean }) {
  const { t, lang, notify } = useStaff();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [issued]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.enrolmentLink);
      notify(t('staff.users.link.copied'));
    } catch {
      notify(t('staff.users.link.copyFailed'));
    }
  };
  return (
    <section className="staff-panel" aria-labelledby="link-panel-title">
      <h2 id="link-panel-title" tabIndex={-1} ref={heading}>
        {withUserText(t(reset ? 'staff.users.link.resetTitle' : 'staff.users.link.title'), { email: issued.user.email })}
      </h2>
      <p>{t('staff.users.link.text', { time: formatDateTime(issued.expiresAt, lang) })}</p>
      <div className="form-group">
        <label className="form-label" htmlFor="enrolment-link">{t('staff.users.link.label')}</label>
        <input id="enrolment-link" className="form-input" type="text" readOnly value={issued.enrolmentLink} onFocus={(event) => event.currentTarget.select()} />
      </div>
      <button type="button" className="staff-button" onClick={() => void copy()}>
        {t('staff.users.link.copy')}
      </button>
    </section>
  );
}

type Values = { email: string; role: string; team: string };

/** Adds a staff user with a role (and a team for a team member); the answer carries their enrolment link. */
export function AddUser({ onAdded }: { readonly onAdded: (issued: LinkIssued) => void }) {
  const { t, api } = useStaff();
  const f = useStaffForm<Values, typeof newUserSchema>({
    schema: newUserSchema,
    defaultValues: { email: '', role: '', team: '' },
    fields: [
      { name: 'email', labelKey: 'staff.users.add.email', id: 'add-email' },
      { name: 'role', labelKey: 'staff.users.add.role', id: 'add-role' },
      { name: 'team', labelKey: 'staff.users.add.team', id: 'add-team' },
    ],
  });
  const role = useWatch({ control: f.form.control, name: 'role' });
  const submit = f.onSubmit(async ({ email, role, team }) => {
    const response = await api.post('/users', { email, role, team: role === 'team' ? team : null });
    if (response.status === 201) {
      f.form.reset({ email: '', role: '', team: '' });
      onAdded(response.body as LinkIssued);
      return;
    }
    f.showRefusal(response);
  });
  return (
    <section aria-labelledby="add-user-title">
      {f.summary}
      <h2 id="add-user-title">{t('staff.users.add.title')}</h2>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <Input {...f.field('email')} hint={t('staff.users.add.emailHint')} type="email" width="medium" />
        <RadioGroup
          {...f.field('role')}
          options={roles.map((r) => ({ value: r, label: t(`staff.role.${r}`), hint: t(`staff.role.${r}.hint`) }))}
        >
          {role === 'team' && (
            <div className="form-conditional">
              <Select
                {...f.field('team')}
                options={[{ value: '', label: t('staff.users.add.chooseTeam') }, ...queues.map((q) => ({ value: q, label: t(`staff.queue.${q}`) }))]}
              />
            </div>
          )}
        </RadioGroup>
        <button type="submit" className="form-button" aria-disabled={f.busy || undefined}>{t('staff.users.add.button')}</button>
      </form>
    </section>
  );
}
