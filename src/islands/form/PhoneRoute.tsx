import { telHref } from './props.ts';
import type { Translate } from '../../ui/translate.ts';

/**
 * Anchor's phone number and phone hours: the way to reach the team when the
 * form cannot be used (no script, too many submissions, a network failure)
 * and the way to quote a reference.
 */
export function PhoneRoute({ t, phone, officeHours }: { t: Translate; phone: string; officeHours: string }) {
  return (
    <dl className="form-facts">
      <div>
        <dt>{t('form.contactInfo.phone')}</dt>
        <dd>
          <a className="ltr" href={telHref(phone)}>{phone}</a>
        </dd>
      </div>
      <div>
        <dt>{t('form.contactInfo.hours')}</dt>
        <dd>{officeHours}</dd>
      </div>
    </dl>
  );
}
