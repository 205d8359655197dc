import * as z from 'zod/mini';
import {
  choice,
  flag,
  formErrors,
  isEmail,
  isObjectPayload,
  isPhone,
  optionalText,
  requiredEmail,
  requiredPhone,
  requiredText,
  textOf,
} from './fields.ts';

/**
 * How a field asks and what it holds. `custom` fields bring their own schema
 * (a date of birth, an age): the rest of the definition (visibility,
 * presentation, storage) still applies to them.
 */
export type FieldKind = 'choice' | 'choices' | 'text' | 'textarea' | 'phone' | 'email' | 'flag' | 'custom';

/** Where the staff case view shows an answer: safe-contact preferences first, then who to contact, the child, the rest. */
export type CaseSection = 'contactPreferences' | 'contactDetails' | 'child' | 'answers';

/**
 * A declarative visibility rule: the field is shown (asked, validated as
 * required, kept) only while `field`'s answer is one of `in`. Data, not a
 * function, so the browser, the server and a test read the same rule.
 */
export interface ShownWhen {
  readonly field: string;
  readonly in: readonly unknown[];
}

/** One question of a form. */
export interface FieldDefinition {
  readonly name: string;
  readonly kind: FieldKind;
  /** The allowed values of a choice or choices field. */
  readonly options?: readonly [string, ...string[]];
  /** The string list naming the options: labels are `form.option.<optionList>.<value>`. */
  readonly optionList?: string;
  /** The most characters a text answer may have. */
  readonly max?: number;
  /**
   * Whether an answer is needed (while the field is shown). Text is optional
   * unless `true`; a choice is required unless `false`.
   */
  readonly required?: boolean;
  /** Asked only under this condition; otherwise dropped from what is sent and stored. */
  readonly shownWhen?: ShownWhen;
  /** The question's string key (check answers, error summary, staff view). */
  readonly labelKey: string;
  /** A hint under the question. */
  readonly hintKey?: string;
  /** Options that have a hint of their own at `form.option.<list>.<value>.hint`. */
  readonly hintedOptions?: readonly string[];
  /** The page's language goes first among the options (a language question). */
  readonly pageLanguageFirst?: boolean;
  /** A heading that opens a group of questions before this one. */
  readonly headingKey?: string;
  /** The width of a text box (GOV.UK: sized to the expected answer). */
  readonly width?: 'short' | 'medium' | 'full';
  /** No spell check: names and addresses are not words. */
  readonly noSpellCheck?: boolean;
  /** Stored as a plain column (queue, routing, statistics) rather than sealed. */
  readonly column?: boolean;
  /** Where the staff case view shows the answer (sealed fields only). */
  readonly section?: CaseSection;
  /** The schema of a `custom` field. */
  readonly schema?: z.ZodMiniType;
}

/** A cross-field rule: reads the raw payload defensively and reports issues on the field to fix. */
export type FormRule = (data: Record<string, unknown>, report: (field: string, message: string) => void) => void;

/** A whole form: its fields in page order and the rules that span fields. */
export interface FormDefinition {
  readonly kind: string;
  readonly fields: readonly FieldDefinition[];
  readonly rules?: readonly FormRule[];
}

/** Whether `field` is shown for these answers (always, without a condition). */
export function isShown(field: FieldDefinition, answers: Readonly<Record<string, unknown>>): boolean {
  return !field.shownWhen || field.shownWhen.in.includes(answers[field.shownWhen.field]);
}

/** A value the browser sends for a field it does not show: nothing for text, false for a box. */
function hiddenValue(field: FieldDefinition): unknown {
  return field.kind === 'flag' ? false : undefined;
}

/**
 * Data minimisation, one rule for the browser and the server: every field
 * the person could not see under their own answers is dropped (a box becomes
 * false), and fields the definition does not know are left out.
 */
export function dropHidden(form: FormDefinition, answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of form.fields) {
    const value = isShown(field, answers) ? answers[field.name] : hiddenValue(field);
    if (value !== undefined) out[field.name] = value;
  }
  return out;
}

