import type { ReactNode, Ref } from 'react';
import { PhoneRoute } from './PhoneRoute.tsx';
import { formatReference, spellReference } from './reference.ts';
import type { Translate } from '../../ui/translate.ts';

/**
 * The GOV.UK confirmation page: a panel with the reference, then what
 * happens next and by when, how to quote the reference by phone, and what to
 * do in danger. Nothing personal is shown: the answers are already gone from
 * the page.
 */
export function Confirmation(props: {
  readonly t: Translate;
  readonly title: string;
  readonly headingRef: Ref<HTMLHeadingElement>;
  readonly reference: string;
  readonly next: ReactNode;
  readonly phone: string;
  readonly officeHours: string;
}) {
  const { t, title, headingRef, reference, next, phone, officeHours } = props;
  return (
    <>
      <div className="form-panel">
        <h1 className="form-panel-title" tabIndex={-1} ref={headingRef}>{title}</h1>
        <p className="form-panel-body">
          {t('form.sent.reference')}
          <br />
          {/* Seen as "ABCD-EFGH"; heard one character at a time. */}
          <strong className="form-reference ltr" aria-hidden="true">{formatReference(reference)}</strong>
          <span className="visually-hidden">{spellReference(reference)}</span>
        </p>
      </div>
      <h2>{t('form.sent.next.title')}</h2>
      {next}
      <p>{t('form.sent.quote')}</p>
      <PhoneRoute t={t} phone={phone} officeHours={officeHours} />
      <p className="form-danger-line">
        {t('form.sent.danger')} <a href="tel:112" className="ltr">112</a>
      </p>
    </>
  );
}
