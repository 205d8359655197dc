import { useStaff } from './context.ts';
import { Input } from './fields.tsx';
import { problemText } from './messages.ts';
import { referenceSchema } from './schemas.ts';
import { useStaffForm } from './staff-form.tsx';

/**
 * Find a case by its reference, as typed or read out on the phone
 * ("kt7m 3xqp" works; the server normalises it), and open it.
 */
export function FindCase() {
  const { t, has, api, navigate } = useStaff();
  const { field, summary, onSubmit, showFieldError, showProblem, busy } = useStaffForm<{ reference: string }, typeof referenceSchema>({
    schema: referenceSchema,
    defaultValues: { reference: '' },
    fields: [{ name: 'reference', labelKey: 'staff.find.label', id: 'find-reference' }],
  });
  const send = onSubmit(async ({ reference }) => {
    const response = await api.get(`/cases/by-reference/${encodeURIComponent(reference)}`);
    if (response.status === 200) {
      navigate({ view: 'case', id: (response.body as { id: string }).id });
      return;
    }
    const fieldMessage: Record<number, string> = {
      400: t('staff.apiError.invalid_reference'),
      403: t('staff.find.forbidden'),
      404: t('staff.find.notFound'),
    };
    const message = fieldMessage[response.status];
    if (message) showFieldError('reference', message);
    else showProblem(problemText(t, has, response));
  });
  return (
    <section className="staff-find" aria-labelledby="find-title">
      {summary}
      <h2 id="find-title">{t('staff.find.title')}</h2>
      <form className="staff-inline-form" noValidate onSubmit={(event) => void send(event)}>
        <Input
          {...field('reference')}
          hint={t('staff.find.hint')}
          width="medium"
        />
        <button type="submit" className="form-button" aria-disabled={busy || undefined}>
          {t('staff.find.button')}
        </button>
      </form>
    </section>
  );
}
