import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { isTransition, type CaseStatus } from '../../shared/casework/lifecycle.ts';
import { RadioGroup, TextArea } from '../../ui/controls.tsx';
import type { ActionProps } from './case-action.ts';
import { useStaff } from './context.ts';
import { Input } from './fields.tsx';
import { formatReference, helsinkiInputValue, helsinkiInstant } from './format.ts';
import { attemptSchema, noteMaxLength, noteSchema, referenceSchema } from './schemas.ts';
import { useStaffForm } from './staff-form.tsx';
import { attemptMethods, attemptOutcomes } from './types.ts';

/** Records when, how and with what result someone tried to reach the person. */
export function AttemptForm({ detail, labels, send, applied }: ActionProps) {
  const { t } = useStaff();
  // "Reached" offers the next step of the life cycle in the same action, where the case may take it.
  const [inContact, setInContact] = useState(true);
  const f = useStaffForm<{ at: string; method: string; outcome: string }, typeof attemptSchema>({
    schema: attemptSchema,
    defaultValues: { at: helsinkiInputValue(Date.now()), method: '', outcome: '' },
    fields: [
      { name: 'at', labelKey: 'staff.attempt.at', id: 'attempt-at' },
      { name: 'method', labelKey: 'staff.attempt.method', id: 'attempt-method' },
      { name: 'outcome', labelKey: 'staff.attempt.outcome', id: 'attempt-outcome' },
    ],
  });
  const outcomeNow = useWatch({ control: f.form.control, name: 'outcome' });
  const from = detail.case.status as CaseStatus;
  const offerInContact = outcomeNow === 'reached' && from !== 'in_contact' && isTransition(from, 'in_contact');
  const submit = f.onSubmit(async ({ at, method, outcome }) => {
    // The field shows minutes: left at the current minute, it means now (not the minute's start, which may be before the case arrived).
    const now = Date.now();
    const instant = at === helsinkiInputValue(now) ? new Date(now).toISOString() : helsinkiInstant(at);
    if (!instant) return f.showFieldError('at', t('staff.attempt.atInvalid'));
    const alsoInContact = offerInContact && inContact;
    const changed = await send('contact-attempts', { at: instant, method, outcome, ...(alsoInContact ? { setInContact: true } : {}) }, f.showRefusal);
    if (!changed) return;
    f.form.reset({ at: helsinkiInputValue(Date.now()), method: '', outcome: '' });
    const status = { from, to: 'in_contact', outcome: null };
    applied(
      changed,
      { attempt: { at: instant, method, outcome }, event: { type: 'contact-attempt', detail: { method, outcome } }, ...(alsoInContact ? { alsoEvent: { type: 'status', detail: status } } : {}) },
      alsoInContact ? t('staff.attempt.doneInContact', { status: labels.status('in_contact') }) : t('staff.attempt.done'),
    );
  });
  return (
    <section className="staff-action" aria-labelledby="attempt-title">
      {f.summary}
      <h3 id="attempt-title">{t('staff.attempt.title')}</h3>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <Input {...f.field('at')} hint={t('staff.attempt.atHint')} type="datetime-local" width="medium" />
        <RadioGroup
          {...f.field('method')}
          options={attemptMethods.map((m) => ({ value: m, label: labels.attemptMethod(m) }))}
          inline
        />
        <RadioGroup
          {...f.field('outcome')}
          options={attemptOutcomes.map((o) => ({ value: o, label: labels.attemptOutcome(o) }))}
        />
        {offerInContact && (
          <div className="form-choices form-choices--checkbox">
            <div className="form-choice">
              <input id="attempt-in-contact" type="checkbox" className="form-choice-input" checked={inContact} onChange={(event) => setInContact(event.target.checked)} />
              <label className="form-choice-label" htmlFor="attempt-in-contact">{t('staff.attempt.setInContact', { status: labels.status('in_contact') })}</label>
            </div>
          </div>
        )}
        <button type="submit" className="staff-button" aria-disabled={f.busy || undefined}>{t('staff.attempt.button')}</button>
      </form>
    </section>
  );
}

/** Adds a note; the server seals it to the case. */
export function NoteForm({ send, applied }: ActionProps) {
  const { t } = useStaff();
  const f = useStaffForm<{ text: string }, typeof noteSchema>({
    schema: noteSchema,
    defaultValues: { text: '' },
    fields: [{ name: 'text', labelKey: 'staff.note.label', id: 'note-text' }],
  });
  const text = useWatch({ control: f.form.control, name: 'text' }) ?? '';
  const submit = f.onSubmit(async ({ text }) => {
    const changed = await send('notes', { text }, f.showRefusal);
    if (!changed) return;
    f.form.reset({ text: '' });
    applied(changed, { note: text, event: { type: 'note', detail: {} } }, t('staff.note.done'));
  });
  return (
    <section className="staff-action" aria-labelledby="note-title">
      {f.summary}
      <h3 id="note-title">{t('staff.note.title')}</h3>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextArea
          {...f.field('text')}
          hint={t('staff.note.hint')}
          length={text.length}
          max={noteMaxLength}
          limitText={t('staff.textLimit', { max: noteMaxLength })}
          countText={(left) => t(left >= 0 ? 'staff.textLeft' : 'staff.textOver', { count: Math.abs(left) })}
        />
        <button type="submit" className="staff-button" aria-disabled={f.busy || undefined}>{t('staff.note.button')}</button>
      </form>
    </section>
  );
}

/** Links another case about the same child, by its reference. */
export function LinkForm({ send, applied }: ActionProps) {
  const { t, api } = useStaff();
  const f = useStaffForm<{ reference: string }, typeof referenceSchema>({
    schema: referenceSchema,
    defaultValues: { reference: '' },
    fields: [{ name: 'reference', labelKey: 'staff.link.label', id: 'link-reference' }],
  });
  const submit = f.onSubmit(async ({ reference }) => {
    const changed = await send('link', { otherReference: reference }, (response) => {
      // The API names the field otherReference; the form calls it reference.
      if (response.status === 400) {
        const body = response.body as { errors?: { path: string; code: string }[] };
        const mapped = { ...response, body: { errors: (body.errors ?? []).map((e) => ({ ...e, path: e.path === 'otherReference' ? 'reference' : e.path })) } };
        return f.showRefusal(mapped);
      }
      f.showRefusal(response);
    });
    if (!changed || !changed.linkedCaseId) return;
    // The other case's reference and status for the facts list (nothing personal).
    const other = await api.get(`/cases/by-reference/${encodeURIComponent(reference)}`);
    const found = other.status === 200 ? (other.body as { reference: string; status: string }) : undefined;
    const shown = found ? formatReference(found.reference) : reference.toUpperCase();
    f.form.reset({ reference: '' });
    applied(
      changed,
      { linked: { id: changed.linkedCaseId, reference: found?.reference ?? reference.toUpperCase(), status: found?.status ?? '' }, event: { type: 'linked', detail: {} } },
      t('staff.link.done', { reference: shown }),
    );
  });
  return (
    <section className="staff-action" aria-labelledby="link-title">
      {f.summary}
      <h3 id="link-title">{t('staff.link.title')}</h3>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <Input {...f.field('reference')} hint={t('staff.link.hint')} width="medium" />
        <button type="submit" className="staff-button" aria-disabled={f.busy || undefined}>{t('staff.link.button')}</button>
      </form>
    </section>
  );
}
