import { Hono } from 'hono';
import type { FloodStatus } from '../forms/flood-monitor.ts';
import { floodStylesheetPath } from '../../src/shared/flood/stylesheet.ts';

/**
 * `GET /flood.css`: the form pages load it only without JavaScript (from a
 * `<noscript>`), and in flood mode it shows their "we are receiving
 * unusually many messages" notice; otherwise it is empty. Without scripts
 * nobody can answer a flood challenge, so this is what such a reader gets
 * instead of a form that would be refused.
 */
export function floodStylesheetRoutes(flood: () => Promise<Pick<FloodStatus, 'active'>>) {
  return new Hono().get(floodStylesheetPath, async (c) => {
    const { active } = await flood();
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'no-store');
    return c.body(active ? '.form-busy{display:block}\n' : '/* not in flood mode */\n');
  });
}
