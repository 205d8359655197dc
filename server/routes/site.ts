import { Hono } from 'hono';
import { negotiateLocale } from '../../src/i18n/locales.ts';
import { isFolder, lookup, pickEncoding, type Site } from '../static/site.ts';

/**
 * The public site from the Astro build. `/` is the only place that looks at
 * Accept-Language; every other URL names its language.
 */
export function siteRoutes(site: Site) {
  const notFound = site.get('/404.html');
  return new Hono()
    .get('/', (c) => {
      c.header('Vary', 'Accept-Language');
      c.header('Cache-Control', 'private, no-cache');
      return c.redirect(`/${negotiateLocale(c.req.header('Accept-Language'))}/`, 302);
    })
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
