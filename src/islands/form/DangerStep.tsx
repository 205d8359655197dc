import type { ReactNode, Ref } from 'react';
import { PhoneRoute } from './PhoneRoute.tsx';
import type { Translate } from '../../ui/translate.ts';

/**
 * The first step, "Is someone in danger now?": 112 before anything else,
 * then what the reader should know before starting. It is rendered on the
 * server too, so it reads the same without scripts; until the island has
 * hydrated, the button is replaced by the phone route, so a page whose
 * script failed still says how to get in touch.
 */
export function DangerStep(props: {
  readonly t: Translate;
  readonly caption: string;
  readonly headingRef: Ref<HTMLHeadingElement>;
  readonly hydrated: boolean;
  readonly notices: ReactNode;
  readonly phone: string;
  readonly officeHours: string;
  readonly example?: string | undefined;
  readonly onContinue: () => void;
}) {
  const { t, caption, headingRef, hydrated, notices, phone, officeHours, example, onContinue } = props;
  return (
    <>
      <p className="form-caption">{caption}</p>
      <h1 tabIndex={-1} ref={headingRef}>{t('form.step.danger')}</h1>
      <div className="form-danger">
        <p>{t('form.danger.text')}</p>
        <p>
          <a className="form-button form-button--danger ltr" href="tel:112">{t('form.danger.call')}</a>
        </p>
      </div>
      <p>{t('form.danger.notNow')}</p>
      {notices}
      {hydrated ? (
        <button type="button" className="form-button" onClick={onContinue}>{t('form.danger.continue')}</button>
      ) : (
        <div className="form-fallback">
          <h2>{t('form.fallback.title')}</h2>
          <p>{t('form.fallback.text')}</p>
          <PhoneRoute t={t} phone={phone} officeHours={officeHours} example={example} />
          <p>{t('form.fallback.email')}</p>
        </div>
      )}
    </>
  );
}
