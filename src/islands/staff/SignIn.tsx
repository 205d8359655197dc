import { useHeadingFocus, useStaff } from './context.ts';
import { Input } from './fields.tsx';
import { signInSchema } from './schemas.ts';
import { useStaffForm } from './staff-form.tsx';
import type { StaffSession } from './types.ts';

type Values = { email: string; password: string; code: string };

const fields = [
  { name: 'email', labelKey: 'staff.signIn.email', id: 'sign-in-email' },
  { name: 'password', labelKey: 'staff.signIn.password', id: 'sign-in-password' },
  { name: 'code', labelKey: 'staff.signIn.code', id: 'sign-in-code' },
];

/** Why the sign-in screen shows. */
export type SignedOutReason = 'expired' | 'ended' | 'signed-out' | 'enrolled' | undefined;

/**
 * Sign in with email, password and the authenticator's code (or a recovery
 * code), all three every time. A refusal says only that something is wrong,
 * never which: the server answers the same for every failure.
 */
export function SignIn(props: { readonly reason: SignedOutReason; readonly onSignedIn: (session: StaffSession, idleExpiresAt: string) => void }) {
  const { t, api } = useStaff();
  const heading = useHeadingFocus();
  const staffForm = useStaffForm<Values, typeof signInSchema>({
    schema: signInSchema,
    defaultValues: { email: '', password: '', code: '' },
    fields,
  });
  const { form, field, summary, onSubmit, showProblem, showRefusal, busy } = staffForm;

  const send = onSubmit(async (data) => {
    const response = await api.post('/auth/sign-in', data);
    if (response.status === 200) {
      const body = response.body as StaffSession & { idleExpiresAt: string };
      props.onSignedIn({ email: body.email, role: body.role, team: body.team }, body.idleExpiresAt);
      return;
    }
    // A second factor is used up or wrong either way: it is never sent twice.
    form.setValue('code', '');
    if (response.status === 401) {
      form.setValue('password', '');
      showProblem(t('staff.signIn.invalid'));
    } else if (response.status === 429) {
      // One browser's waits start at a second and double: under a minute it says "a moment".
      const seconds = response.retryAfterSeconds ?? 60;
      const minutes = Math.max(1, Math.ceil(seconds / 60));
      if (seconds < 60) showProblem(t('staff.signIn.tooManyMoment'));
      else showProblem(t(minutes === 1 ? 'staff.signIn.tooManyOne' : 'staff.signIn.tooMany', { minutes }));
    } else {
      showRefusal(response);
    }
  });

  const notice = props.reason ? t(`staff.signIn.notice.${props.reason}`) : undefined;
  return (
    <>
      {summary}
      {notice && (
        <div className="staff-banner" role="region" aria-labelledby="sign-in-notice">
          <p id="sign-in-notice">{notice}</p>
        </div>
      )}
      <h1 tabIndex={-1} ref={heading}>{t('staff.signIn.title')}</h1>
      <form className="form" noValidate onSubmit={(event) => void send(event)}>
        <Input {...field('email')} type="email" autoComplete="username" width="medium" />
        <Input {...field('password')} type="password" autoComplete="current-password" width="medium" />
        <Input
          {...field('code')}
          hint={t('staff.signIn.codeHint')}
          autoComplete="one-time-code"
          width="medium"
        />
        <button type="submit" className="form-button" aria-disabled={busy || undefined}>
          {t('staff.signIn.button')}
        </button>
      </form>
      <p>{t('staff.signIn.help')}</p>
    </>
  );
}
