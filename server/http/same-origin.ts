import type { Context, MiddlewareHandler } from 'hono';

/**
 * True when a request comes from the portal's own pages: when the browser
 * sends Sec-Fetch-Site it must be `same-origin`; older phones send none, and
 * then Origin must equal the public origin.
 */
export function isSameOrigin(c: Context, publicOrigin: string): boolean {
  const site = c.req.header('Sec-Fetch-Site');
  return site !== undefined ? site === 'same-origin' : c.req.header('Origin') === publicOrigin;
}

/** Refuses cross-site requests with 403. Hono's csrf() skips JSON bodies, so this checks itself. */
export function requireSameOrigin(publicOrigin: string): MiddlewareHandler {
  return async (c, next) => {
    if (!isSameOrigin(c, publicOrigin)) return c.json({ error: 'forbidden_origin' }, 403);
    await next();
  };
}
