import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/ui/en.json' with { type: 'json' };
import { makeTranslate } from '../../ui/translate.ts';
import { ContactAttempts, History, Notes } from './CaseHistory.tsx';
import { AnswerSection, SafeContact } from './CaseSections.tsx';
import { StaffContext, type StaffContextValue } from './context.ts';
import { makeLabels } from './labels.ts';
import { withUserText } from './user-text.tsx';

const strings = en as Record<string, string>;
const t = makeTranslate(strings);
const has = (key: string) => key in strings;
const context = { t, has, lang: 'en', session: undefined, notify: () => {}, navigate: () => {}, reportError: () => {}, focusViews: false } as unknown as StaffContextValue;
const labels = makeLabels(t, has, {});
const render = (element: ReactElement) => renderToStaticMarkup(createElement(StaffContext.Provider, { value: context }, element));

// Right-to-left text and addresses as people type them: each must sit in a <bdi> or an element with dir="auto".
const arabic = 'مرحبا، أحتاج إلى مساعدة';
const persian = 'لطفا بعد از ساعت ۱۶ زنگ بزنید';
const email = 'خدمة@anchor.test';

/** Whether `value` is the whole content of a <bdi> or of an element with dir="auto" in `html`. */
function isolatedIn(html: string, value: string): boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<bdi[^>]*>${escaped}</bdi>|<(\\w+)[^>]*\\sdir="auto"[^>]*>${escaped}</\\1>`).test(html);
}

describe('typed values in the staff app are isolated from the page direction', () => {
  it('answers and the safe-contact box', () => {
    const answers = render(createElement(AnswerSection, { id: 'a', title: 'Answers', answers: { message: arabic, name: email }, labels }));
    expect(isolatedIn(answers, arabic)).toBe(true);
    expect(isolatedIn(answers, email)).toBe(true);
    const safe = render(createElement(SafeContact, { prefs: { safeTimes: persian, contactLanguage: 'other', contactLanguageOther: arabic }, labels }));
    expect(isolatedIn(safe, persian)).toBe(true);
    expect(isolatedIn(safe, arabic)).toBe(true);
  });

  it('notes, reasons and who did what', () => {
    const notes = render(createElement(Notes, { notes: [{ id: '1', createdAt: '2026-03-02T08:00:00Z', authorEmail: email, text: arabic }] }));
    expect(isolatedIn(notes, arabic)).toBe(true);
    expect(isolatedIn(notes, email)).toBe(true);
    const history = render(createElement(History, { events: [{ id: '1', at: '2026-03-02T08:00:00Z', type: 'routed', actorEmail: email, detail: { to: 'police' }, reason: persian }], labels }));
    expect(isolatedIn(history, persian)).toBe(true);
    expect(isolatedIn(history, email)).toBe(true);
    const attempts = render(
      createElement(ContactAttempts, { attempts: [{ id: '1', at: '2026-03-02T08:00:00Z', method: 'phone', outcome: 'reached', recordedAt: '2026-03-02T08:00:00Z', recordedBy: email }], labels }),
    );
    expect(isolatedIn(attempts, email)).toBe(true);
  });

  it('an address inside a sentence', () => {
    const html = renderToStaticMarkup(createElement('h2', null, withUserText(t('staff.users.deactivate.confirmTitle'), { email })));
    expect(html).toBe(`<h2>Deactivate <bdi>${email}</bdi>?</h2>`);
  });
});
