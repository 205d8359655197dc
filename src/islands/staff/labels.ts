import type { Translate } from '../../ui/translate.ts';

/**
 * The words for the API's stable values: statuses, queues, kinds, and so
 * on, each a `staff.<group>.<value>` string. A value the strings do not
 * know (added on the server later) shows as it is rather than as a key.
 */
export function makeLabels(t: Translate, has: (key: string) => boolean, localeNames: Readonly<Record<string, string>>) {
  const of = (group: string) => (value: string | null | undefined) => {
    if (value === null || value === undefined || value === '') return '';
    const key = `staff.${group}.${value}`;
    return has(key) ? t(key) : value;
  };
  return {
    status: of('status'),
    queue: of('queue'),
    kind: of('kind'),
    category: of('category'),
    priority: (value: number) => of('priority')(String(value)),
    outcome: of('outcome'),
    purpose: of('purpose'),
    role: of('role'),
    writer: of('writer'),
    attemptMethod: of('attempt.method'),
    attemptOutcome: of('attempt.outcome'),
    contactMethod: of('contactMethod'),
    action: of('action'),
    ageBand: (value: string | null) => (value ? (has(`form.option.ageBand.${value}`) ? t(`form.option.ageBand.${value}`) : value) : t('staff.notKnown')),
    /** A contact language (fi, sv, en, other) or the site language a form was written in. */
    language: (code: string | null | undefined) => {
      if (!code) return t('staff.notKnown');
      // Named in the UI language: a name in its own script would need its own lang attribute.
      if (has(`staff.lang.${code}`)) return t(`staff.lang.${code}`);
      return localeNames[code] ?? code;
    },
    yesNo: (value: boolean) => t(value ? 'staff.yes' : 'staff.no'),
  };
}

/** The labels of one language. */
export type Labels = ReturnType<typeof makeLabels>;
