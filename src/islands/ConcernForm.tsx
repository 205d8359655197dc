import { useMemo } from 'react';
import { useWatch } from 'react-hook-form';
import { concernForm, concernSchema, type Concern } from '../shared/forms/concern.schema.ts';
import { answerRows, fieldList } from './form/answer-rows.ts';
import { concernCategories, guardiansKnowOptions, limits, notificationMadeOptions, urgencies } from '../shared/forms/options.ts';
import type { AnswerRow } from './form/CheckAnswers.tsx';
import { CheckboxGroup, DateInput, RadioGroup, TextArea, TextInput } from '../ui/controls.tsx';
import type { FieldsApi, FormDefinition } from './form/definition.ts';
import { FormFlow } from './form/FormFlow.tsx';
import { ExampleTag } from '../components/Figure.tsx';
import { optionsOf } from './form/options.ts';
import { PrivacyCheck } from './form/PrivacyCheck.tsx';
import type { FormIslandProps } from './form/props.ts';
import { makeTranslate, type Translate } from '../ui/translate.ts';
import { formatDate } from './form/dates.ts';
import { concernDefaults, prepareConcern, type ConcernValues } from './form/concern-values.ts';

const id = (name: string) => `concern-${name}`;

const fields = fieldList(concernForm, id);

/** Check answers needs the page's language for the date of birth; the flow passes only `t`. */
function answersIn(lang: string) {
  return (c: Concern, t: Translate): AnswerRow[] =>
    answerRows(concernForm, c, t, id, (name, value) => (name === 'childDateOfBirth' ? formatDate(String(value), lang) : String(value)));
}

/** The questions: about the writer, the child, and the concern. */
function ConcernFields({ api, privacyHref }: { api: FieldsApi<ConcernValues>; privacyHref: string }) {
  const { register, control, t, error, errorPrefix } = api;
  const description = useWatch({ control, name: 'description' });
  const common = (name: string, labelKey: string, hintKey?: string) => ({
    id: id(name),
    label: t(labelKey),
    hint: hintKey ? t(hintKey) : undefined,
    error: error(name),
    errorPrefix,
  });
  const text = (name: keyof ConcernValues, hint = false, width: 'medium' | 'full' = 'full') => (
    <TextInput
      {...common(name, `form.concern.${name}.label`, hint ? `form.concern.${name}.hint` : undefined)}
      registration={register(name)}
      width={width}
    />
  );
  return (
    <>
      <h2>{t('form.concern.section.you')}</h2>
      {text('organisation', true)}
      {text('role', true)}
      {text('name')}
      <TextInput {...common('workPhone', 'form.concern.workPhone.label', 'form.concern.workPhone.hint')} registration={register('workPhone')} type="tel" inputMode="tel" width="medium" />
      <TextInput {...common('workEmail', 'form.concern.workEmail.label')} registration={register('workEmail')} type="email" inputMode="email" spellCheck={false} />

      <h2>{t('form.concern.section.child')}</h2>
      {text('childName')}
      <DateInput
        {...common('childDateOfBirth', 'form.concern.childDateOfBirth.label', 'form.concern.childDateOfBirth.hint')}
        parts={[
          { key: 'day', label: t('form.date.day'), registration: register('dobDay'), width: 'day' },
          { key: 'month', label: t('form.date.month'), registration: register('dobMonth'), width: 'day' },
          { key: 'year', label: t('form.date.year'), registration: register('dobYear'), width: 'year' },
        ]}
      />
      <TextInput {...common('childAge', 'form.concern.childAge.label', 'form.concern.childAge.hint')} registration={register('childAge')} inputMode="numeric" width="short" />
      {text('school', false, 'full')}
      {text('schoolClass', false, 'medium')}

      <h2>{t('form.concern.section.concern')}</h2>
      <CheckboxGroup {...common('categories', 'form.categories.label', 'form.categories.hint')} registration={register('categories')} options={optionsOf(t, 'category', concernCategories, ['recruitment'])} />
      <RadioGroup {...common('urgency', 'form.concern.urgency.label', 'form.concern.urgency.hint')} registration={register('urgency')} options={optionsOf(t, 'urgency', urgencies, urgencies)} />
      <RadioGroup {...common('guardiansKnow', 'form.concern.guardiansKnow.label')} registration={register('guardiansKnow')} options={optionsOf(t, 'guardiansKnow', guardiansKnowOptions)} />
      <RadioGroup {...common('notificationMade', 'form.concern.notificationMade.label', 'form.concern.notificationMade.hint')} registration={register('notificationMade')} options={optionsOf(t, 'notificationMade', notificationMadeOptions)} />
      <TextArea
        {...common('description', 'form.concern.description.label', 'form.concern.description.hint')}
        registration={register('description')}
        length={(description ?? '').length}
        max={limits.description}
        limitText={t('form.description.limit', { max: limits.description })}
        countText={(left) => t(left >= 0 ? 'form.description.remaining' : 'form.description.over', { count: Math.abs(left) })}
      />

      <PrivacyCheck {...common('privacyAcknowledged', 'form.privacy.label')} t={t} href={privacyHref} registration={register('privacyAcknowledged')} />
    </>
  );
}

/**
 * The concern form island for schools and other professionals. Its first
 * step says plainly that it does not replace a child welfare notification
 * (Child Welfare Act 417/2007, section 25) and links to how to make one.
 */
export default function ConcernForm(props: FormIslandProps) {
  const { strings, officeHours, privacyHref, notificationHref, lang } = props;
  const t = useMemo(() => makeTranslate(strings), [strings]);
  const definition = useMemo<FormDefinition<ConcernValues, typeof concernSchema>>(
    () => ({
      kind: 'concern',
      schema: concernSchema,
      defaultValues: concernDefaults,
      prepare: prepareConcern,
      fields,
      answers: answersIn(lang),
    }),
    [lang],
  );
  const notificationLink = notificationHref ? (
    <p>
      <a href={notificationHref} target="_blank" rel="noopener">{t('form.concern.before.notificationLink')}</a>
      <ExampleTag text={props.example} />
    </p>
  ) : null;
  return (
    <FormFlow
      island={props}
      definition={definition}
      caption={t('form.concern.caption')}
      notices={
        <>
          <div className="form-notice">
            <h2>{t('form.concern.before.title')}</h2>
            <p>{t('form.concern.before.notification')}</p>
            {notificationLink}
          </div>
          <p>{t('form.concern.before.readers', { hours: officeHours })}<ExampleTag text={props.example} /></p>
        </>
      }
      renderFields={(api) => <ConcernFields api={api} privacyHref={privacyHref} />}
      renderNext={(fields, promise) => (
        <>
          <p>{t('form.concern.sent.next')}</p>
          {fields.urgency === 'urgent' && <p>{t('form.concern.sent.nextUrgent')}</p>}
          {promise ?? <p>{t('form.sent.readsOnWorkingDays')}</p>}
          {fields.notificationMade === 'no' && (
            <>
              <p>{t('form.concern.sent.notificationReminder')}</p>
              {notificationLink}
            </>
          )}
        </>
      )}
    />
  );
}
