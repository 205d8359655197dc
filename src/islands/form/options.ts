import type { Option } from '../../ui/controls.tsx';
import type { Translate } from '../../ui/translate.ts';

/**
 * Radio or checkbox options from a list of values: labels are
 * `form.option.<list>.<value>`, and the values in `hinted` also have a hint
 * at `form.option.<list>.<value>.hint`.
 */
export function optionsOf(t: Translate, list: string, values: readonly string[], hinted: readonly string[] = []): Option[] {
  return values.map((value) => ({
    value,
    label: t(`form.option.${list}.${value}`),
    hint: hinted.includes(value) ? t(`form.option.${list}.${value}.hint`) : undefined,
  }));
}

/** A ticked or unticked box in words for check answers. */
export function yesNo(t: Translate, value: boolean): string {
  return t(value ? 'form.check.yes' : 'form.check.no');
}
