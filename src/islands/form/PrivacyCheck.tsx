import type { UseFormRegisterReturn } from 'react-hook-form';
import { SingleCheckbox, type ControlText } from '../../ui/controls.tsx';
import type { Translate } from '../../ui/translate.ts';

/**
 * The privacy notice and the box that says it was read. The link opens in a
 * new tab, and says so, because leaving this page would lose the answers.
 */
export function PrivacyCheck(props: ControlText & { t: Translate; href: string; registration: UseFormRegisterReturn }) {
  const { t, href, ...control } = props;
  return (
    <>
      <h2>{t('form.privacy.title')}</h2>
      <p>{t('form.privacy.text')}</p>
      <p>
        <a href={href} target="_blank" rel="noopener">
          {t('form.privacy.link')}
        </a>
      </p>
      <SingleCheckbox {...control} />
    </>
  );
}
