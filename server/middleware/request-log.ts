import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from '../logger.ts';

/**
 * One log line per request: method, route pattern (not the raw path, which
 * could carry a reference), status, duration and a request id. Never a body,
 * a query string, a header value or an IP.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const id = randomUUID();
    c.header('X-Request-Id', id);
    await next();
    // After next(), routeIndex points at the handler that answered: its pattern, not the raw path.
    const route = c.req.path.startsWith('/api/') ? routePath(c) : 'static';
    const duration = performance.now() - started;
    // The time spent in the server, for benchmarks and browser dev tools; it names nothing.
    c.res.headers.set('Server-Timing', `app;dur=${duration.toFixed(2)}`);
    logger.info({
      msg: 'request',
      requestId: id,
      method: c.req.method,
      route,
      status: c.res.status,
      durationMs: Math.round(duration * 10) / 10,
    });
  };
}
