import type { MiddlewareHandler } from 'hono';

/**
 * Refuses cross-site state-changing requests with 403. Hono's csrf() skips
 * JSON bodies, so this checks itself: when the browser sends Sec-Fetch-Site
 * it must be `same-origin`; older phones send none, and then Origin must
 * equal the public origin.
 */
export function requireSameOrigin(publicOrigin: string): MiddlewareHandler {
  return async (c, next) => {
    const site = c.req.header('Sec-Fetch-Site');
    const allowed = site !== undefined ? site === 'same-origin' : c.req.header('Origin') === publicOrigin;
    if (!allowed) return c.json({ error: 'forbidden_origin' }, 403);
    await next();
  };
}
