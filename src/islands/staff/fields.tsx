import type { UseFormRegisterReturn } from 'react-hook-form';
import { ErrorMessage, type ControlText, type Option } from '../form/controls.tsx';

/**
 * The staff app's own controls, beside the public forms' (form/controls.tsx):
 * inputs that a password manager may fill (WCAG 2.2 3.3.8 Accessible
 * Authentication: nothing blocks pasting or autofill) and a select. Same
 * GOV.UK layout: label, hint, error above the control, all tied by
 * aria-describedby.
 */

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A one-line input of any type, with the autocomplete a staff field needs. */
export function Input(
  props: ControlText & {
    readonly registration: UseFormRegisterReturn;
    readonly type?: 'text' | 'email' | 'password' | 'datetime-local';
    readonly autoComplete?: string;
    readonly inputMode?: 'text' | 'numeric' | 'email';
    readonly width?: 'short' | 'medium' | 'full';
    readonly spellCheck?: boolean;
  },
) {
  const { id, label, hint, error, errorPrefix, registration, type = 'text', autoComplete = 'off', inputMode, width = 'full', spellCheck = false } = props;
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="form-label" htmlFor={id}>{label}</label>
      {hint && <p id={`${id}-hint`} className="form-hint">{hint}</p>}
      <ErrorMessage id={id} message={error} prefix={errorPrefix} />
      <input
        {...registration}
        id={id}
        type={type}
        inputMode={inputMode}
        className={`form-input form-input--${width}`}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
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
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="form-label" htmlFor={id}>{label}</label>
      {hint && <p id={`${id}-hint`} className="form-hint">{hint}</p>}
      <ErrorMessage id={id} message={error} prefix={errorPrefix} />
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
    </div>
  );
}
