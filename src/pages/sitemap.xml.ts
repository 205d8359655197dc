import type { APIRoute } from 'astro';
import { getLocalizedPages } from '../i18n/content.ts';
import { getLocale, hreflangOf, localeCodes } from '../i18n/locales.ts';
import { pagePath } from '../i18n/paths.ts';

/** sitemap.xml: every page and form in every language, each with its hreflang alternates. */
export const GET: APIRoute = async ({ site }) => {
  const base = site ?? new URL('http://localhost:4321');
  const pages = await getLocalizedPages();
  const url = (code: Parameters<typeof pagePath>[0], key: string) => new URL(pagePath(code, key), base).href;
  const forms = ['contact-form', 'concern-form'].flatMap((key) => localeCodes.map((code) => ({ code, key, available: localeCodes })));
  const items = [...pages.map(({ code, entry, available }) => ({ code, key: entry.data.translationKey as string, available })), ...forms].map(({ code, key, available }) => {
    const alternates = available
      .map((alt) => `    <xhtml:link rel="alternate" hreflang="${hreflangOf(getLocale(alt))}" href="${url(alt, key)}"/>`)
      .join('\n');
    return `  <url>\n    <loc>${url(code, key)}</loc>\n${alternates}\n  </url>`;
  });
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${items.join('\n')}\n</urlset>\n`;
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
