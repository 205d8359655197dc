import { ExampleTag, Figure } from '../../components/Figure.tsx';
import type { Translate } from '../../ui/translate.ts';

/**
 * Anchor's phone number and phone hours: the way to reach the team when the
 * form cannot be used (no script, too many submissions, a network failure)
 * and the way to quote a reference. Both carry the "example" tag while the
 * deployer's values are samples.
 */
export function PhoneRoute({ t, phone, officeHours, example }: { t: Translate; phone: string; officeHours: string; example?: string | undefined }) {
  return (
    <dl className="form-facts">
      <div>
        <dt>{t('form.contactInfo.phone')}</dt>
        <dd>
          <Figure kind="phone" text={phone} example={example} />
        </dd>
      </div>
      <div>
        <dt>{t('form.contactInfo.hours')}</dt>
        <dd>{officeHours}<ExampleTag text={example} /></dd>
      </div>
    </dl>
  );
}
