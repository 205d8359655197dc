import { useCallback, useEffect, useRef, useState } from 'react';
import { AddUser, LinkPanel } from './AddUser.tsx';
import type { LinkIssued, StaffUser, UserList } from './api.ts';
import { useHeadingFocus, useStaff } from './context.ts';
import { ScrollTable } from './ScrollTable.tsx';
import { formatDay } from './format.ts';
import { problemText } from './messages.ts';
import { isolated } from './isolate.ts';
import { UserText, withUserText } from './user-text.tsx';

/** What an administrator can do to a user, in the order the buttons stand; deactivating is the one that warns. */
const userActions = ['reset', 'unlock', 'deactivate'] as const;

type Pending = { readonly user: StaffUser; readonly action: (typeof userActions)[number] };

/** "Are you sure?" before a change that locks someone out, with what it does. */
function Confirm({ pending, busy, onConfirm, onCancel }: { readonly pending: Pending; readonly busy: boolean; readonly onConfirm: () => void; readonly onCancel: () => void }) {
  const { t } = useStaff();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [pending]);
  const key = `staff.users.${pending.action}`;
  return (
    <section className="staff-warning" aria-labelledby="confirm-title">
      <h2 id="confirm-title" tabIndex={-1} ref={heading}>{withUserText(t(`${key}.confirmTitle`), { email: pending.user.email })}</h2>
      <p>{t(`${key}.confirmText`)}</p>
      <div className="staff-actions">
        <button type="button" className="staff-button staff-button--warning" aria-disabled={busy || undefined} onClick={onConfirm}>
          {t(`${key}.confirm`)}
        </button>
        <button type="button" className="staff-button staff-button--secondary" onClick={onCancel}>
          {t('staff.cancel')}
        </button>
      </div>
    </section>
  );
}

/**
 * Staff users, for admins: everyone with their role, team and status; add a
 * person (their enrolment link is shown to hand over), reset a person's
 * password and authenticator (a new link), lift the sign-in wait on their
 * account, or deactivate them.
 */
export function UsersView() {
  const { t, has, lang, api, session, notify } = useStaff();
  const heading = useHeadingFocus();
  const [users, setUsers] = useState<readonly StaffUser[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [pending, setPending] = useState<Pending | undefined>();
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<{ issued: LinkIssued; reset: boolean } | undefined>();

  const load = useCallback(async () => {
    const response = await api.get('/users');
    if (response.status === 200) setUsers((response.body as UserList).users);
    else setProblem(problemText(t, has, response));
  }, [api, t, has]);
  useEffect(() => void load(), [load]);

  const act = async () => {
    if (!pending || busy) return;
    setBusy(true);
    const response = await api.post(`/users/${pending.user.id}/${pending.action}`);
    setBusy(false);
    if (response.status !== 200) {
      setProblem(problemText(t, has, response));
      setPending(undefined);
      return;
    }
    setProblem(undefined);
    if (pending.action === 'reset') setIssued({ issued: response.body as LinkIssued, reset: true });
    else notify(t(`staff.users.${pending.action}.done`, { email: isolated(pending.user.email) }));
    setPending(undefined);
    await load();
  };

  return (
    <>
      <h1 tabIndex={-1} ref={heading}>{t('staff.users.title')}</h1>
      {issued && <LinkPanel issued={issued.issued} reset={issued.reset} />}
      {pending && <Confirm pending={pending} busy={busy} onConfirm={() => void act()} onCancel={() => setPending(undefined)} />}
      {problem && <p className="staff-problem">{problem}</p>}
      <h2 id="users-list-title">{t('staff.users.list')}</h2>
      {!users && !problem && <p>{t('staff.loading')}</p>}
      {users && (
        <ScrollTable
          id="users-list-title"
          columns={[
            t('staff.users.email'),
            t('staff.users.role'),
            t('staff.users.team'),
            t('staff.users.status'),
            t('staff.users.added'),
            t('staff.users.actions'),
          ]}
        >
          {users.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                <UserText>{u.email}</UserText>
              </th>
              <td>{t(`staff.role.${u.role}`)}</td>
              <td>{u.team ? t(`staff.queue.${u.team}`) : '–'}</td>
              <td>{t(`staff.userStatus.${u.status}`)}</td>
              <td>{formatDay(u.createdAt, lang)}</td>
              <td>
                {u.status !== 'deactivated' && u.email !== session?.email && (
                  <div className="staff-actions staff-actions--tight">
                    {userActions.map((action) => (
                      <button
                        key={action}
                        type="button"
                        className={`staff-button staff-button--small staff-button--${action === 'deactivate' ? 'warning' : 'secondary'}`}
                        onClick={() => setPending({ user: u, action })}
                      >
                        {t(`staff.users.${action}.button`)}
                        <span className="visually-hidden">
                          {' '}
                          <bdi>{u.email}</bdi>
                        </span>
                      </button>
                    ))}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      <AddUser
        onAdded={(added) => {
          setIssued({ issued: added, reset: false });
          void load();
        }}
      />
    </>
  );
}
