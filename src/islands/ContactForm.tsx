import { useMemo } from 'react';
import { useWatch } from 'react-hook-form';
import { contactForm, contactSchema, type Contact } from '../shared/forms/contact.schema.ts';
import { isShown } from '../shared/forms/definition.ts';
import { answerRows, fieldList } from './form/answer-rows.ts';
import { ageBands, categories, contactLanguages, contactMethods, limits, writers } from '../shared/forms/options.ts';
import { CheckboxGroup, RadioGroup, SingleCheckbox, TextArea, TextInput, type Option } from '../ui/controls.tsx';
import type { FieldsApi, FormDefinition } from './form/definition.ts';
import { FormFlow } from './form/FormFlow.tsx';
import { ExampleTag } from '../components/Figure.tsx';
import { PrivacyCheck } from './form/PrivacyCheck.tsx';
import { optionsOf } from './form/options.ts';
import type { FormIslandProps } from './form/props.ts';
import { contactDefaults, prepareContact, type ContactValues } from './form/contact-values.ts';
import { makeTranslate, type Translate } from '../ui/translate.ts';

const id = (name: string) => `contact-${name}`;

const fields = fieldList(contactForm, id);
const shown = (name: string, answers: Readonly<Record<string, unknown>>) =>
  isShown(contactForm.fields.find((f) => f.name === name)!, answers);

const definition: FormDefinition<ContactValues, typeof contactSchema> = {
  kind: 'contact',
  schema: contactSchema,
  defaultValues: contactDefaults,
  prepare: prepareContact,
  fields,
  answers: (c: Contact, t: Translate) => answerRows(contactForm, c, t, id),
};

/** The questions, grouped under headings; follow-ups appear under the choice that asks for them. */
function ContactFields({ api, privacyHref }: { api: FieldsApi<ContactValues>; privacyHref: string }) {
  const { register, control, t, error, errorPrefix } = api;
  const [writer, method, language, description] = useWatch({
    control,
    name: ['writer', 'contactMethod', 'contactLanguage', 'description'],
  });
  const common = (name: keyof ContactValues, labelKey: string, hintKey?: string) => ({
    id: id(name),
    label: t(labelKey),
    hint: hintKey ? t(hintKey) : undefined,
    error: error(name),
    errorPrefix,
  });
  const withHints = (list: string, values: readonly string[], hinted: readonly string[] = []): Option[] =>
    optionsOf(t, list, values, hinted);
  return (
    <>
      <h2>{t('form.contact.section.about')}</h2>
      <RadioGroup {...common('writer', 'form.contact.writer.label')} registration={register('writer')} options={withHints('writer', writers)} />
      <TextInput {...common('firstName', 'form.contact.firstName.label', 'form.contact.firstName.hint')} registration={register('firstName')} width="medium" spellCheck={false} />
      <RadioGroup {...common('ageBand', 'form.contact.ageBand.label', 'form.contact.ageBand.hint')} registration={register('ageBand')} options={withHints('ageBand', ageBands)} />

      <h2>{t('form.contact.section.what')}</h2>
      <CheckboxGroup {...common('categories', 'form.categories.label', 'form.categories.hint')} registration={register('categories')} options={withHints('category', categories, ['recruitment'])} />
      <TextArea
        {...common('description', 'form.contact.description.label', 'form.contact.description.hint')}
        registration={register('description')}
        length={(description ?? '').length}
        max={limits.description}
        limitText={t('form.description.limit', { max: limits.description })}
        countText={(left) => t(left >= 0 ? 'form.description.remaining' : 'form.description.over', { count: Math.abs(left) })}
      />

      <h2>{t('form.contact.section.contact')}</h2>
      <RadioGroup
        {...common('contactMethod', 'form.contact.contactMethod.label')}
        registration={register('contactMethod')}
        options={withHints('contactMethod', contactMethods, ['i-will-call'])}
      >
        {shown('phone', { contactMethod: method }) && (
          <div className="form-conditional">
            <TextInput {...common('phone', 'form.contact.phone.label', 'form.contact.phone.hint')} registration={register('phone')} type="tel" inputMode="tel" width="medium" />
            <TextInput {...common('safeTimes', 'form.contact.safeTimes.label', 'form.contact.safeTimes.hint')} registration={register('safeTimes')} />
            {shown('noVoicemail', { contactMethod: method }) && <SingleCheckbox {...common('noVoicemail', 'form.contact.noVoicemail.label')} registration={register('noVoicemail')} />}
          </div>
        )}
        {shown('email', { contactMethod: method }) && (
          <div className="form-conditional">
            <TextInput {...common('email', 'form.contact.email.label', 'form.contact.email.hint')} registration={register('email')} type="email" inputMode="email" spellCheck={false} />
          </div>
        )}
      </RadioGroup>
      {shown('noParentsFirst', { writer }) && (
        <SingleCheckbox {...common('noParentsFirst', 'form.contact.noParentsFirst.label', 'form.contact.noParentsFirst.hint')} registration={register('noParentsFirst')} />
      )}
      <RadioGroup {...common('contactLanguage', 'form.contact.contactLanguage.label')} registration={register('contactLanguage')} options={withHints('contactLanguage', contactLanguages)}>
        {shown('contactLanguageOther', { contactLanguage: language }) && (
          <div className="form-conditional">
            <TextInput {...common('contactLanguageOther', 'form.contact.contactLanguageOther.label')} registration={register('contactLanguageOther')} width="medium" />
          </div>
        )}
      </RadioGroup>
      <SingleCheckbox {...common('interpreterNeeded', 'form.contact.interpreterNeeded.label', 'form.contact.interpreterNeeded.hint')} registration={register('interpreterNeeded')} />

      <PrivacyCheck {...common('privacyAcknowledged', 'form.privacy.label')} t={t} href={privacyHref} registration={register('privacyAcknowledged')} />
    </>
  );
}

/**
 * The contact form island: a young person, a parent or another adult asks
 * Anchor to get in touch. Before the first question it says who reads the
 * message (a team that includes the police), when, and how far "do not
 * contact my parents first" can go.
 */
export default function ContactForm(props: FormIslandProps) {
  const { strings, officeHours, privacyHref } = props;
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
      renderFields={(api) => <ContactFields api={api} privacyHref={privacyHref} />}
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
