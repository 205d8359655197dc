import { createContext, useContext, useEffect, useId, useMemo, useRef, type RefObject } from 'react';
import type { Translate } from '../../ui/translate.ts';
import type { StaffApi } from './api.ts';
import { makeLabels, type Labels } from './labels.ts';
import type { Route } from './route.ts';
import type { StaffSession } from './types.ts';

/** What every view of the staff app gets from the app. */
export interface StaffContextValue {
  /** The UI language's strings, `{{var}}` filled in. */
  readonly t: Translate;
  /** Whether the UI strings have a key (for codes the API may add later). */
  readonly has: (key: string) => boolean;
  /** The Intl locale of the UI language. */
  readonly lang: string;
  readonly api: StaffApi;
  /** The signed-in person (undefined on the sign-in and enrolment screens). */
  readonly session: StaffSession | undefined;
  /** Says something in the polite live region and shows it as a confirmation. */
  readonly notify: (message: string) => void;
  readonly navigate: (route: Route) => void;
  /** A form reports that its error summary shows (the page title then starts "Error:"). */
  readonly reportError: (source: string, showing: boolean) => void;
  /** Whether a new view takes focus on its heading (not on the page's first load). */
  readonly focusViews: boolean;
}

/** The context with the value labels of its language. */
export function useLabels(localeNames: Readonly<Record<string, string>>): Labels {
  const { t, has } = useStaff();
  return useMemo(() => makeLabels(t, has, localeNames), [t, has, localeNames]);
}

/** The staff app's context; the island provides it. */
export const StaffContext = createContext<StaffContextValue | null>(null);

/** The staff app's context, inside the island. */
export function useStaff(): StaffContextValue {
  const value = useContext(StaffContext);
  if (!value) throw new Error('useStaff outside the staff app');
  return value;
}

/**
 * A view's heading, focused when the view opens after a navigation, so a
 * screen reader starts reading the new view (the page does not reload).
 */
export function useHeadingFocus<T extends HTMLElement = HTMLHeadingElement>(): RefObject<T | null> {
  const { focusViews } = useStaff();
  const ref = useRef<T>(null);
  useEffect(() => {
    if (focusViews) ref.current?.focus();
    // Once, when the view mounts.
  }, []);
  return ref;
}

/** Tells the app while an error summary shows; cleared when the form goes. */
export function useErrorReport(showing: boolean): void {
  const { reportError } = useStaff();
  const id = useId();
  useEffect(() => {
    reportError(id, showing);
    return () => reportError(id, false);
  }, [id, showing, reportError]);
}
