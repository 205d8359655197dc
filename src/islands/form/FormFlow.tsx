import { useEffect, useMemo, useRef, useState, type BaseSyntheticEvent, type ReactNode } from 'react';
import { useForm, type Control, type FieldValues, type Path } from 'react-hook-form';
import type * as z from 'zod/mini';
import { buildSubmission, type FormKind } from '../../shared/forms/submission.ts';
import { Figure } from '../../components/Figure.tsx';
import { WhoReads } from '../../components/WhoReads.tsx';
import { AnswerList } from './CheckAnswers.tsx';
import { Confirmation } from './Confirmation.tsx';
import type { FieldsApi, FormDefinition } from './definition.ts';
import { DangerStep } from './DangerStep.tsx';
import { ErrorSummary, type SummaryItem } from '../../ui/ErrorSummary.tsx';
import { focusElement, focusField } from '../../ui/focus.ts';
import { PhoneRoute } from './PhoneRoute.tsx';
import type { FormIslandProps } from './props.ts';
import { keyForAnswers, submitForm, type KeyedAnswers, type ServerFieldError, type SubmitResult } from './submit.ts';
import { solveInWorker } from './proof-solver.ts';
import { makeTranslate } from '../../ui/translate.ts';
import { zodMiniResolver } from '../../ui/zod-mini-resolver.ts';

type Step = 'danger' | 'reads' | 'form' | 'check' | 'sent';
type SendProblem = 'rate-limited' | 'failed';
type FocusRequest = { readonly target: 'heading' | 'summary' | 'problem' } | { readonly target: 'field'; readonly id: string };

/** Each step's title; the questions' title differs between the forms. */
const stepTitleKey = (step: Step, kind: FormKind): string =>
  step === 'form' ? `form.${kind}.step.form` : step === 'reads' ? 'form.reads.title' : `form.step.${step}`;

/** "We aim to contact you by <date>": the date (ISO, a Helsinki day) by Intl in the page's locale, without a weekday, isolated in its own direction. */
function promiseLine(t: ReturnType<typeof makeTranslate>, lang: string, promisedBy: string): ReactNode {
  const [year = 0, month = 1, day = 1] = promisedBy.split('-').map(Number);
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)));
  const [before = '', after = ''] = t('form.sent.promise').split('{{date}}');
  return (
    <p className="form-promise">
      {before}<Figure kind="date" text={date} />{after}
    </p>
  );
}

/** A question with the message after it, punctuated whether or not the question ends in "?" (or the Arabic and Persian "؟"). */
const labelled = (label: string) => (/[?:.!؟]$/.test(label) ? label : `${label}:`);

/**
 * The steps every public form goes through (GOV.UK patterns): "is someone in
 * danger", who reads the message and what can follow, the questions with an
 * error summary, check your answers, and the confirmation. On each step change focus moves to the step's heading and the
 * document title names the step (prefixed "Error:" while problems show);
 * neither ever carries an answer. A retry of the same answers reuses the
 * same idempotency key, so the team gets one case however often the button
 * is pressed; changed answers get a new key. In flood mode the server asks
 * for a proof of work, solved in a worker while a message says why it waits.
 */
