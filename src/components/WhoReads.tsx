import { readerProfessions } from '../shared/queues.ts';
import { Figure } from './Figure.tsx';

/** A translator over one language's strings with `{{var}}` interpolation. */
type Translate = (key: string, vars?: Readonly<Record<string, string | number>>) => string;

/** The professions a message may be passed to, as one phrase of the page's language ("a youth worker, … or a police officer"). */
export function readersPhrase(t: Translate, intl: string): string {
  return new Intl.ListFormat(intl, { type: 'disjunction' }).format(readerProfessions().map((p) => t(`form.reads.profession.${p}`)));
}

/**
 * "Who reads your message, and what can follow": before anyone writes, the
 * plain truth about who reads a message and what the team's duties may lead
 * to, with the exceptions named (background facts, "What may follow a
 * contact"). The same text on the young people's and parents' pages and as
 * the forms' step after the danger question. `heading` is false on the form
 * step, whose h1 is already the title.
 */
export function WhoReads(props: {
  readonly t: Translate;
  readonly intl: string;
  readonly phone: string;
  readonly officeHours: string;
  readonly example?: string | undefined;
  readonly heading: boolean;
}) {
  const { t, intl, phone, officeHours, example, heading } = props;
  return (
    <section className="who-reads" aria-labelledby={heading ? 'who-reads' : undefined} data-who-reads="">
      {heading && <h2 id="who-reads">{t('form.reads.title')}</h2>}
      <ul>
        <li>{t('form.reads.first', { professions: readersPhrase(t, intl) })}</li>
        <li>{t('form.reads.police')}</li>
        <li>{t('form.reads.childWelfare')}</li>
        <li>{t('form.reads.records')}</li>
        <li>{t('form.reads.access')}</li>
        <li>{t('form.reads.voluntary')}</li>
      </ul>
      <p>
        {t('form.reads.anonymous')} <Figure kind="phone" text={phone} example={example} /> ({officeHours})
      </p>
    </section>
  );
}
