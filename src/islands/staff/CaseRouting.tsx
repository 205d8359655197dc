import { useEffect, useState } from 'react';
import { useWatch } from 'react-hook-form';
import { RadioGroup, TextArea } from '../../ui/controls.tsx';
import type { ActionProps } from './case-action.ts';
import { useStaff } from './context.ts';
import { Select } from './fields.tsx';
import { problemText } from './messages.ts';
import { assignSchema, routeSchema, statusSchema } from './schemas.ts';
import { useStaffForm } from './staff-form.tsx';
import { nextStatuses, outcomes, queues, type Assignee } from './types.ts';
import { isolated } from './isolate.ts';

const reasonMax = 500;

/** Intake confirms the proposed queue or moves the case to another, giving a reason for a change. */
export function RouteForm({ detail, labels, send, applied }: ActionProps) {
  const { t } = useStaff();
  const c = detail.case;
  const f = useStaffForm<{ queue: string; reason: string }, typeof routeSchema>({
    schema: routeSchema,
    defaultValues: { queue: c.queue ?? c.proposedQueue, reason: '' },
    fields: [
      { name: 'queue', labelKey: 'staff.route.queue', id: 'route-queue' },
      { name: 'reason', labelKey: 'staff.route.reason', id: 'route-reason' },
    ],
  });
  const reason = useWatch({ control: f.form.control, name: 'reason' }) ?? '';
  const submit = f.onSubmit(async ({ queue, reason }) => {
    const changes = queue !== c.proposedQueue || (c.queue !== null && queue !== c.queue);
    if (changes && !reason) return f.showFieldError('reason', t('staff.route.reasonRequired'));
    const changed = await send('route', { queue, reason: reason || undefined }, f.showRefusal);
    if (!changed) return;
    f.form.reset({ queue, reason: '' });
    applied(changed, { event: { type: 'routed', detail: { from: c.queue, to: queue }, reason: reason || null } }, t('staff.route.done', { queue: labels.queue(queue) }));
  });
  return (
    <section className="staff-action" aria-labelledby="route-title">
      {f.summary}
      <h3 id="route-title">{t('staff.route.title')}</h3>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <Select
          {...f.field('queue')}
          hint={t('staff.route.proposed', { queue: labels.queue(c.proposedQueue) })}
          options={queues.map((q) => ({ value: q, label: labels.queue(q) }))}
        />
        <TextArea
          {...f.field('reason')}
          hint={t('staff.route.reasonHint')}
          length={reason.length}
          max={reasonMax}
          limitText={t('staff.textLimit', { max: reasonMax })}
          countText={(left) => t(left >= 0 ? 'staff.textLeft' : 'staff.textOver', { count: Math.abs(left) })}
        />
        <button type="submit" className="staff-button" aria-disabled={f.busy || undefined}>{t('staff.route.button')}</button>
      </form>
    </section>
  );
}

