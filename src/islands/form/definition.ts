import type { Control, DefaultValues, FieldValues, UseFormRegister } from 'react-hook-form';
import type * as z from 'zod/mini';
import type { FormKind } from '../../shared/forms/submission.ts';
import type { AnswerRow } from './CheckAnswers.tsx';
import type { Translate } from '../../ui/translate.ts';

/** A field of a form, in page order: its name in the schema, the control to focus, its question. */
export interface FieldInfo {
  readonly name: string;
  readonly targetId: string;
  readonly labelKey: string;
}

/** What a form island tells the flow about its form. */
export interface FormDefinition<Values extends FieldValues, Schema extends z.ZodMiniType> {
  readonly kind: FormKind;
  readonly schema: Schema;
  readonly defaultValues: DefaultValues<Values>;
  /** The form's raw values as the body's fields (hidden follow-ups dropped, text turned to numbers). */
  readonly prepare: (values: Values) => unknown;
  /** Every field in page order (the error summary's order). */
  readonly fields: readonly FieldInfo[];
  /** The check-answers rows for validated fields. */
  readonly answers: (fields: z.output<Schema>, t: Translate) => readonly AnswerRow[];
}

/** What a form island's fields need to render themselves. */
export interface FieldsApi<Values extends FieldValues> {
  readonly register: UseFormRegister<Values>;
  readonly control: Control<Values, unknown, unknown>;
  readonly t: Translate;
  /** The translated error for a field, if it has one. */
  readonly error: (name: string) => string | undefined;
  readonly errorPrefix: string;
}
