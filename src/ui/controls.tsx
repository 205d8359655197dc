import { useEffect, useState, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

/**
 * Form controls after the GOV.UK Design System: a visible label, a hint and
 * an error message tied to the control by aria-describedby, the error above
 * the control with a visually hidden "Error:" before it, radios and
 * checkboxes in a fieldset whose legend asks the question. The first input of
 * a group carries the group's id, so an error summary link lands on it.
 * Every control has autocomplete="off": the answers are sensitive and a
 * shared or borrowed phone must not offer them to the next person.
 */

/** What every control shows around itself. */
export interface ControlText {
  /** The id of the control (for a group: of its first input). */
  readonly id: string;
  readonly label: string;
  readonly hint?: string | undefined;
  /** The error message, already translated; none when the answer is fine. */
  readonly error?: string | undefined;
  /** The visually hidden prefix before an error message ("Error:"). */
  readonly errorPrefix: string;
}

/** An option of a radio group or checkbox group. */
export interface Option {
  readonly value: string;
  readonly label: string;
  readonly hint?: string | undefined;
}

/** The ids the control's aria-describedby lists: its hint and its error. */
export function describedBy(id: string, hint: unknown, error: unknown, extra?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', extra ?? ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A control's hint, tied to it by aria-describedby. */
export function Hint({ id, text }: { id: string; text: string | undefined }) {
  return text ? <p id={`${id}-hint`} className="form-hint">{text}</p> : null;
}

/** An inline error message with a visually hidden prefix, so a screen reader hears "Error: ...". */
export function ErrorMessage({ id, message, prefix }: { id: string; message: string | undefined; prefix: string }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} className="form-error-message">
      <span className="visually-hidden">{prefix} </span>
      {message}
    </p>
  );
}

/**
 * A question answered by one labelled control (GOV.UK form group): the label,
 * the hint and the error message above the control, the group marked while
 * there is an error. The control ties itself to them with describedBy.
 */
export function LabelledGroup(props: ControlText & { readonly children: ReactNode }) {
  const { id, label, hint, error, errorPrefix, children } = props;
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="form-label" htmlFor={id}>{label}</label>
      <Hint id={id} text={hint} />
      <ErrorMessage id={id} message={error} prefix={errorPrefix} />
      {children}
    </div>
  );
}

/**
 * A one-line text input. Sensitive public fields keep `autoComplete="off"`
 * (shared phones keep what was typed); the staff app passes what a password
 * manager needs (WCAG 2.2 3.3.8: nothing blocks pasting or autofill).
 */
export function TextInput(
  props: ControlText & {
    readonly registration: UseFormRegisterReturn;
    readonly type?: 'text' | 'email' | 'tel' | 'password' | 'datetime-local';
    readonly autoComplete?: string;
    readonly inputMode?: 'text' | 'email' | 'tel' | 'numeric';
    readonly width?: 'short' | 'medium' | 'full';
    readonly spellCheck?: boolean;
  },
) {
  const { id, label, hint, error, errorPrefix, registration, type = 'text', autoComplete = 'off', inputMode, width = 'full', spellCheck } = props;
  return (
    <LabelledGroup id={id} label={label} hint={hint} error={error} errorPrefix={errorPrefix}>
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
    </LabelledGroup>
  );
}

/**
 * A multi-line answer with a character count (GOV.UK character count): the
 * limit is a hint; going over it is allowed while typing and reported on
 * submit. The visible count updates at once; the screen reader copy waits
 * until typing pauses, so it is not read out on every key.
 */
export function TextArea(
  props: ControlText & {
    readonly registration: UseFormRegisterReturn;
    readonly length: number;
    readonly max: number;
    /** The limit in words ("You can enter up to 4000 characters"), read with the field. */
    readonly limitText: string;
    /** The count in words for the characters left (negative: over the limit). */
    readonly countText: (left: number) => string;
  },
) {
  const { id, label, hint, error, errorPrefix, registration, length, max, limitText, countText } = props;
  const left = max - length;
  const status = countText(left);
  const [spoken, setSpoken] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSpoken(status), 1000);
    return () => clearTimeout(timer);
  }, [status]);
  return (
    <LabelledGroup id={id} label={label} hint={hint} error={error} errorPrefix={errorPrefix}>
      <textarea
        {...registration}
        id={id}
        rows={8}
        className="form-textarea"
        autoComplete="off"
        aria-describedby={describedBy(id, hint, error, `${id}-limit`)}
        aria-invalid={error ? true : undefined}
      />
      <p id={`${id}-limit`} className="visually-hidden">{limitText}</p>
      <p className={left >= 0 ? 'form-count' : 'form-count form-count--over'} aria-hidden="true">{status}</p>
      <p className="visually-hidden" aria-live="polite">{spoken}</p>
    </LabelledGroup>
  );
}

