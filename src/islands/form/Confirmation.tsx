import type { ReactNode, Ref } from 'react';
import { Figure } from '../../components/Figure.tsx';
import { emergencyNumber } from '../../shared/emergency.ts';
import { PhoneRoute } from './PhoneRoute.tsx';
import { formatReference, spellReference } from './reference.ts';
import type { Translate } from '../../ui/translate.ts';

/**
 * The GOV.UK confirmation page: a panel with the reference, then what
 * happens next (a date only when the deployer has committed to one), how to
 * quote the reference by phone, and where to turn if it cannot wait. Nothing
 * personal is shown: the answers are already gone from the page.
 */
export function Confirmation(props: {
  readonly t: Translate;
  readonly title: string;
  readonly headingRef: Ref<HTMLHeadingElement>;
  readonly reference: string;
  readonly next: ReactNode;
  readonly phone: string;
  readonly officeHours: string;
  readonly example?: string | undefined;
  readonly crisisNumber: string;
  readonly youthHelpline: string;
}) {
  const { t, title, headingRef, reference, next, phone, officeHours, example, crisisNumber, youthHelpline } = props;
  return (
    <>
      <div className="form-panel">
        <h1 className="form-panel-title" tabIndex={-1} ref={headingRef}>{title}</h1>
        <p className="form-panel-body">
          {t('form.sent.reference')}
          <br />
          {/* Seen as "ABCD-EFGH"; heard one character at a time. */}
          <strong className="form-reference" aria-hidden="true"><Figure kind="reference" text={formatReference(reference)} /></strong>
          <span className="visually-hidden">{spellReference(reference)}</span>
        </p>
      </div>
      <h2>{t('form.sent.next.title')}</h2>
      {next}
      <p>{t('form.sent.quote')}</p>
      <PhoneRoute t={t} phone={phone} officeHours={officeHours} example={example} />
      <h2>{t('form.sent.cannotWait.title')}</h2>
      <ul className="form-lines">
        <li>{t('form.helpline.emergency')}: <Figure kind="phone" text={emergencyNumber} /></li>
        <li>{t('form.helpline.socialAndCrisisEmergency')}: <Figure kind="phone" text={crisisNumber} example={example} /></li>
        <li>{t('form.helpline.childrenAndYoungPeople')}: <Figure kind="phone" text={youthHelpline} example={example} /></li>
      </ul>
    </>
  );
}
