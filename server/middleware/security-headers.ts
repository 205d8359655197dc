import type { MiddlewareHandler } from 'hono';

// Pages carry their script and style hashes in Astro's <meta> CSP. A header
// policy is enforced as well, so it holds no script or style rules that would
// block those hashes: only what a meta tag cannot carry (frame-ancestors) and
// what tightens everything regardless.
const pagePolicy = "frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'";
// Anything that is not a page (JSON, XML, assets) never needs to run or embed anything.
const resourcePolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Security headers on every response, pages, assets, API and errors alike. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    const isHtml = (h.get('Content-Type') ?? '').startsWith('text/html');
    h.set('Content-Security-Policy', isHtml ? pagePolicy : resourcePolicy);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
    h.set('X-Frame-Options', 'DENY');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()');
  };
}