/** A question answered by one choice (radios in a fieldset); `children` shows under it (a conditional follow-up). */
export function RadioGroup(
  props: ControlText & {
    readonly registration: UseFormRegisterReturn;
    readonly options: readonly Option[];
    readonly inline?: boolean;
    readonly children?: ReactNode;
  },
) {
  return <ChoiceGroup {...props} type="radio" />;
}

/** A question answered by ticking one or more boxes. */
export function CheckboxGroup(
  props: ControlText & { readonly registration: UseFormRegisterReturn; readonly options: readonly Option[] },
) {
  return <ChoiceGroup {...props} type="checkbox" />;
}

function ChoiceGroup(
  props: ControlText & {
    readonly registration: UseFormRegisterReturn;
    readonly options: readonly Option[];
    readonly type: 'radio' | 'checkbox';
    readonly inline?: boolean;
    readonly children?: ReactNode;
  },
) {
  const { id, label, hint, error, errorPrefix, registration, options, type, inline, children } = props;
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <fieldset className="form-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className="form-legend">{label}</legend>
        <Hint id={id} text={hint} />
        <ErrorMessage id={id} message={error} prefix={errorPrefix} />
        <div className={`form-choices form-choices--${type}${inline ? ' form-choices--inline' : ''}`}>
          {options.map((option, index) => {
            const inputId = index === 0 ? id : `${id}-${index + 1}`;
            return (
              <div className="form-choice" key={option.value}>
                <input
                  {...registration}
                  id={inputId}
                  type={type}
                  value={option.value}
                  className="form-choice-input"
                  autoComplete="off"
                  aria-describedby={option.hint ? `${inputId}-item-hint` : undefined}
                />
                <label className="form-choice-label" htmlFor={inputId}>{option.label}</label>
                {option.hint && <p id={`${inputId}-item-hint`} className="form-hint form-choice-hint">{option.hint}</p>}
              </div>
            );
          })}
        </div>
      </fieldset>
      {children}
    </div>
  );
}

/** A single yes/no checkbox (a statement the reader ticks). */
export function SingleCheckbox(props: ControlText & { readonly registration: UseFormRegisterReturn }) {
  const { id, label, hint, error, errorPrefix, registration } = props;
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <ErrorMessage id={id} message={error} prefix={errorPrefix} />
      <div className="form-choice">
        <input
          {...registration}
          id={id}
          type="checkbox"
          className="form-choice-input"
          autoComplete="off"
          aria-describedby={describedBy(id, hint, error)}
          aria-invalid={error ? true : undefined}
        />
        <label className="form-choice-label" htmlFor={id}>{label}</label>
        <Hint id={id} text={hint} />
      </div>
    </div>
  );
}

/**
 * A date as three boxes, day, month and year (GOV.UK date input): easier on
 * a phone and for assistive technology than a browser date picker.
 */
export function DateInput(
  props: ControlText & {
    readonly parts: readonly {
      readonly key: string;
      readonly label: string;
      readonly registration: UseFormRegisterReturn;
      readonly width: 'day' | 'year';
    }[];
  },
) {
  const { id, label, hint, error, errorPrefix, parts } = props;
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <fieldset className="form-fieldset" role="group" aria-describedby={describedBy(id, hint, error)}>
        <legend className="form-legend">{label}</legend>
        <Hint id={id} text={hint} />
        <ErrorMessage id={id} message={error} prefix={errorPrefix} />
        <div className="form-date">
          {parts.map((part, index) => {
            const partId = index === 0 ? id : `${id}-${part.key}`;
            return (
              <div className="form-date-item" key={part.key}>
                <label className="form-label form-date-label" htmlFor={partId}>{part.label}</label>
                <input
                  {...part.registration}
                  id={partId}
                  type="text"
                  inputMode="numeric"
                  className={`form-input form-input--${part.width}`}
                  autoComplete="off"
                  aria-invalid={error ? true : undefined}
                />
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
