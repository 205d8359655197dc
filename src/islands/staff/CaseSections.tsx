import type { ReactNode } from 'react';
import { formatDate } from '../form/dates.ts';
import { useStaff } from './context.ts';
import { formatDateTime, formatReference } from './format.ts';
import type { Labels } from './labels.ts';
import { OverdueTag, QueueCell } from './QueueTable.tsx';
import { routeHash } from './route.ts';
import type { CaseDetail } from './types.ts';
import { UserText } from './user-text.tsx';

type Answers = Readonly<Record<string, unknown>>;

/**
 * How to get in touch safely, shown before anything else (the server puts
 * it first too): whether to contact at all, how, when, what not to do (no
 * voicemail, not the parents first), in which language. A worker reads this
 * before the phone number, so no call or message puts anyone at risk.
 */
export function SafeContact({ prefs, labels }: { readonly prefs: Answers; readonly labels: Labels }) {
  const { t } = useStaff();
  const items: ReactNode[] = [];
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);
  if (prefs.doNotContact === true) items.push(<strong key="dnc">{t('staff.safe.doNotContact')}</strong>);
  else if (text(prefs.contactMethod)) items.push(t('staff.safe.method', { method: labels.contactMethod(String(prefs.contactMethod)) }));
  if (prefs.noVoicemail === true) items.push(<strong key="vm">{t('staff.safe.noVoicemail')}</strong>);
  if (prefs.noParentsFirst === true) items.push(<strong key="parents">{t('staff.safe.noParentsFirst')}</strong>);
  const times = text(prefs.safeTimes);
  if (times) {
    items.push(
      <span key="times">
        {t('staff.safe.times')} <UserText className="staff-free-text">{times}</UserText>
      </span>,
    );
  }
  if (typeof prefs.guardiansKnow === 'string') {
    const key = `staff.safe.guardiansKnow.${prefs.guardiansKnow}`;
    items.push(prefs.guardiansKnow === 'no' ? <strong key="gk">{t(key)}</strong> : t(key));
  }
  if (text(prefs.contactLanguage)) {
    const other = text(prefs.contactLanguageOther);
    const language = prefs.contactLanguage === 'other' && other ? other : labels.language(String(prefs.contactLanguage));
    items.push(
      <span key="lang">
        {t('staff.safe.language')} <UserText className="staff-free-text">{language}</UserText>
      </span>,
    );
  }
  if (prefs.interpreterNeeded === true) items.push(<strong key="int">{t('staff.safe.interpreter')}</strong>);
  return (
    <section className="staff-safe" aria-labelledby="safe-title">
      <h2 id="safe-title">{t('staff.safe.title')}</h2>
      {items.length > 0 ? (
        <ul>
          {items.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
      ) : (
        <p>{t('staff.safe.none')}</p>
      )}
    </section>
  );
}

// Fields the safe-contact box has already said.
const shownInSafeBox = new Set(['doNotContact', 'contactMethod', 'noVoicemail', 'noParentsFirst', 'safeTimes', 'guardiansKnow', 'contactLanguage', 'contactLanguageOther', 'interpreterNeeded']);

/** A section of the person's answers as a summary list, labelled by field; unknown fields keep their name. */
export function AnswerSection({ id, title, answers, labels }: { readonly id: string; readonly title: string; readonly answers: Answers; readonly labels: Labels }) {
  const { t, has, lang } = useStaff();
  const entries = Object.entries(answers).filter(([key, value]) => !shownInSafeBox.has(key) && value !== undefined && value !== null && value !== '');
  const show = (key: string, value: unknown): ReactNode => {
    if (typeof value === 'boolean') return labels.yesNo(value);
    if (Array.isArray(value)) return value.map(String).join(', ');
    if (key === 'childDateOfBirth' && typeof value === 'string') return formatDate(value, lang);
    if (key === 'notificationMade' && typeof value === 'string') return has(`staff.notificationMade.${value}`) ? t(`staff.notificationMade.${value}`) : value;
    return String(value);
  };
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {entries.length === 0 ? (
        <p>{t('staff.case.nothingGiven')}</p>
      ) : (
        <dl className="summary-list">
          {entries.map(([key, value]) => (
            <div className="summary-row" key={key}>
              <dt className="summary-key">{has(`staff.field.${key}`) ? t(`staff.field.${key}`) : key}</dt>
              <dd className="summary-value staff-free-text" dir="auto">{show(key, value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/** The case's own facts: status, queue, priority, due date, who has it. */
export function CaseFactsList({ detail, labels }: { readonly detail: CaseDetail; readonly labels: Labels }) {
  const { t, lang } = useStaff();
  const c = detail.case;
  const rows: [string, ReactNode][] = [
    ['staff.column.status', labels.status(c.status)],
    ['staff.column.queue', <QueueCell key="q" row={c} labels={labels} />],
    ['staff.column.priority', labels.priority(c.priority)],
    [
      'staff.column.due',
      <>
        {formatDateTime(c.dueAt, lang)}
        {c.overdue && (
          <>
            {' '}
            <OverdueTag />
          </>
        )}
      </>,
    ],
    ['staff.column.assignee', c.assignee?.email ? <UserText key="a">{c.assignee.email}</UserText> : t('staff.case.unassigned')],
    ['staff.column.kind', labels.kind(c.kind)],
    ['staff.column.writer', labels.writer(c.writer)],
    ['staff.column.categories', c.categories.map((x) => labels.category(x)).join(', ')],
    ['staff.column.age', labels.ageBand(c.ageBand)],
    ['staff.column.formLanguage', labels.language(c.locale)],
    ['staff.column.arrived', formatDateTime(c.createdAt, lang)],
    ['staff.column.firstContact', c.firstContactAt ? formatDateTime(c.firstContactAt, lang) : t('staff.case.noContactYet')],
  ];
  if (c.outcome) rows.push(['staff.column.outcome', labels.outcome(c.outcome)]);
  if (c.closedAt) rows.push(['staff.column.closed', formatDateTime(c.closedAt, lang)]);
  const linked = [detail.linkedCase, ...detail.linkedFrom].filter((x) => x !== null);
  if (linked.length > 0) {
    rows.push([
      'staff.column.linked',
      <ul className="staff-plain-list" key="linked">
        {linked.map((l) => (
          <li key={l.id}>
            <a href={routeHash({ view: 'case', id: l.id })}>{formatReference(l.reference)}</a>
            {l.status && ` (${labels.status(l.status)})`}
          </li>
        ))}
      </ul>,
    ]);
  }
  return (
    <section aria-labelledby="facts-title">
      <h2 id="facts-title">{t('staff.case.facts')}</h2>
      <dl className="summary-list">
        {rows.map(([key, value]) => (
          <div className="summary-row" key={key}>
            <dt className="summary-key">{t(key)}</dt>
            <dd className="summary-value">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
