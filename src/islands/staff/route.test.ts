import { describe, expect, it } from 'vitest';
import { mayOpen, parseRoute, routeHash, type Route } from './route.ts';

const id = '0b7c4c1e-8f1a-4a43-9d0e-3f5f1b2a9c10';

describe('staff app routes in the URL fragment', () => {
  it('round-trips every view', () => {
    const routes: Route[] = [
      { view: 'home' },
      { view: 'queue', filters: { status: 'open', overdue: false, mine: false } },
      { view: 'queue', filters: { queue: 'police', status: 'all', priority: '1', overdue: true, mine: true } },
      { view: 'case', id },
      { view: 'print', id },
      { view: 'spam' },
      { view: 'users' },
      { view: 'audit' },
      { view: 'audit', reference: 'KT7M-3XQP' },
      { view: 'stats', from: '2026-01', to: '2026-03' },
    ];
    for (const route of routes) {
      const parsed = parseRoute(routeHash(route));
      expect(parsed, routeHash(route)).toEqual(JSON.parse(JSON.stringify(route)));
    }
  });

  it('keeps the default filters out of the fragment', () => {
    expect(routeHash({ view: 'queue', filters: { status: 'open', overdue: false, mine: false } })).toBe('#/queue');
    expect(routeHash({ view: 'queue', filters: { status: 'closed', overdue: true, mine: false } })).toBe('#/queue?status=closed&overdue=1');
  });

  it('refuses what is not an id, a month or a filter word, and anything unknown is home', () => {
    expect(parseRoute('#/case/not-an-id')).toEqual({ view: 'home' });
    expect(parseRoute('#/case/<script>')).toEqual({ view: 'home' });
    expect(parseRoute('#main')).toEqual({ view: 'home' });
    expect(parseRoute('')).toEqual({ view: 'home' });
    expect(parseRoute('#/stats?from=2026-13&to=x')).toEqual({ view: 'stats', from: undefined, to: undefined });
    expect(parseRoute('#/queue?queue=<b>&priority=7')).toMatchObject({ filters: { queue: undefined, priority: undefined, status: 'open' } });
    expect(parseRoute(`#/case/${id.toUpperCase()}`)).toEqual({ view: 'case', id });
  });

  it('gives each role its views: admin no case, a team member no spam review or admin pages', () => {
    expect(mayOpen('intake', 'spam')).toBe(true);
    expect(mayOpen('intake', 'users')).toBe(false);
    expect(mayOpen('team', 'case')).toBe(true);
    expect(mayOpen('team', 'spam')).toBe(false);
    expect(mayOpen('admin', 'case')).toBe(false);
    expect(mayOpen('admin', 'print')).toBe(false);
    expect(mayOpen('admin', 'stats')).toBe(true);
    expect(mayOpen('admin', 'queue')).toBe(false);
  });
});
