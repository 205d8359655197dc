import { useState } from 'react';
import { fieldErrors, type EnrolFinished, type EnrolStarted } from './api.ts';
import { useHeadingFocus, useStaff } from './context.ts';
import { Input } from './fields.tsx';
import { fieldErrorText } from './messages.ts';
import { codeSchema, passwordSchema } from './schemas.ts';
import { useStaffForm } from './staff-form.tsx';

/** An SVG drawing as a data: URL for an <img> (the CSP allows img-src data:). */
function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** A secret in groups of four, easier to type from the screen. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** The link cannot be used at all: say why and what to do. */
function LinkProblem({ message }: { readonly message: string }) {
  const { t } = useStaff();
  const heading = useHeadingFocus();
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>{t('staff.enrol.linkProblem.title')}</h1>
      <p>{message}</p>
    </>
  );
}

/** Step 1: a new password (the server judges its strength). */
function PasswordStep({ token, onDone, onLinkProblem }: { token: string; onDone: (start: EnrolStarted) => void; onLinkProblem: (message: string) => void }) {
  const { t, has, api } = useStaff();
  const heading = useHeadingFocus();
  const { field, summary, onSubmit, showRefusal, busy } = useStaffForm<{ password: string; confirm: string }, typeof passwordSchema>({
    schema: passwordSchema,
    defaultValues: { password: '', confirm: '' },
    fields: [
      { name: 'password', labelKey: 'staff.enrol.password.label', id: 'enrol-password' },
      { name: 'confirm', labelKey: 'staff.enrol.password.confirm', id: 'enrol-confirm' },
    ],
  });
  const send = onSubmit(async ({ password }) => {
    const response = await api.post('/auth/enrol/start', { token, password });
    if (response.status === 200) return onDone(response.body as EnrolStarted);
    const tokenError = fieldErrors(response.body).find((e) => e.path === 'token');
    if (tokenError) return onLinkProblem(fieldErrorText(t, has, tokenError));
    showRefusal(response);
  });
  return (
    <>
      {summary}
      <h1 tabIndex={-1} ref={heading}>{t('staff.enrol.password.title')}</h1>
      <p>{t('staff.enrol.password.intro')}</p>
      <form className="form" noValidate onSubmit={(event) => void send(event)}>
        <Input {...field('password')} hint={t('staff.enrol.password.hint')} type="password" autoComplete="new-password" width="medium" />
        <Input {...field('confirm')} type="password" autoComplete="new-password" width="medium" />
        <button type="submit" className="form-button" aria-disabled={busy || undefined}>{t('staff.enrol.continue')}</button>
      </form>
    </>
  );
}

/** Step 2: the authenticator app, by QR code or by the key typed in, then a code from it. */
function AuthenticatorStep({ token, start, onDone, onLinkProblem }: { token: string; start: EnrolStarted; onDone: (codes: readonly string[]) => void; onLinkProblem: (message: string) => void }) {
  const { t, has, api } = useStaff();
  const heading = useHeadingFocus();
  const { field, summary, onSubmit, showRefusal, busy } = useStaffForm<{ code: string }, typeof codeSchema>({
    schema: codeSchema,
    defaultValues: { code: '' },
    fields: [{ name: 'code', labelKey: 'staff.enrol.code.label', id: 'enrol-code' }],
  });
  const send = onSubmit(async ({ code }) => {
    const response = await api.post('/auth/enrol/finish', { token, code });
    if (response.status === 200) return onDone((response.body as EnrolFinished).recoveryCodes);
    const tokenError = fieldErrors(response.body).find((e) => e.path === 'token');
    if (tokenError) return onLinkProblem(fieldErrorText(t, has, tokenError));
    showRefusal(response);
  });
  return (
    <>
      {summary}
      <h1 tabIndex={-1} ref={heading}>{t('staff.enrol.app.title')}</h1>
      <ol className="staff-steps">
        <li>{t('staff.enrol.app.install')}</li>
        <li>
          {t('staff.enrol.app.scan')}
          <img className="staff-qr" src={svgDataUrl(start.qrSvg)} alt={t('staff.enrol.app.qrAlt')} width={200} height={200} />
        </li>
        <li>
          {t('staff.enrol.app.manual')}
          <p className="staff-secret">
            <code data-secret={start.totpSecret}>{grouped(start.totpSecret)}</code>
          </p>
        </li>
        <li>{t('staff.enrol.app.enterCode')}</li>
      </ol>
      <form className="form" noValidate onSubmit={(event) => void send(event)}>
        <Input {...field('code')} hint={t('staff.enrol.code.hint')} autoComplete="one-time-code" inputMode="numeric" width="short" />
        <button type="submit" className="form-button" aria-disabled={busy || undefined}>{t('staff.enrol.continue')}</button>
      </form>
    </>
  );
}

/** Step 3: the recovery codes, shown this once. */
function RecoveryCodes({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  const { t } = useStaff();
  const heading = useHeadingFocus();
  return (
    <>
      <h1 tabIndex={-1} ref={heading}>{t('staff.enrol.codes.title')}</h1>
      <div className="staff-warning">
        <p>
          <strong>{t('staff.enrol.codes.once')}</strong>
        </p>
      </div>
      <p>{t('staff.enrol.codes.intro')}</p>
      <ol className="staff-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>{t('staff.enrol.codes.store')}</p>
      <button type="button" className="form-button" onClick={onDone}>
        {t('staff.enrol.codes.done')}
      </button>
    </>
  );
}

/**
 * Enrolment from the one-time link: a password, the authenticator app, the
 * recovery codes; then the person signs in. The token comes from the link's
 * fragment, which never reaches a server log. `onFinished` moves on to sign-in.
 */
export function Enrol({ token, onStep, onFinished }: { readonly token: string; readonly onStep: () => void; readonly onFinished: () => void }) {
  const { t } = useStaff();
  const [start, setStart] = useState<EnrolStarted | undefined>();
  const [codes, setCodes] = useState<readonly string[] | undefined>();
  const [linkProblem, setLinkProblem] = useState<string | undefined>(token ? undefined : t('staff.error.linkInvalid'));
  // Each later step takes focus on its heading; the first one, on the page's load, does not.
  const step =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      onStep();
      set(value);
    };
  if (linkProblem) return <LinkProblem message={linkProblem} />;
  if (codes) return <RecoveryCodes codes={codes} onDone={onFinished} />;
  if (start) return <AuthenticatorStep token={token} start={start} onDone={step(setCodes)} onLinkProblem={step(setLinkProblem)} />;
  return <PasswordStep token={token} onDone={step(setStart)} onLinkProblem={step(setLinkProblem)} />;
}
