import { useMemo } from 'react';
import { contactForm, contactSchema, type Contact } from '../shared/forms/contact.schema.ts';
import { answerRows, fieldList } from './form/answer-rows.ts';
import type { FormDefinition } from './form/definition.ts';
import { DefinedFields } from './form/DefinedFields.tsx';
import { FormFlow } from './form/FormFlow.tsx';
import { ExampleTag } from '../components/Figure.tsx';
import type { FormIslandProps } from './form/props.ts';
import { contactDefaults, prepareContact, type ContactValues } from './form/contact-values.ts';
import { makeTranslate, type Translate } from '../ui/translate.ts';

const id = (name: string) => `contact-${name}`;

const fields = fieldList(contactForm, id);

const definition: FormDefinition<ContactValues, typeof contactSchema> = {
  kind: 'contact',
  schema: contactSchema,
  defaultValues: contactDefaults,
  prepare: prepareContact,
  fields,
  answers: (c: Contact, t: Translate) => answerRows(contactForm, c, t, id),
};

/**
 * The contact form island: a young person, a parent or another adult asks
 * Anchor to get in touch. Before the first question it says who reads the
 * message (a team that includes the police), when, and how far "do not
 * contact my parents first" can go.
 */
export default function ContactForm(props: FormIslandProps) {
  const { strings, officeHours } = props;
  const t = useMemo(() => makeTranslate(strings), [strings]);
  return (
    <FormFlow
      island={props}
      definition={definition}
      caption={t('form.contact.caption')}
      notices={
        <>
          <h2>{t('form.contact.before.title')}</h2>
          <p>{t('form.contact.before.readers')}</p>
          <p>{t('form.contact.before.when', { hours: officeHours })}<ExampleTag text={props.example} /></p>
          <p>{t('form.contact.before.parents')}</p>
        </>
      }
      renderFields={(api) => <DefinedFields form={contactForm} api={api} id={id} locale={props.locale} />}
      renderNext={(fields, promise) =>
        fields.contactMethod === 'i-will-call' ? (
          <p>{t('form.contact.sent.callUs')}</p>
        ) : (
          <>
            <p>{t('form.contact.sent.next')}</p>
            {promise ?? <p>{t('form.sent.readsOnWorkingDays')}</p>}
          </>
        )
      }
    />
  );
}
