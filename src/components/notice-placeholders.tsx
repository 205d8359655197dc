/**
 * The privacy notice and the accessibility statement say what only the
 * deployer, the controllers' data protection officers and the running
 * settings know: who the controllers are, the laws they process under, the
 * retention periods, the supervisory authorities, how accessibility was
 * assessed and which pages still wait for a translator. None of it is typed
 * into the Markdown; these placeholders are filled in the rendered page,
 * before the deployer's other facts (fact-placeholders.ts):
 *
 * - `{{section:controllers}}`, alone in a paragraph: each controller with its
 *   part in the processing, its law, its legal basis, its contact and its
 *   data protection officer;
 * - `{{section:arrangement}}`: whether the controllers are joint controllers
 *   and, if they are, the essence of their arrangement (GDPR Art. 26);
 * - `{{section:recipients}}`: the team's professions that can read a message
 *   (derived from the work queues, src/shared/queues.ts);
 * - `{{section:assessment}}`: how accessibility was last assessed;
 * - `{{section:gaps}}`: the problems the last assessment found and has not fixed
 *   (`accessibilityAssessment.findings`), then the pages that are drafts awaiting
 *   review, or missing, per language;
 * - `{{controllers}}`: the controllers' names as a list; `{{controllers:gdpr}}`
 *   and `{{controllers:criminalMatters}}`: those processing under that law
 *   (a page naming a law no controller processes under fails the build);
 * - `{{retention:spam}}`, `{{retention:closed}}`: the periods in days, read
 *   from the environment at build as the server reads them;
 * - `{{ombudsman}}`: the data protection supervisor's name as a link;
 * - `{{assessment:date}}`: the day of the last accessibility assessment;
 * - `{{feedback}}`: the accessibility feedback address as a link;
 * - a heading ending in `{#id}` gets that id in every language.
 *
 * The `notice.*` UI strings exist in Finnish, Swedish and English only, the
 * languages of the full notice and statement; the other languages' short
 * privacy pages use only the placeholders that need no string of their own.
 */
