import { useEffect, useRef, useState, type BaseSyntheticEvent, type ReactNode } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormRegisterReturn, type UseFormReturn } from 'react-hook-form';
import type * as z from 'zod/mini';
import { ErrorSummary, type SummaryItem } from '../../ui/ErrorSummary.tsx';
import { focusElement } from '../../ui/focus.ts';
import { zodMiniResolver } from '../../ui/zod-mini-resolver.ts';
import { fieldErrors, type ApiResponse } from './api.ts';
import { useErrorReport, useStaff } from './context.ts';
import { fieldErrorText, problemText } from './messages.ts';

/** A field of a staff form: its name, its question's key and the id of its control. */
export interface FieldSpec {
  readonly name: string;
  readonly labelKey: string;
  readonly id: string;
}

/** A question with the message after it, punctuated whether or not it ends in "?". */
const labelled = (label: string) => (/[?:.!]$/.test(label) ? label : `${label}:`);

/** What a control needs for one field of a staff form (spread into Input, Select, RadioGroup, ...). */
export interface FieldProps {
  readonly id: string;
  readonly label: string;
  readonly error: string | undefined;
  readonly errorPrefix: string;
  readonly registration: UseFormRegisterReturn;
}

/** What a staff form gives its view. */
export interface StaffForm<Values extends FieldValues, Output> {
  readonly form: UseFormReturn<Values, unknown, Output>;
  /**
   * A field's control props: the id and label from the form's field list (the
   * error summary links to the same id), its error and its registration.
   */
  readonly field: (name: Path<Values>) => FieldProps;
  /** The GOV.UK error summary, when there are problems. */
  readonly summary: ReactNode;
  /** The form's submit handler: validates, then runs `send` once at a time. */
  readonly onSubmit: (send: (data: Output) => Promise<void>) => (event?: BaseSyntheticEvent) => Promise<void>;
  /** Shows a refused answer: field errors on their fields, anything else in the summary. */
  readonly showRefusal: (response: ApiResponse) => void;
  /** Shows a problem that belongs to no field. */
  readonly showProblem: (message: string) => void;
  /** Shows a problem on one field (a refusal the form has put into words itself). */
  readonly showFieldError: (name: string, message: string) => void;
  /** Whether a send is under way. */
  readonly busy: boolean;
}

/**
 * A staff form after the public forms' pattern: react-hook-form with a
 * zod/mini schema whose messages are UI string keys, validated on submit
 * only; on failure the error summary appears at the top and takes focus
 * (GOV.UK), each item a link to its field; the page title starts "Error:".
 */
export function useStaffForm<Values extends FieldValues, Schema extends z.ZodMiniType>(options: {
  readonly schema: Schema;
  readonly defaultValues: DefaultValues<Values>;
  readonly fields: readonly FieldSpec[];
  readonly prepare?: (values: Values) => unknown;
}): StaffForm<Values, z.output<Schema>> {
  const { t, has } = useStaff();
  const { schema, defaultValues, fields, prepare = (v: Values) => v } = options;
  const form = useForm<Values, unknown, z.output<Schema>>({
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    defaultValues,
    resolver: zodMiniResolver<Values, Schema>(schema, prepare),
    shouldFocusError: false,
  });
  const [general, setGeneral] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const [focusRequest, setFocusRequest] = useState(0);

  const errorMap = form.formState.errors as Record<string, { type?: string; message?: unknown } | undefined>;
  // A field's error, translated; undefined when it has none.
  const errorText = (name: string): string | undefined => {
    const entry = errorMap[name];
    if (!entry || typeof entry.message !== 'string') return undefined;
    return entry.type === 'server' ? entry.message : t(entry.message);
  };
  const items: SummaryItem[] = [
    ...fields.flatMap((field) => {
      const message = errorText(field.name);
      return message ? [{ targetId: field.id, label: labelled(t(field.labelKey)), message }] : [];
    }),
    ...general.map((message) => ({ message })),
  ];
  useErrorReport(items.length > 0);

  // The summary appears a render after the failed submit: focus it once it is there.
  useEffect(() => {
    if (focusRequest === 0 || !summaryRef.current) return;
    focusElement(summaryRef.current);
    setFocusRequest(0);
  }, [focusRequest, items.length]);

  const onSubmit = (send: (data: z.output<Schema>) => Promise<void>) =>
    form.handleSubmit(
      async (data) => {
        if (inFlight.current) return;
        inFlight.current = true;
        setBusy(true);
        setGeneral([]);
        try {
          await send(data);
        } finally {
          inFlight.current = false;
          setBusy(false);
        }
      },
      () => {
        setGeneral([]);
        setFocusRequest((n) => n + 1);
      },
    );

  const showRefusal = (response: ApiResponse) => {
    form.clearErrors();
    const unplaced: string[] = [];
    const errors = fieldErrors(response.body);
    for (const error of errors) {
      const name = error.path.split('.')[0] ?? '';
      const text = fieldErrorText(t, has, error);
      if (fields.some((f) => f.name === name)) form.setError(name as Path<Values>, { type: 'server', message: text });
      else unplaced.push(text);
    }
    if (errors.length === 0) unplaced.push(problemText(t, has, response));
    setGeneral(unplaced);
    setFocusRequest((n) => n + 1);
  };

  const showProblem = (message: string) => {
    setGeneral([message]);
    setFocusRequest((n) => n + 1);
  };

  const showFieldError = (name: string, message: string) => {
    form.clearErrors();
    setGeneral([]);
    form.setError(name as Path<Values>, { type: 'server', message });
    setFocusRequest((n) => n + 1);
  };

  const errorPrefix = t('form.error.prefix');
  const field = (name: Path<Values>): FieldProps => {
    const spec = fields.find((f) => f.name === name);
    if (!spec) throw new Error(`${name} is not in the form's field list`);
    return { id: spec.id, label: t(spec.labelKey), error: errorText(name), errorPrefix, registration: form.register(name) };
  };

  const summary = items.length > 0 ? <ErrorSummary title={t('form.error.summaryTitle')} items={items} containerRef={summaryRef} /> : null;
  return { form, field, summary, onSubmit, showRefusal, showProblem, showFieldError, busy };
}
