import type { MiddlewareHandler } from 'hono';
import { requestDuration, routeGroup } from '../metrics/metrics.ts';

/** Observes each request's time in the latency histogram, by route group, method and status class (2xx, 4xx, ...). */
export function requestTiming(): MiddlewareHandler {
  return async (c, next) => {
    const end = requestDuration.startTimer();
    await next();
    // Methods outside the usual few are one label, so a client cannot grow the series.
    const method = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(c.req.method) ? c.req.method : 'OTHER';
    end({ group: routeGroup(c.req.path), method, status: `${Math.floor(c.res.status / 100)}xx` });
  };
}
