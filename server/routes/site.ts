import { Hono, type Context } from 'hono';
import { isLocaleCode, negotiateLocale, type LocaleCode } from '../../src/i18n/locales.ts';
import { isFolder, isStaffPage, lookup, pickEncoding, staffPageCacheControl, type Site, type SiteFile } from '../static/site.ts';

/** The staff app's languages. */
const staffLanguages: readonly LocaleCode[] = ['fi', 'sv', 'en'];

/**
 * `/staff/` and the enrolment link's `/staff/enrol/` lead to the staff app in
 * the browser's language among Finnish, Swedish and English. The browser
 * keeps the link's fragment (the enrolment token) across the redirect.
 */
function staffRedirect(c: Context, rest: string) {
  const code = negotiateLocale(c.req.header('Accept-Language'), staffLanguages);
  c.header('Vary', 'Accept-Language');
  return c.redirect(`/staff/${code}/${rest}`, 302);
}

/** The statuses the build has a page for in every language (src/pages/[lang]/404.astro, 500.astro). */
export type ErrorStatus = 404 | 500;

/** True for the address of a built error page (`/fi/404/`): served with its status, never as a 200. */
const isErrorPagePath = (path: string) => /^\/[^/]+\/(404|500)\/(index\.html)?$/.test(path);

/**
 * The error page for a request to `path`: in the language of the path's
 * first segment when that is a site language, else in the browser's
 * (Accept-Language, as `/` chooses), Finnish when the build lacks it.
 * `negotiated` says the answer depends on Accept-Language (so: Vary).
 */
export function errorPage(site: Site, path: string, acceptLanguage: string | undefined, status: ErrorStatus): { file: SiteFile; negotiated: boolean } | undefined {
  const first = path.split('/')[1];
  const negotiated = !isLocaleCode(first);
  const code = isLocaleCode(first) ? first : negotiateLocale(acceptLanguage);
  const file = site.get(`/${code}/${status}/index.html`) ?? site.get(`/fi/${status}/index.html`);
  return file ? { file, negotiated } : undefined;
}

/**
 * Sends a built file with its status: precompressed when the client takes
 * it, a short cache for pages and none for an error, 304 for a current copy.
 */
export function sendSiteFile(c: Context, file: SiteFile, status: 200 | ErrorStatus, negotiated = false): Response {
  c.header('Content-Type', file.type);
  c.header('Cache-Control', status === 200 ? file.cacheControl : 'no-cache');
  c.header('ETag', file.etag);
  c.header('Vary', negotiated ? 'Accept-Encoding, Accept-Language' : 'Accept-Encoding');
  if (status === 200 && c.req.header('If-None-Match') === file.etag) return c.body(null, 304);
  const encoding = pickEncoding(file, c.req.header('Accept-Encoding'));
  if (encoding) c.header('Content-Encoding', encoding);
  const bytes = (encoding === 'br' ? file.br : encoding === 'gzip' ? file.gzip : undefined) ?? file.body;
  return c.body(new Uint8Array(bytes), status);
}

/**
 * The public site from the Astro build. `/` (and the staff app's entrances,
 * `/staff/` and `/staff/enrol/`) are the only places that look at
 * Accept-Language; every other URL names its language.
 */
export function siteRoutes(site: Site) {
  return new Hono()
    .use('*', async (c, next) => {
      await next();
      // Whatever answered (a page, a redirect, a 404, any method): nothing under /staff is stored.
      if (isStaffPage(c.req.path)) c.header('Cache-Control', staffPageCacheControl);
    })
    .get('/', (c) => {
      c.header('Vary', 'Accept-Language');
      c.header('Cache-Control', 'private, no-cache');
      return c.redirect(`/${negotiateLocale(c.req.header('Accept-Language'))}/`, 302);
    })
    .get('/staff', (c) => staffRedirect(c, ''))
    .get('/staff/', (c) => staffRedirect(c, ''))
    .get('/staff/enrol', (c) => staffRedirect(c, 'enrol/'))
    .get('/staff/enrol/', (c) => staffRedirect(c, 'enrol/'))
    .on(['GET', 'HEAD'], '*', (c) => {
      const path = c.req.path;
      if (isFolder(site, path)) return c.redirect(`${path}/`, 301);
      const file = isErrorPagePath(path) ? undefined : lookup(site, path);
      if (file) return sendSiteFile(c, file, 200);
      const error = errorPage(site, path, c.req.header('Accept-Language'), 404);
      if (!error) return c.text('Not found', 404);
      return sendSiteFile(c, error.file, 404, error.negotiated);
    });
}
