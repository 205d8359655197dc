import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { makeTranslate, type Translate } from '../../ui/translate.ts';
import { StaffHeader, type StaffLanguage } from './StaffHeader.tsx';
import type { Route } from './route.ts';
import type { StaffSession } from './types.ts';

/** What an Astro staff page passes to its island. */
export interface StaffIslandProps {
  /** The page language's `staff.*` strings and the few shared ones (picked at build time). */
  readonly strings: Readonly<Record<string, string>>;
  /** fi, sv or en. */
  readonly code: string;
  /** The Intl locale (fi-FI, sv-FI, en-GB). */
  readonly lang: string;
  readonly languages: readonly StaffLanguage[];
  /** Language names by site language code, each in itself (the language a case was written in). */
  readonly localeNames: Readonly<Record<string, string>>;
}

/** The frame's shared state: strings, the confirmation message, the title's error prefix. */
export function useStaffShell(strings: Readonly<Record<string, string>>) {
  const t: Translate = useMemo(() => makeTranslate(strings), [strings]);
  const has = useCallback((key: string) => key in strings, [strings]);
  const [notice, setNotice] = useState<{ text: string; n: number } | undefined>();
  const [errorSources, setErrorSources] = useState<ReadonlySet<string>>(new Set());
  const notify = useCallback((text: string) => setNotice((old) => ({ text, n: (old?.n ?? 0) + 1 })), []);
  const clearNotice = useCallback(() => setNotice(undefined), []);
  const reportError = useCallback((source: string, showing: boolean) => {
    setErrorSources((old) => {
      if (old.has(source) === showing) return old;
      const next = new Set(old);
      if (showing) next.add(source);
      else next.delete(source);
      return next;
    });
  }, []);
  return { t, has, notice, notify, clearNotice, reportError, errorShowing: errorSources.size > 0 };
}

/**
 * Sets the document title: the view, then the app; "Error:" first while an
 * error summary shows (GOV.UK). A title names a view, never anything personal.
 */
export function useDocumentTitle(t: Translate, viewTitle: string, errorShowing: boolean): void {
  useEffect(() => {
    const title = viewTitle ? `${viewTitle} – ${t('staff.app.name')}` : t('staff.app.name');
    document.title = errorShowing ? `${t('form.error.prefix')} ${title}` : title;
  }, [t, viewTitle, errorShowing]);
}

/**
 * The page around every view: header, the main landmark (the skip link's
 * target) and the confirmation banner with its polite live region. The live
 * region is always on the page, so a screen reader hears what is put in it.
 */
export function StaffFrame(props: {
  readonly island: StaffIslandProps;
  readonly t: Translate;
  readonly page: string;
  readonly notice: { text: string; n: number } | undefined;
  readonly session?: StaffSession | undefined;
  readonly current?: Route['view'] | undefined;
  readonly onSignOut?: (() => void) | undefined;
  readonly children: ReactNode;
}) {
  const { island, t, page, notice, session, current, onSignOut, children } = props;
  return (
    <>
      {/* Focus moves by script: following "#main" would replace the fragment, where the view (or the enrolment token) is. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('staff.skip')}
      </a>
      <StaffHeader t={t} code={island.code} languages={island.languages} page={page} session={session} current={current} onSignOut={onSignOut} />
      <main id="main" tabIndex={-1} className="staff-wrap staff-main form-page">
        <div className="staff-confirmation" role="status" aria-live="polite" aria-atomic="true">
          {notice && (
            <p key={notice.n} className="staff-confirmation-text">
              {notice.text}
            </p>
          )}
        </div>
        {children}
      </main>
    </>
  );
}