import { createElement, Fragment, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { deployment, type Deployment } from '../shared/deployment.ts';
import { localized, noticeLanguages, type Controller, type LawFrame, type LocalizedText } from '../shared/controllers.ts';
import { readerProfessions } from '../shared/queues.ts';
import type { RetentionDays } from '../shared/retention-settings.ts';
import { ExampleTag } from './Figure.tsx';
import { getLocale, locales, type LocaleCode } from '../i18n/locales.ts';
import { pagePath } from '../i18n/paths.ts';
import { uiStrings } from '../i18n/t.ts';

/** A published page as the gaps list needs it. */
export interface PageStatus {
  readonly code: LocaleCode;
  readonly key: string;
  readonly title: string;
  readonly translation: 'reviewed' | 'draft';
}

/** What the placeholders are filled from besides the deployment facts. */
export interface NoticeContext {
  readonly retention: RetentionDays;
  /** Every published page, for the accessibility statement's list of gaps. */
  readonly pages: readonly PageStatus[];
  readonly deployment?: Deployment;
}

const full = new Set<string>(noticeLanguages);

/** The language a deployer's text is read in on a `code` page, when it is not the page's own ("en" on a Russian page). */
function fallbackLang(code: LocaleCode): string | undefined {
  return full.has(code) || getLocale(code).lang === 'fi' ? undefined : 'en';
}

/** A deployer's name on the page, marked with its language when that is not the page's (WCAG 3.1.2). */
function Name({ text, code }: { text: LocalizedText; code: LocaleCode }) {
  const lang = fallbackLang(code);
  return lang ? <span lang={lang}>{localized(text, code)}</span> : <>{localized(text, code)}</>;
}

function translator(code: LocaleCode) {
  return (key: string): string => {
    if (!full.has(code) && key.startsWith('notice.')) throw new Error(`${code}: the notice.* strings exist in fi, sv and en only; ${key} cannot be used on a ${code} page`);
    const text = uiStrings[code][key];
    if (text === undefined) throw new Error(`missing UI string ${code}:${key}`);
    return text;
  };
}

const lawKeys: Readonly<Record<string, LawFrame>> = { gdpr: 'gdpr', criminalMatters: 'criminal-matters' };

/** A number of days in the page's language ("30 päivää", "30 dagar", "30 days"), with the plural the number needs. */
export function daysText(days: number, code: LocaleCode): string {
  return new Intl.NumberFormat(getLocale(code).intl, { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(days);
}

function ControllerFacts({ c, code, t, example }: { c: Controller; code: LocaleCode; t: (k: string) => string; example: string | undefined }) {
  const id = `controller-${c.id}`;
  return (
    <section className="controller" aria-labelledby={id}>
      <h3 id={id}>{localized(c.name, code)}</h3>
      <dl className="facts">
        <dt>{t('notice.controller.role')}</dt>
        <dd>{localized(c.role, code)}</dd>
        <dt>{t('notice.controller.law')}</dt>
        <dd>{t(`notice.law.${c.law}`)}</dd>
        <dt>{t('notice.controller.basis')}</dt>
        <dd>{localized(c.legalBasis, code)}</dd>
        <dt>{t('notice.controller.contact')}</dt>
        <dd>
          <a className="ltr" href={`mailto:${c.contact.email}`}>{c.contact.email}</a>
          <br />
          {c.contact.postalAddress}
          {c.contact.url && (
            <>
              <br />
              <a href={c.contact.url}>{c.contact.url}</a>
            </>
          )}
          <ExampleTag text={example} />
        </dd>
        <dt>{t('notice.controller.dpo')}</dt>
        <dd>
          <a className="ltr" href={`mailto:${c.dataProtectionOfficer.email}`}>{c.dataProtectionOfficer.email}</a>
          {c.dataProtectionOfficer.url && (
            <>
              <br />
              <a href={c.dataProtectionOfficer.url}>{c.dataProtectionOfficer.url}</a>
            </>
          )}
          <ExampleTag text={example} />
        </dd>
      </dl>
    </section>
  );
}

/** One kind of known gap: its introduction and its list (nothing when the list is empty). */
function GapList({ intro, children }: { intro: string; children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <>
      <p>{intro}</p>
      <ul className="gaps">{children}</ul>
    </>
  );
}

function Gaps({ code, pages, findings, t }: { code: LocaleCode; pages: readonly PageStatus[]; findings: readonly LocalizedText[]; t: (k: string) => string }) {
  const rows = locales.map((locale) => {
    const own = pages.filter((p) => p.code === locale.code);
    const drafts = own.filter((p) => p.translation === 'draft');
    const keys = new Set(own.map((p) => p.key));
    const missing = pages.filter((p) => p.code === code && !keys.has(p.key));
    return { locale, drafts, missing };
  });
  const withDrafts = rows.filter((r) => r.drafts.length > 0);
  const withMissing = rows.filter((r) => r.missing.length > 0);
  return (
    <>
      <GapList intro={t('notice.gaps.findings')}>
        {findings.map((f, i) => (
          <li key={i}>{localized(f, code)}</li>
        ))}
      </GapList>
      <GapList intro={t('notice.gaps.drafts')}>
        {withDrafts.map((r) => (
          <li key={r.locale.code}>
            <span lang={r.locale.lang}>{r.locale.label}</span>:{' '}
            {r.drafts.map((p, i) => (
              <Fragment key={p.key}>
                {i > 0 && ', '}
                <a href={pagePath(r.locale.code, p.key)} lang={r.locale.lang} dir={r.locale.dir}>
                  {p.title}
                </a>
              </Fragment>
            ))}
          </li>
        ))}
      </GapList>
      <GapList intro={t('notice.gaps.missing')}>
        {withMissing.map((r) => (
          <li key={r.locale.code}>
            <span lang={r.locale.lang}>{r.locale.label}</span>: {r.missing.map((p) => p.title).join(', ')}
          </li>
        ))}
      </GapList>
      {findings.length === 0 && withDrafts.length === 0 && withMissing.length === 0 && <p>{t('notice.gaps.none')}</p>}
    </>
  );
}

/** The HTML for one placeholder this module fills, or undefined when it is not one of them. */
export function renderNoticeFact(name: string, key: string | undefined, code: LocaleCode, context: NoticeContext): string | undefined {
  const d = context.deployment ?? deployment;
  const t = translator(code);
  const intl = getLocale(code).intl;
  const example = d.example ? uiStrings[code]['deployment.example'] : undefined;
  const html = (...nodes: ReactNode[]) => renderToStaticMarkup(createElement(Fragment, null, ...nodes));
  // The controllers' names joined as the page's language joins a list ("A ja B"), each marked with its own language.
  const names = (list: readonly Controller[]) =>
    new Intl.ListFormat(intl, { type: 'conjunction' })
      .formatToParts(list.map((c) => c.id))
      .map((part, i) => {
        const c = part.type === 'element' ? list.find((x) => x.id === part.value) : undefined;
        return c ? <Name key={i} text={c.name} code={code} /> : <Fragment key={i}>{part.value}</Fragment>;
      });
  if (name === 'section') {
    if (key === 'controllers') return html(...d.controllers.map((c) => <ControllerFacts key={c.id} c={c} code={code} t={t} example={example} />));
    if (key === 'arrangement') {
      const a = d.controllerArrangement;
      return html(
        <p>
          {t(a.joint ? 'notice.arrangement.joint' : 'notice.arrangement.separate')}
          {a.essence && ` ${localized(a.essence, code)}`}
          <ExampleTag text={example} />
        </p>,
      );
    }
    if (key === 'recipients') {
      return html(
        <ul>
          {readerProfessions().map((p) => (
            <li key={p}>{t(`notice.profession.${p}`)}</li>
          ))}
        </ul>,
      );
    }
    if (key === 'assessment') {
      return html(
        <ul>
          {d.accessibilityAssessment.methods.map((m) => (
            <li key={m}>{t(`notice.assessment.${m}`)}</li>
          ))}
        </ul>,
      );
    }
    if (key === 'gaps') return html(<Gaps code={code} pages={context.pages} findings={d.accessibilityAssessment.findings} t={t} />);
    return undefined;
  }
  if (name === 'controllers') {
    if (key === undefined) return html(...names(d.controllers), <ExampleTag text={example} />);
    const law = lawKeys[key];
    if (law === undefined) throw new Error(`unknown placeholder {{controllers:${key}}}`);
    const list = d.controllers.filter((c) => c.law === law);
    if (list.length === 0) throw new Error(`{{controllers:${key}}}: no controller in config/deployment.json processes under ${law}, so the sentence around it is not true: change the page`);
    return html(...names(list), <ExampleTag text={example} />);
  }
  if (name === 'retention') {
    if (key === 'spam') return html(daysText(context.retention.spamDays, code));
    if (key === 'closed') return html(daysText(context.retention.closedDays, code));
    throw new Error(`unknown placeholder {{retention:${key ?? ''}}}`);
  }
  if (name === 'ombudsman' && key === undefined) {
    const s = d.dataProtectionSupervisor;
    return html(
      <a href={s.url}>
        <Name text={s.name} code={code} />
      </a>,
      <ExampleTag text={example} />,
    );
  }
  if (name === 'feedback' && key === undefined) {
    return html(<a className="ltr" href={`mailto:${d.accessibilityFeedbackEmail}`}>{d.accessibilityFeedbackEmail}</a>, <ExampleTag text={example} />);
  }
  if (name === 'assessment' && key === 'date') {
    const date = new Intl.DateTimeFormat(intl, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d.accessibilityAssessment.date}T00:00:00Z`));
    return html(date, <ExampleTag text={example} />);
  }
  return undefined;
}

/**
 * A heading written `## Controllers {#controllers}` gets the id `controllers`
 * in every language, so the reviewers' checklist (docs/privacy-checklist.md)
 * and its test can point at the same section of the fi, sv and en pages.
 */
export function withSectionIds(html: string): string {
  return html.replace(/<(h[2-4])(?: id="[^"]*")?>([\s\S]*?)\s*\{#([a-z][\w-]*)\}\s*<\/\1>/g, '<$1 id="$3">$2</$1>');
}

/**
 * A page's rendered HTML with this module's placeholders filled; any other
 * `{{…}}` is left for fillFactPlaceholders, which fails the build on one it
 * does not know either.
 */
export function fillNoticePlaceholders(html: string, code: LocaleCode, context: NoticeContext): string {
  return withSectionIds(html)
    .replace(/<p>\s*\{\{section:(\w+)\}\}\s*<\/p>/g, (whole, key: string) => renderNoticeFact('section', key, code, context) ?? whole)
    .replace(/\{\{\s*([a-z]+)(?::(\w+))?\s*\}\}/g, (whole, name: string, key: string | undefined) => (name === 'section' ? whole : (renderNoticeFact(name, key, code, context) ?? whole)));
}