/** Gives the case to someone who may hold it (or to nobody); the list comes from the server. */
export function AssignForm({ detail, send, applied }: ActionProps) {
  const { t, has, api, session } = useStaff();
  const c = detail.case;
  const [candidates, setCandidates] = useState<readonly Assignee[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    void api.get(`/cases/${c.id}/assignees`).then((response) => {
      if (!live) return;
      if (response.status === 200) setCandidates((response.body as { assignees: Assignee[] }).assignees);
      else setProblem(problemText(t, has, response));
    });
    return () => {
      live = false;
    };
  }, [api, c.id, c.queue, t, has]);
  const f = useStaffForm<{ assigneeId: string }, typeof assignSchema>({
    schema: assignSchema,
    defaultValues: { assigneeId: c.assignee?.id ?? '' },
    fields: [{ name: 'assigneeId', labelKey: 'staff.assign.label', id: 'assign-to' }],
  });
  const assign = async (assigneeId: string) => {
    const changed = await send('assign', { assigneeId: assigneeId || null }, f.showRefusal);
    if (!changed) return;
    const email = candidates?.find((a) => a.id === assigneeId)?.email ?? null;
    f.form.reset({ assigneeId });
    applied(changed, { assigneeEmail: email, event: { type: 'assigned', detail: { to: assigneeId || null } } }, email ? t('staff.assign.done', { email: isolated(email) }) : t('staff.assign.cleared'));
  };
  const submit = f.onSubmit(({ assigneeId }) => assign(assigneeId));
  const me = candidates?.find((a) => a.email === session?.email);
  const teamOf = (a: Assignee) => (a.team ? `, ${t(`staff.queue.${a.team}`)}` : '');
  return (
    <section className="staff-action" aria-labelledby="assign-title">
      {f.summary}
      <h3 id="assign-title">{t('staff.assign.title')}</h3>
      {problem && <p className="staff-problem">{problem}</p>}
      {!candidates && !problem && <p>{t('staff.loading')}</p>}
      {candidates && (
        <form className="form" noValidate onSubmit={(event) => void submit(event)}>
          <Select
            {...f.field('assigneeId')}
            hint={t(c.queue ? 'staff.assign.hint' : 'staff.assign.hintUnrouted')}
            options={[{ value: '', label: t('staff.assign.nobody') }, ...candidates.map((a) => ({ value: a.id, label: `${isolated(a.email)} (${t(`staff.role.${a.role}`)}${teamOf(a)})` }))]}
          />
          <div className="staff-actions">
            <button type="submit" className="staff-button" aria-disabled={f.busy || undefined}>{t('staff.assign.button')}</button>
            {me && c.assignee?.id !== me.id && (
              <button type="button" className="staff-button staff-button--secondary" onClick={() => void assign(me.id)}>
                {t('staff.assign.me')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}

/** Moves the case along its life cycle; closing asks for the outcome. */
export function StatusForm({ detail, labels, send, applied }: ActionProps) {
  const { t, session } = useStaff();
  const c = detail.case;
  const options = nextStatuses(c.status, session?.role ?? 'team', c.assignee !== null);
  const f = useStaffForm<{ status: string; outcome: string }, typeof statusSchema>({
    schema: statusSchema,
    defaultValues: { status: '', outcome: '' },
    fields: [
      { name: 'status', labelKey: 'staff.changeStatus.label', id: 'status-to' },
      { name: 'outcome', labelKey: 'staff.changeStatus.outcome', id: 'status-outcome' },
    ],
  });
  const chosen = useWatch({ control: f.form.control, name: 'status' });
  const submit = f.onSubmit(async ({ status, outcome }) => {
    const closing = status === 'closed';
    const changed = await send('status', { status, outcome: closing ? outcome : undefined }, f.showRefusal);
    if (!changed) return;
    f.form.reset({ status: '', outcome: '' });
    const event = { type: 'status', detail: { from: c.status, to: status, outcome: closing ? outcome : null } };
    applied(changed, { event }, t('staff.changeStatus.done', { status: labels.status(status) }));
  });
  if (options.length === 0) return null;
  return (
    <section className="staff-action" aria-labelledby="status-title">
      {f.summary}
      <h3 id="status-title">{t('staff.changeStatus.title')}</h3>
      <p>{t('staff.changeStatus.now', { status: labels.status(c.status) })}</p>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <RadioGroup
          {...f.field('status')}
          options={options.map((s) => ({ value: s, label: labels.status(s) }))}
        >
          {chosen === 'closed' && (
            <div className="form-conditional">
              <RadioGroup
                {...f.field('outcome')}
                hint={t('staff.changeStatus.outcomeHint')}
                options={outcomes.map((o) => ({ value: o, label: labels.outcome(o) }))}
              />
            </div>
          )}
        </RadioGroup>
        <button type="submit" className="staff-button" aria-disabled={f.busy || undefined}>{t('staff.changeStatus.button')}</button>
      </form>
    </section>
  );
}
