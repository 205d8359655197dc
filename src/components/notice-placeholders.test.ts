import { describe, expect, it } from 'vitest';
import { deployment, type Deployment } from '../shared/deployment.ts';
import { localeCodes } from '../i18n/locales.ts';
import { daysText, fillNoticePlaceholders, renderNoticeFact, withSectionIds, type NoticeContext } from './notice-placeholders.tsx';

const context = (over: Partial<NoticeContext> = {}): NoticeContext => ({
  retention: { spamDays: 30, closedDays: 365 },
  // Every language has the one page, reviewed.
  pages: localeCodes.map((code) => ({ code, key: 'privacy', title: `privacy ${code}`, translation: 'reviewed' as const })),
  ...over,
});
const withConfig = (change: (d: Deployment) => void): Deployment => {
  const d = structuredClone(deployment) as Deployment;
  change(d);
  return d;
};

describe('the privacy notice placeholders', () => {
  it('gives a heading written with {#id} that id in every language', () => {
    expect(withSectionIds('<h2 id="mita-kerataan-mita-kerataan">Mitä kerätään {#data}</h2>')).toBe('<h2 id="data">Mitä kerätään</h2>');
    expect(withSectionIds('<h3>Plain</h3>')).toBe('<h3>Plain</h3>');
  });

  it('writes the retention periods in the page language, with the plural the number needs', () => {
    const html = fillNoticePlaceholders('<p>{{retention:spam}} / {{retention:closed}}</p>', 'fi', context({ retention: { spamDays: 1, closedDays: 90 } }));
    expect(html).toBe(`<p>${daysText(1, 'fi')} / ${daysText(90, 'fi')}</p>`);
    expect(daysText(1, 'en')).toBe('1 day');
    expect(daysText(21, 'ru')).toBe('21 день');
  });

  it('names the controllers of one law, and fails the build when no controller processes under it', () => {
    expect(renderNoticeFact('controllers', 'criminalMatters', 'en', context())).toContain('Helsinki Police Department');
    const cityOnly = withConfig((d) => {
      d.controllers = d.controllers.filter((c) => c.law === 'gdpr');
    });
    expect(() => renderNoticeFact('controllers', 'criminalMatters', 'en', context({ deployment: cityOnly }))).toThrow(/no controller .* processes under criminal-matters/);
  });

  it('says whether the controllers are joint controllers, with the essence of their arrangement when they are', () => {
    expect(renderNoticeFact('section', 'arrangement', 'en', context())).toContain('are not joint controllers');
    const joint = withConfig((d) => {
      d.controllerArrangement = { joint: true, essence: { fi: 'Kaupunki vastaa pyynnöistä.', sv: 'Staden svarar på begäranden.', en: 'The City answers requests.' } };
    });
    const html = renderNoticeFact('section', 'arrangement', 'sv', context({ deployment: joint }))!;
    expect(html).toContain('gemensamt personuppgiftsansvariga (artikel 26');
    expect(html).toContain('Staden svarar på begäranden.');
  });

  it('marks a controller name in another language than the page with its language', () => {
    expect(renderNoticeFact('controllers', undefined, 'ru', context())).toContain('<span lang="en">City of Helsinki</span>');
    expect(renderNoticeFact('controllers', undefined, 'selko', context())).not.toContain('lang=');
  });

  it('keeps the full notice\u2019s sections to the languages that have its strings', () => {
    expect(() => renderNoticeFact('section', 'controllers', 'ru', context())).toThrow(/fi, sv and en only/);
  });

  it('lists the assessment\u2019s unfixed findings and the draft and missing pages as gaps, or says there are none', () => {
    const none = renderNoticeFact('section', 'gaps', 'en', context())!;
    expect(none).toContain('Every page is in every language');
    const found = withConfig((d) => {
      d.accessibilityAssessment.findings = [{ fi: 'Kuvateksti puuttuu.', sv: 'Alt-text saknas.', en: 'An image lacks a text alternative.' }];
    });
    const pages = [
      ...context().pages.map((p) => (p.code === 'sv' ? { ...p, title: 'Dataskydd', translation: 'draft' as const } : p)),
      { code: 'en' as const, key: 'accessibility', title: 'Accessibility statement', translation: 'reviewed' as const },
    ];
    const gaps = renderNoticeFact('section', 'gaps', 'en', context({ deployment: found, pages }))!;
    expect(gaps).toContain('An image lacks a text alternative.');
    expect(gaps).toContain('<a href="/sv/privacy/" lang="sv" dir="ltr">Dataskydd</a>');
    // Every language but English lacks the statement.
    expect(gaps).toMatch(/not yet in every language[\s\S]*Svenska<\/span>: Accessibility statement/);
    expect(gaps).not.toContain('Every page is in every language');
  });

  it('leaves the deployer\u2019s other placeholders for fact-placeholders.ts', () => {
    expect(fillNoticePlaceholders('<p>{{tel:anchor}} {{retention:spam}}</p><p>{{section:whoReads}}</p>', 'en', context())).toBe(
      '<p>{{tel:anchor}} 30 days</p><p>{{section:whoReads}}</p>',
    );
  });
});
