import type { UseFormRegisterReturn } from 'react-hook-form';
import { describedBy, LabelledGroup, TextInput, type ControlText, type Option } from '../../ui/controls.tsx';

/**
 * The staff app's controls, built on the shared UI kit's (src/ui/controls.tsx):
 * an input a password manager may fill and a select, in the same GOV.UK
 * layout (label, hint, error above the control, tied by aria-describedby).
 */

/** A one-line input of any type, with the autocomplete a staff field needs (nothing spell-checked). */
export function Input(props: Parameters<typeof TextInput>[0]) {
  return <TextInput spellCheck={false} {...props} />;
}

/** A choice from a list that is too long for radios. */
export function Select(
  props: ControlText & {
    readonly registration: UseFormRegisterReturn;
    readonly options: readonly Option[];
  },
) {
  const { id, label, hint, error, errorPrefix, registration, options } = props;
  return (
    <LabelledGroup id={id} label={label} hint={hint} error={error} errorPrefix={errorPrefix}>
      <select
        {...registration}
        id={id}
        className="form-select"
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </LabelledGroup>
  );
}
