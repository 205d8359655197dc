import { useMemo } from 'react';
import { concernForm, concernSchema, type Concern } from '../shared/forms/concern.schema.ts';
import { answerRows, fieldList } from './form/answer-rows.ts';
import type { AnswerRow } from './form/CheckAnswers.tsx';
import { DateInput, TextInput } from '../ui/controls.tsx';
import type { FieldsApi, FormDefinition } from './form/definition.ts';
import { DefinedFields } from './form/DefinedFields.tsx';
import { FormFlow } from './form/FormFlow.tsx';
import { ExampleTag } from '../components/Figure.tsx';
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

/** The concern form's own controls: the date of birth as three boxes, the age as text until sent. */
function concernControls(api: FieldsApi<ConcernValues>) {
  const { register, t, error, errorPrefix } = api;
  const common = (name: 'childDateOfBirth' | 'childAge') => ({
    id: id(name),
    label: t(`form.concern.${name}.label`),
    hint: t(`form.concern.${name}.hint`),
    error: error(name),
    errorPrefix,
  });
  return {
    childDateOfBirth: () => (
      <DateInput
        {...common('childDateOfBirth')}
        parts={[
          { key: 'day', label: t('form.date.day'), registration: register('dobDay'), width: 'day' },
          { key: 'month', label: t('form.date.month'), registration: register('dobMonth'), width: 'day' },
          { key: 'year', label: t('form.date.year'), registration: register('dobYear'), width: 'year' },
        ]}
      />
    ),
    childAge: () => <TextInput {...common('childAge')} registration={register('childAge')} inputMode="numeric" width="short" />,
  };
}

/**
 * The concern form island for schools and other professionals. Its first
 * step says plainly that it does not replace a child welfare notification
 * (Child Welfare Act 417/2007, section 25) and links to how to make one.
 */
export default function ConcernForm(props: FormIslandProps) {
  const { strings, officeHours, notificationHref, lang } = props;
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
      renderFields={(api) => <DefinedFields form={concernForm} api={api} id={id} custom={concernControls(api)} />}
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
