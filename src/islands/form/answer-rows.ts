import { answerLines, type FormDefinition } from '../../shared/forms/definition.ts';
import type { Translate } from '../../ui/translate.ts';
import type { AnswerRow } from './CheckAnswers.tsx';
import { yesNo } from './options.ts';

/**
 * Check-your-answers rows of a form, in the reader's language: every field
 * the person was shown, in page order, derived from the form's definition.
 * `custom` words a custom field's value (a date in the page's language).
 */
export function answerRows(
  form: FormDefinition,
  answers: Readonly<Record<string, unknown>>,
  t: Translate,
  id: (name: string) => string,
  custom: (name: string, value: unknown) => string = (_name, value) => String(value),
): AnswerRow[] {
  return answerLines(form, answers).map(({ name, labelKey, answer }) => {
    const value =
      answer.type === 'notGiven'
        ? t('form.check.notGiven')
        : answer.type === 'yesNo'
          ? yesNo(t, answer.value)
          : answer.type === 'option'
            ? t(answer.key)
            : answer.type === 'options'
              ? answer.keys.map((key) => t(key))
              : answer.type === 'custom'
                ? custom(name, answer.value)
                : answer.text;
    return { targetId: id(name), label: t(labelKey), value };
  });
}

/** The error summary's fields in page order, from the definition: name, question, and the control to focus. */
export function fieldList(form: FormDefinition, id: (name: string) => string) {
  return form.fields.map((field) => ({ name: field.name, labelKey: field.labelKey, targetId: id(field.name) }));
}