function baseSchema(field: FieldDefinition): z.ZodMiniType {
  const conditional = field.shownWhen !== undefined;
  const max = field.max ?? Number.MAX_SAFE_INTEGER;
  switch (field.kind) {
    case 'choice':
      return field.required === false ? z.optional(choice(field.options ?? [''])) : choice(field.options ?? ['']);
    case 'choices': {
      const options = field.options ?? [''];
      return z.array(z.enum(options, formErrors.categories), formErrors.categories).check(
        ...(field.required ? [z.minLength(1, formErrors.categories)] : []),
        z.maxLength(options.length, formErrors.categories),
      );
    }
    case 'text':
    case 'textarea':
      return field.required && !conditional ? requiredText(max) : optionalText(max);
    // A conditional phone or email is checked by the form-level rule below,
    // so that "required" depends on the answer it follows.
    case 'phone':
      return field.required && !conditional ? requiredPhone() : z.optional(z.string(formErrors.invalid).check(z.trim()));
    case 'email':
      return field.required && !conditional ? requiredEmail() : z.optional(z.string(formErrors.invalid).check(z.trim()));
    case 'flag':
      return flag();
    case 'custom':
      if (!field.schema) throw new Error(`field ${field.name}: a custom field needs its schema`);
      return field.schema;
  }
}

/** The checks a conditional field needs: required while shown, and the format of a phone or email whenever given. */
function conditionalRule(field: FieldDefinition): FormRule {
  return (data, report) => {
    const text = textOf(data[field.name]);
    if (field.required && field.shownWhen && isShown(field, data) && text === '') report(field.name, formErrors.required);
    else if (field.kind === 'phone' && text !== '' && !isPhone(text)) report(field.name, formErrors.phone);
    else if (field.kind === 'email' && text !== '' && !isEmail(text)) report(field.name, formErrors.email);
  };
}

/**
 * The zod/mini schema of a form, derived from its definition. Cross-field
 * rules run even when fields already failed (zod would skip them), so that
 * one submit shows every problem at once (GOV.UK error summary).
 */
export function schemaOf(form: FormDefinition) {
  const shape = Object.fromEntries(form.fields.map((field) => [field.name, baseSchema(field)]));
  const conditional = form.fields.filter((f) => f.shownWhen && (f.kind === 'phone' || f.kind === 'email' || f.required));
  const rules = [...conditional.map(conditionalRule), ...(form.rules ?? [])];
  return z.object(shape).check(
    z.superRefine(
      (raw, ctx) => {
        const data = raw as Record<string, unknown>;
        for (const rule of rules) {
          rule(data, (name, message) => ctx.addIssue({ code: 'custom', message, path: [name], input: data[name] }));
        }
      },
      { when: isObjectPayload },
    ),
  );
}

/**
 * What is sealed: the validated answers a person could see, without the
 * plain columns (stored in the clear for the queue).
 */
export function sealedAnswers(form: FormDefinition, answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const kept = dropHidden(form, answers);
  for (const field of form.fields) {
    if (field.column) delete kept[field.name];
  }
  return kept;
}

/** How an answer reads on check-your-answers, before translation. */
export type AnswerText =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'notGiven' }
  | { readonly type: 'yesNo'; readonly value: boolean }
  | { readonly type: 'option'; readonly key: string }
  | { readonly type: 'options'; readonly keys: readonly string[] }
  | { readonly type: 'custom'; readonly value: unknown };

/** One check-your-answers row: the field, its question and its answer. */
export interface AnswerLine {
  readonly name: string;
  readonly labelKey: string;
  readonly answer: AnswerText;
}

/** The key of an option's label. */
export function optionKey(field: FieldDefinition, value: string): string {
  return `form.option.${field.optionList ?? field.name}.${value}`;
}

/** Check-your-answers: every shown field in page order, its answer in words still to translate. */
export function answerLines(form: FormDefinition, answers: Readonly<Record<string, unknown>>): AnswerLine[] {
  return form.fields
    .filter((field) => isShown(field, answers))
    .map((field) => {
      const value = answers[field.name];
      const answer: AnswerText =
        value === undefined || value === ''
          ? { type: 'notGiven' }
          : field.kind === 'custom'
            ? { type: 'custom', value }
            : field.kind === 'flag'
              ? { type: 'yesNo', value: value === true }
              : field.kind === 'choice'
                ? { type: 'option', key: optionKey(field, String(value)) }
                : field.kind === 'choices'
                  ? { type: 'options', keys: (value as readonly string[]).map((v) => optionKey(field, v)) }
                  : { type: 'text', text: String(value) };
      return { name: field.name, labelKey: field.labelKey, answer };
    });
}