export function FormFlow<Values extends FieldValues, Schema extends z.ZodMiniType>(props: {
  readonly island: FormIslandProps;
  readonly definition: FormDefinition<Values, Schema>;
  readonly caption: string;
  /** What to know before starting (shown on the first step). */
  readonly notices: ReactNode;
  readonly renderFields: (api: FieldsApi<Values>) => ReactNode;
  /**
   * What happens next, for the confirmation, given the answers and, only when
   * the deployer has committed to a time, the "we aim to contact you by" line.
   */
  readonly renderNext: (fields: z.output<Schema>, promise: ReactNode | undefined) => ReactNode;
}) {
  const { island, definition, caption, notices, renderFields, renderNext } = props;
  const t = useMemo(() => makeTranslate(island.strings), [island.strings]);
  const [hydrated, setHydrated] = useState(false);
  const [step, setStep] = useState<Step>('danger');
  const [answers, setAnswers] = useState<z.output<Schema> | undefined>();
  const [otherErrors, setOtherErrors] = useState<readonly string[]>([]);
  const [sending, setSending] = useState(false);
  const [solving, setSolving] = useState(false);
  const [problem, setProblem] = useState<SendProblem | undefined>();
  const [sent, setSent] = useState<{ reference: string; next: ReactNode } | undefined>();
  const [focusRequest, setFocusRequest] = useState<FocusRequest | undefined>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const problemRef = useRef<HTMLHeadingElement>(null);
  const baseTitle = useRef('');
  const startedAt = useRef(0);
  const idempotencyKey = useRef<KeyedAnswers | undefined>(undefined);
  // State updates land a render later; a double click must not start two sends.
  const inFlight = useRef(false);
  // After the first submit every answer is checked again as it changes (GOV.UK).
  const submittedOnce = useRef(false);

  const form = useForm<Values, unknown, z.output<Schema>>({
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    defaultValues: definition.defaultValues,
    resolver: zodMiniResolver<Values, Schema>(definition.schema, definition.prepare),
    // Focus goes to the error summary instead (GOV.UK).
    shouldFocusError: false,
  });
  // The whole form, not only the changed field: a cross-field rule (a phone
  // number needed for a call) and a follow-up hidden again must update too,
  // so that neither an answer nor the summary keeps a message already fixed.
  useEffect(() => {
    const subscription = form.watch(() => {
      if (submittedOnce.current) void form.trigger();
    });
    return () => subscription.unsubscribe();
  }, [form]);
  const { errors } = form.formState;
  const errorMap = errors as Record<string, { type?: string; message?: unknown } | undefined>;
  // Server messages arrive translated; the schema's are keys.
  const errorText = (name: string): string | undefined => {
    const entry = errorMap[name];
    if (!entry || typeof entry.message !== 'string') return undefined;
    return entry.type === 'server' ? entry.message : t(entry.message);
  };
  const summaryItems: SummaryItem[] = [
    ...definition.fields.flatMap((field) => {
      const message = errorText(field.name);
      return message ? [{ targetId: field.targetId, label: labelled(t(field.labelKey)), message }] : [];
    }),
    ...otherErrors.map((message) => ({ message })),
  ];
  const showSummary = step === 'form' && summaryItems.length > 0;

  useEffect(() => {
    setHydrated(true);
    baseTitle.current = document.title;
    startedAt.current = Date.now();
  }, []);

  useEffect(() => {
    if (!baseTitle.current) return;
    const failed = showSummary || (step === 'check' && problem !== undefined);
    const title = step === 'danger' ? baseTitle.current : `${t(stepTitleKey(step, definition.kind))} – ${baseTitle.current}`;
    document.title = failed ? `${t('form.error.prefix')} ${title}` : title;
  }, [step, showSummary, problem, t, definition.kind]);

  // A focus request waits until its target is on the page: react-hook-form
  // publishes the errors only after the invalid callback has run, so the
  // error summary appears a render after it was asked for.
  useEffect(() => {
    if (!focusRequest) return;
    if (focusRequest.target === 'field') {
      if (!document.getElementById(focusRequest.id)) return;
      focusField(focusRequest.id);
    } else {
      const refs = { summary: summaryRef, problem: problemRef, heading: headingRef };
      const element = refs[focusRequest.target].current;
      if (!element) return;
      focusElement(element);
    }
    setFocusRequest(undefined);
  }, [focusRequest, showSummary, problem, step]);

  const go = (next: Step, focus: FocusRequest = { target: 'heading' }) => {
    setStep(next);
    setFocusRequest(focus);
  };

  const validate = form.handleSubmit(
    (fields) => {
      setOtherErrors([]);
      setProblem(undefined);
      setAnswers(fields);
      go('check');
    },
    () => {
      setOtherErrors([]);
      setFocusRequest({ target: 'summary' });
    },
  );
  const onSubmit = (event?: BaseSyntheticEvent) => {
    submittedOnce.current = true;
    return validate(event);
  };

  const showServerErrors = (serverErrors: readonly ServerFieldError[]) => {
    form.clearErrors();
    const unplaced: string[] = [];
    for (const error of serverErrors) {
      const name = error.path.split('.')[0] ?? '';
      if (definition.fields.some((f) => f.name === name)) {
        form.setError(name as Path<Values>, { type: 'server', message: error.message });
      } else {
        unplaced.push(error.message);
      }
    }
    setOtherErrors(unplaced);
    go('form', { target: 'summary' });
  };

  const send = async () => {
    if (inFlight.current || !answers) return;
    inFlight.current = true;
    setSending(true);
    setProblem(undefined);
    const website = String((form.getValues() as Record<string, unknown>).website ?? '');
    const body = buildSubmission(answers as object, {
      locale: island.locale,
      website,
      startedAt: startedAt.current,
      sentAt: Date.now(),
    });
    // The same key for the same answers; a new one once they changed after a failed send.
    idempotencyKey.current = keyForAnswers(idempotencyKey.current, JSON.stringify([answers, website]));
    const key = idempotencyKey.current.key;
    let result: SubmitResult = await submitForm(definition.kind, body, key);
    // Flood mode: solve the server's challenge in a worker and send again (a new challenge if that one expired or was used).
    for (let round = 0; round < 3 && result.status === 'proof-required'; round++) {
      setSolving(true);
      const proof = await solveInWorker(result.challenge);
      setSolving(false);
      result = proof ? await submitForm(definition.kind, body, key, proof) : { status: 'failed' };
    }
    inFlight.current = false;
    setSending(false);
    if (result.status === 'sent') {
      const promise = result.promisedBy ? promiseLine(t, island.lang, result.promisedBy) : undefined;
      setSent({ reference: result.reference, next: renderNext(answers, promise) });
      // The answers leave the page once the team has them.
      setAnswers(undefined);
      form.reset();
      go('sent');
    } else if (result.status === 'invalid') {
      showServerErrors(result.errors);
    } else {
      setProblem(result.status === 'rate-limited' ? 'rate-limited' : 'failed');
      setFocusRequest({ target: 'problem' });
    }
  };

  const changeAnswer = (targetId: string) => go('form', { target: 'field', id: targetId });

  if (step === 'sent' && sent) {
    return (
      <Confirmation
        t={t}
        title={t('form.step.sent')}
        headingRef={headingRef}
        reference={sent.reference}
        next={sent.next}
        phone={island.phone}
        officeHours={island.officeHours}
        example={island.example}
        crisisNumber={island.crisisNumber}
        youthHelpline={island.youthHelpline}
      />
    );
  }

  if (step === 'reads') {
    return (
      <>
        <p className="form-caption">{caption}</p>
        <h1 tabIndex={-1} ref={headingRef}>{t('form.reads.title')}</h1>
        <WhoReads t={t} intl={island.lang} phone={island.phone} officeHours={island.officeHours} example={island.example} heading={false} />
        <button type="button" className="form-button" onClick={() => go('form')}>{t('form.reads.continue')}</button>
      </>
    );
  }

  if (step === 'check' && answers) {
    return (
      <>
        <p className="form-caption">{caption}</p>
        <h1 tabIndex={-1} ref={headingRef}>{t('form.step.check')}</h1>
        {problem && (
          <div className="form-problem">
            <h2 tabIndex={-1} ref={problemRef}>{t(`form.send.${problem}.title`)}</h2>
            <p>{t(`form.send.${problem}.text`)}</p>
            <PhoneRoute t={t} phone={island.phone} officeHours={island.officeHours} example={island.example} />
          </div>
        )}
        <AnswerList rows={definition.answers(answers, t)} changeText={t('form.check.change')} onChange={changeAnswer} />
        {/* Processing is not based on consent, so there is nothing to tick: the reader is told how the answers are handled, with the notice a click away. */}
        <h2>{t('form.privacy.title')}</h2>
        <p>{t('form.privacy.text')}</p>
        <p>
          <a href={island.privacyHref} target="_blank" rel="noopener">
            {t('form.privacy.link')}
          </a>
        </p>
        <h2>{t('form.check.sendTitle')}</h2>
        <p>{t('form.check.sendText')}</p>
        <button
          type="button"
          className="form-button"
          onClick={() => void send()}
          aria-disabled={sending || undefined}
        >
          {t(sending ? 'form.check.sending' : 'form.check.send')}
        </button>
        {solving && <p className="form-proof">{t('form.check.proof')}</p>}
        <p className="visually-hidden" aria-live="polite">{solving ? t('form.check.proof') : sending ? t('form.check.sending') : ''}</p>
      </>
    );
  }

  if (step === 'form') {
    return (
      <>
        <p className="form-caption">{caption}</p>
        {showSummary && <ErrorSummary title={t('form.error.summaryTitle')} items={summaryItems} containerRef={summaryRef} />}
        <h1 tabIndex={-1} ref={headingRef}>{t(stepTitleKey('form', definition.kind))}</h1>
        <p>{t(`form.${definition.kind}.intro`)}</p>
        <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
          {renderFields({
            register: form.register,
            control: form.control as Control<Values, unknown, unknown>,
            t,
            error: errorText,
            errorPrefix: t('form.error.prefix'),
          })}
          {/* A honeypot for bots: hidden from people and assistive technology alike. */}
          <div className="form-honeypot" aria-hidden="true">
            <label htmlFor={`${definition.kind}-website`}>{t('form.honeypot.label')}</label>
            <input
              {...form.register('website' as Path<Values>)}
              id={`${definition.kind}-website`}
              type="text"
              tabIndex={-1}
              autoComplete="off"
            />
          </div>
          <button type="submit" className="form-button">{t('form.continue')}</button>
        </form>
      </>
    );
  }

  return (
    <DangerStep
      t={t}
      caption={caption}
      headingRef={headingRef}
      hydrated={hydrated}
      notices={notices}
      phone={island.phone}
      officeHours={island.officeHours}
      example={island.example}
      onContinue={() => go('reads')}
    />
  );
}
