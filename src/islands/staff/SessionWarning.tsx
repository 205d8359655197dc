import { useEffect, useRef, useState } from 'react';
import { useStaff } from './context.ts';
import { formatTime } from './format.ts';

/**
 * The idle warning (WCAG 2.2.1 Timing Adjustable): two minutes before the
 * session ends, a modal alert dialog says so and offers to stay signed in.
 * A native modal <dialog> keeps focus inside it and the page behind inert;
 * focus goes to "Stay signed in". Escape also keeps the session, as in the
 * GOV.UK timeout warning: closing the warning must not end the session.
 */
export function SessionWarning(props: {
  /** When the session will end (local clock). */
  readonly deadline: number;
  /** True when staying signed in can no longer move the end (the 12-hour limit). */
  readonly atLimit: boolean;
  readonly onStay: () => Promise<boolean>;
  readonly onSignOut: () => void;
  readonly onClose: () => void;
}) {
  const { t, lang } = useStaff();
  const dialog = useRef<HTMLDialogElement>(null);
  const stay = useRef<HTMLButtonElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    (props.atLimit ? close.current : stay.current)?.focus();
    return () => {
      if (element.open) element.close();
    };
  }, [props.atLimit]);

  const keep = async () => {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    const ok = await props.onStay();
    setBusy(false);
    if (!ok) setFailed(true);
  };

  return (
    <dialog
      ref={dialog}
      className="staff-dialog"
      role="alertdialog"
      aria-labelledby="session-warning-title"
      aria-describedby="session-warning-text"
      onCancel={(event) => {
        event.preventDefault();
        if (props.atLimit) props.onClose();
        else void keep();
      }}
    >
      <h2 id="session-warning-title">{t('staff.session.warning.title')}</h2>
      <p id="session-warning-text">
        {props.atLimit
          ? t('staff.session.warning.limit', { time: formatTime(props.deadline, lang) })
          : t('staff.session.warning.text', { time: formatTime(props.deadline, lang) })}
      </p>
      {failed && <p className="form-error-message">{t('staff.problem.offline')}</p>}
      <div className="staff-actions">
        {props.atLimit ? (
          <button ref={close} type="button" className="form-button" onClick={props.onClose}>
            {t('staff.session.warning.ok')}
          </button>
        ) : (
          <button ref={stay} type="button" className="form-button" aria-disabled={busy || undefined} onClick={() => void keep()}>
            {t('staff.session.warning.stay')}
          </button>
        )}
        <button type="button" className="staff-button staff-button--secondary" onClick={props.onSignOut}>
          {t('staff.signOut.button')}
        </button>
      </div>
    </dialog>
  );
}