/** The staff case view's sections of a case's sealed answers, each in page order; unknown fields land in `answers`, never lost. */
export function caseSections(form: FormDefinition, personal: Readonly<Record<string, unknown>>): Record<CaseSection, Record<string, unknown>> {
  const out: Record<CaseSection, Record<string, unknown>> = { contactPreferences: {}, contactDetails: {}, child: {}, answers: {} };
  const known = new Set<string>();
  for (const field of form.fields) {
    known.add(field.name);
    if (personal[field.name] !== undefined) out[field.section ?? 'answers'][field.name] = personal[field.name];
  }
  for (const [key, value] of Object.entries(personal)) if (!known.has(key)) out.answers[key] = value;
  return out;
}

// The answer types a definition implies, so that the derived schema is as
// precisely typed as a hand-written one.
type Field<D extends FormDefinition> = D['fields'][number];
type Always<F> = F extends { kind: 'choice'; required: false } ? false : F extends { kind: 'flag' | 'choice' | 'choices' } ? true : F extends { shownWhen: ShownWhen } ? false : F extends { required: true } ? true : false;
type OutputOf<F> = F extends { kind: 'custom'; schema: infer S extends z.ZodMiniType }
  ? Exclude<z.output<S>, undefined>
  : F extends { kind: 'choice'; options: readonly (infer O)[] }
    ? O
    : F extends { kind: 'choices'; options: readonly (infer O)[] }
      ? O[]
      : F extends { kind: 'flag' }
        ? boolean
        : string;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** A form's validated answers: fields that are always answered are required, follow-ups and optional text may be absent. */
export type AnswersOf<D extends FormDefinition> = Simplify<
  { [F in Field<D> as Always<F> extends true ? F['name'] : never]: OutputOf<F> } & {
    [F in Field<D> as Always<F> extends true ? never : F['name']]?: OutputOf<F>;
  }
>;

/** A form's answers as sent: a box may be left out (it means "not ticked"). */
export type InputOf<D extends FormDefinition> = Simplify<
  Omit<AnswersOf<D>, Extract<Field<D>, { kind: 'flag' }>['name']> & {
    [F in Extract<Field<D>, { kind: 'flag' }> as F['name']]?: boolean;
  }
>;

/** The derived schema, typed by the definition. */
export function typedSchemaOf<const D extends FormDefinition>(form: D): z.ZodMiniType<AnswersOf<D>, InputOf<D>> {
  return schemaOf(form) as unknown as z.ZodMiniType<AnswersOf<D>, InputOf<D>>;
}

/** Every UI string key a form's definition names: questions, hints, headings, options and their hints. */
export function stringKeysOf(form: FormDefinition): string[] {
  return form.fields.flatMap((field) => [
    field.labelKey,
    ...(field.hintKey ? [field.hintKey] : []),
    ...(field.headingKey ? [field.headingKey] : []),
    ...(field.options ?? []).map((value) => optionKey(field, value)),
    ...(field.hintedOptions ?? []).map((value) => `${optionKey(field, value)}.hint`),
  ]);
}

/** What a form's inputs hold before they are sent: no radio chosen yet is null, boxes are booleans, the rest text. */
type RawOf<F> = F extends { kind: 'choice' } ? string | null : F extends { kind: 'choices' } ? string[] : F extends { kind: 'flag' } ? boolean : string;

/** A form's raw input values, for fields that are not `custom` (those bring their own inputs). */
export type RawValuesOf<D extends FormDefinition> = Simplify<{
  -readonly [F in Exclude<Field<D>, { kind: 'custom' }> as F['name']]: RawOf<F>;
}>;

/** An empty form: no radio chosen, nothing ticked, every text box empty. */
export function emptyValuesOf<const D extends FormDefinition>(form: D): RawValuesOf<D> {
  const empty = (field: FieldDefinition) =>
    field.kind === 'choice' ? null : field.kind === 'choices' ? [] : field.kind === 'flag' ? false : '';
  return Object.fromEntries(form.fields.filter((f) => f.kind !== 'custom').map((f) => [f.name, empty(f)])) as RawValuesOf<D>;
}
