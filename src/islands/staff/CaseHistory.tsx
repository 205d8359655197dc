import { useStaff } from './context.ts';
import { ScrollTable } from './ScrollTable.tsx';
import { formatDateTime } from './format.ts';
import type { Labels } from './labels.ts';
import type { CaseEvent, CaseNote, ContactAttempt } from './types.ts';
import { UserText } from './user-text.tsx';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The contact attempts, oldest first. */
export function ContactAttempts({ attempts, labels }: { readonly attempts: readonly ContactAttempt[]; readonly labels: Labels }) {
  const { t, lang } = useStaff();
  return (
    <section aria-labelledby="attempts-title">
      <h2 id="attempts-title">{t('staff.attempts.title')}</h2>
      {attempts.length === 0 ? (
        <p>{t('staff.attempts.none')}</p>
      ) : (
        <ScrollTable
          id="attempts-caption"
          caption={t('staff.attempts.caption', { count: attempts.length })}
          captionHidden
          columns={[
            t('staff.attempts.at'),
            t('staff.attempts.method'),
            t('staff.attempts.outcome'),
            t('staff.attempts.by'),
          ]}
        >
          {attempts.map((a) => (
            <tr key={a.id}>
              <td>{formatDateTime(a.at, lang)}</td>
              <td>{labels.attemptMethod(a.method)}</td>
              <td>{labels.attemptOutcome(a.outcome)}</td>
              <td>{a.recordedBy ? <UserText>{a.recordedBy}</UserText> : t('staff.unknownPerson')}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </section>
  );
}

/** The notes, oldest first. */
export function Notes({ notes }: { readonly notes: readonly CaseNote[] }) {
  const { t, lang } = useStaff();
  return (
    <section aria-labelledby="notes-title">
      <h2 id="notes-title">{t('staff.notes.title')}</h2>
      {notes.length === 0 ? (
        <p>{t('staff.notes.none')}</p>
      ) : (
        <ol className="staff-notes">
          {notes.map((n) => (
            <li key={n.id}>
              <p className="staff-meta">
                {formatDateTime(n.createdAt, lang)} · {n.authorEmail ? <UserText>{n.authorEmail}</UserText> : t('staff.unknownPerson')}
              </p>
              {n.text === null ? <p>{t('staff.notes.unreadable')}</p> : <p className="staff-free-text" dir="auto">{n.text}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** One step of the history in words. */
function describe(event: CaseEvent, t: ReturnType<typeof useStaff>['t'], labels: Labels): string {
  const d = event.detail;
  switch (event.type) {
    case 'routed':
      return t('staff.event.routed', { queue: labels.queue(str(d.to)) });
    case 'assigned':
      return t(d.to ? 'staff.event.assigned' : 'staff.event.unassigned');
    case 'status':
      return d.outcome
        ? t('staff.event.closed', { outcome: labels.outcome(str(d.outcome)) })
        : t('staff.event.status', { from: labels.status(str(d.from)), to: labels.status(str(d.to)) });
    case 'contact-attempt':
      return t('staff.event.attempt', { method: labels.attemptMethod(str(d.method)), outcome: labels.attemptOutcome(str(d.outcome)) });
    case 'note':
      return t('staff.event.note');
    case 'linked':
      return t('staff.event.linked');
    case 'restored':
      return t('staff.event.restored');
    case 'held':
      return t('staff.event.held', { reasons: (Array.isArray(d.reasons) ? d.reasons : []).map((r) => t(`staff.spam.held.${str(r)}`)).join('; ') });
    default:
      return event.type;
  }
}

/** Everything that has happened to the case, oldest first, with who did it. */
export function History({ events, labels }: { readonly events: readonly CaseEvent[]; readonly labels: Labels }) {
  const { t, lang } = useStaff();
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('staff.history.title')}</h2>
      {events.length === 0 ? (
        <p>{t('staff.history.none')}</p>
      ) : (
        <ol className="staff-history">
          {events.map((e) => (
            <li key={e.id}>
              <p className="staff-meta">
                {formatDateTime(e.at, lang)} · {e.actorEmail ? <UserText>{e.actorEmail}</UserText> : t('staff.unknownPerson')}
              </p>
              <p>{describe(e, t, labels)}</p>
              {e.reason && (
                <p>
                  {t('staff.event.reason')} <UserText className="staff-free-text">{e.reason}</UserText>
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
