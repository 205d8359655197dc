import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { buildSettingsFile } from '../../src/shared/retention-settings.ts';

/** One built file with its precompressed variants, held in memory. */
export interface SiteFile {
  readonly body: Buffer;
  readonly br?: Buffer;
  readonly gzip?: Buffer;
  readonly type: string;
  readonly etag: string;
  readonly cacheControl: string;
}

/** The built site: URL path to file. */
export type Site = ReadonlyMap<string, SiteFile>;

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** The staff app's paths: never stored by a browser or a proxy (a shared office computer), like the staff API. */
export const isStaffPage = (path: string): boolean => path === '/staff' || path.startsWith('/staff/');

/** Cache-Control of every response on a staff page's path, whatever its status. */
export const staffPageCacheControl = 'no-store';

/**
 * Loads the Astro build into memory. The site is small (tens of pages per
 * language), so serving from memory avoids a disk read per request. Files
 * under /_astro/ carry a content hash in their name and are cached for a
 * year; HTML gets a short cache so a fix reaches readers quickly; the staff
 * app's pages are not stored at all.
 */
export function loadSite(siteDir: string): Site {
  if (!existsSync(join(siteDir, 'fi', 'index.html'))) {
    throw new Error(`No built site in ${siteDir}: run "npm run build" (npm start does it for you).`);
  }
  const site = new Map<string, SiteFile>();
  for (const path of walk(siteDir)) {
    if (path.endsWith('.br') || path.endsWith('.gz')) continue;
    const urlPath = `/${relative(siteDir, path).split(sep).join('/')}`;
    // The build's record of its settings is for the server (build-settings.ts), not for readers.
    if (urlPath === `/${buildSettingsFile}`) continue;
    const body = readFileSync(path);
    const variant = (suffix: string) => (existsSync(path + suffix) ? readFileSync(path + suffix) : undefined);
    const immutable = urlPath.startsWith('/_astro/');
    site.set(urlPath, {
      body,
      br: variant('.br'),
      gzip: variant('.gz'),
      type: types[extname(path)] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      cacheControl: immutable ? 'public, max-age=31536000, immutable' : isStaffPage(urlPath) ? staffPageCacheControl : 'public, max-age=300',
    });
  }
  return site;
}

/** Finds the file for a request path: `/fi/parents/` is `/fi/parents/index.html`. */
export function lookup(site: Site, path: string): SiteFile | undefined {
  if (path.endsWith('/')) return site.get(`${path}index.html`);
  return site.get(path);
}

/** True when `path` without its trailing slash names a page folder (so it redirects to the slash form). */
export function isFolder(site: Site, path: string): boolean {
  return !path.endsWith('/') && site.has(`${path}/index.html`);
}

/** Picks the best encoding the client accepts: brotli, then gzip, then none. */
export function pickEncoding(file: SiteFile, acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = (acceptEncoding ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, q]) => !q || !/^\s*q=0(\.0*)?\s*$/.test(q))
    .map(([name]) => name?.trim().toLowerCase());
  if (file.br && accepted.includes('br')) return 'br';
  if (file.gzip && accepted.includes('gzip')) return 'gzip';
  return undefined;
}
