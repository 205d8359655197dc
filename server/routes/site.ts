import { Hono, type Context } from 'hono';
import { negotiateLocale, type LocaleCode } from '../../src/i18n/locales.ts';
import { isFolder, isStaffPage, lookup, pickEncoding, staffPageCacheControl, type Site } from '../static/site.ts';

/** The staff app's languages. */
const staffLanguages: readonly LocaleCode[] = ['fi', 'sv', 'en'];

/**
 * `/staff/` and the enrolment link's `/staff/enrol/` lead to the staff app in
 * the browser's language among Finnish, Swedish and English. The browser
 * keeps the link's fragment (the enrolment token) across the redirect.
 */
function staffRedirect(c: Context, rest: string) {
  const negotiated = negotiateLocale(c.req.header('Accept-Language'));
  const code = staffLanguages.includes(negotiated) ? negotiated : 'fi';
  c.header('Vary', 'Accept-Language');
  return c.redirect(`/staff/${code}/${rest}`, 302);
}

/**
 * The public site from the Astro build. `/` (and the staff app's entrances,
 * `/staff/` and `/staff/enrol/`) are the only places that look at
 * Accept-Language; every other URL names its language.
 */
export function siteRoutes(site: Site) {
  const notFound = site.get('/404.html');
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
      const file = lookup(site, path) ?? notFound;
      if (!file) return c.text('Not found', 404);
      const status = file === notFound ? 404 : 200;
      c.header('Content-Type', file.type);
      c.header('Cache-Control', status === 404 ? 'no-cache' : file.cacheControl);
      c.header('ETag', file.etag);
      c.header('Vary', 'Accept-Encoding');
      if (status === 200 && c.req.header('If-None-Match') === file.etag) return c.body(null, 304);
      const encoding = pickEncoding(file, c.req.header('Accept-Encoding'));
      if (encoding) c.header('Content-Encoding', encoding);
      const bytes = (encoding === 'br' ? file.br : encoding === 'gzip' ? file.gzip : undefined) ?? file.body;
      return c.body(new Uint8Array(bytes), status);
    });
}
