import type { ReactNode } from 'react';
import { useWatch, type FieldValues, type Path } from 'react-hook-form';
import { isShown, type FieldDefinition, type FormDefinition } from '../../shared/forms/definition.ts';
import { CheckboxGroup, RadioGroup, SingleCheckbox, TextArea, TextInput } from '../../ui/controls.tsx';
import type { FieldsApi } from './definition.ts';
import { optionsOf } from './options.ts';

/** What the generic renderer needs besides the definition. */
export interface DefinedFieldsProps<Values extends FieldValues> {
  readonly form: FormDefinition;
  readonly api: FieldsApi<Values>;
  /** The id of a field's control (the error summary links to it). */
  readonly id: (name: string) => string;
  /** The page's language code (a language question offers it first). */
  readonly locale?: string;
  /** Controls for `custom` fields, by name (a date as three boxes). */
  readonly custom?: Readonly<Record<string, () => ReactNode>>;
}

/**
 * A form's questions rendered from its definition, in page order: a heading
 * where a group starts, each field by its kind, and a follow-up that comes
 * right after the choice it depends on revealed under that choice (GOV.UK
 * conditional reveal). A question needs no code here: only its entry.
 */
export function DefinedFields<Values extends FieldValues>(props: DefinedFieldsProps<Values>) {
  const { form, api, id, locale, custom = {} } = props;
  const { register, control, t, error, errorPrefix } = api;
  const values = (useWatch({ control }) ?? {}) as Record<string, unknown>;

  const common = (field: FieldDefinition) => ({
    id: id(field.name),
    label: t(field.labelKey),
    hint: field.hintKey ? t(field.hintKey) : undefined,
    error: error(field.name),
    errorPrefix,
  });
  const registration = (field: FieldDefinition) => register(field.name as Path<Values>);

  const control1 = (field: FieldDefinition, children?: ReactNode): ReactNode => {
    const options = () => {
      const values: readonly string[] = field.options ?? [];
      const ordered = field.pageLanguageFirst && locale && values.includes(locale) ? [locale, ...values.filter((v) => v !== locale)] : values;
      return optionsOf(t, field.optionList ?? field.name, ordered, field.hintedOptions);
    };
    switch (field.kind) {
      case 'choice':
        return <RadioGroup {...common(field)} registration={registration(field)} options={options()}>{children}</RadioGroup>;
      case 'choices':
        return <CheckboxGroup {...common(field)} registration={registration(field)} options={options()} />;
      case 'textarea': {
        const max = field.max ?? 0;
        const text = values[field.name];
        return (
          <TextArea
            {...common(field)}
            registration={registration(field)}
            length={typeof text === 'string' ? text.length : 0}
            max={max}
            limitText={t('form.description.limit', { max })}
            countText={(left) => t(left >= 0 ? 'form.description.remaining' : 'form.description.over', { count: Math.abs(left) })}
          />
        );
      }
      case 'phone':
        return <TextInput {...common(field)} registration={registration(field)} type="tel" inputMode="tel" width={field.width ?? 'full'} />;
      case 'email':
        return <TextInput {...common(field)} registration={registration(field)} type="email" inputMode="email" spellCheck={false} width={field.width ?? 'full'} />;
      case 'text':
        return <TextInput {...common(field)} registration={registration(field)} width={field.width ?? 'full'} spellCheck={field.noSpellCheck ? false : undefined} />;
      case 'flag':
        return <SingleCheckbox {...common(field)} registration={registration(field)} />;
      case 'custom':
        return custom[field.name]?.() ?? null;
    }
  };

  const out: ReactNode[] = [];
  const fields = form.fields;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    // Follow-ups right after this field that depend on it are revealed inside it.
    const followUps: FieldDefinition[] = [];
    while (fields[i + 1]?.shownWhen?.field === field.name) followUps.push(fields[++i]!);
    const shownFollowUps = followUps.filter((f) => isShown(f, values));
    const children = shownFollowUps.length > 0 ? <div className="form-conditional">{shownFollowUps.map((f) => <Keyed key={f.name}>{control1(f)}</Keyed>)}</div> : undefined;
    if (field.headingKey) out.push(<h2 key={`${field.name}-heading`}>{t(field.headingKey)}</h2>);
    if (!isShown(field, values)) continue;
    // A radio group reveals its follow-ups inside its own group; any other control, right after it.
    out.push(
      <Keyed key={field.name}>
        {field.kind === 'choice' ? control1(field, children) : <>{control1(field)}{children}</>}
      </Keyed>,
    );
  }
  return <>{out}</>;
}

function Keyed({ children }: { readonly children: ReactNode }) {
  return <>{children}</>;
}
