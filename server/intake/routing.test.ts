import { describe, expect, it } from 'vitest';
import {
  categoriesByKind,
  proposeRoute,
  RouteInputError,
  routingRules,
  writersByKind,
  type AgeBand,
  type Category,
  type Kind,
  type Priority,
  type Queue,
  type RouteInput,
  type Writer,
} from './routing.ts';

// Age sets written out: every band plus "not given" (undefined).
const all = ['under-12', '12-14', '15-17', '18-plus', undefined] as const;
const u15 = ['under-12', '12-14'] as const;
const o15 = ['15-17', '18-plus', undefined] as const;

type Row = [
  writer: Writer,
  category: Category,
  ages: readonly (AgeBand | undefined)[],
  queue: Queue,
  normal: Priority,
  urgent: Priority,
  rule: string,
];

// The expected proposal for every writer × category the forms offer, written by hand.
const table: Row[] = [
  ['self', 'crime', all, 'police', 2, 1, 'crime-or-violence'],
  ['self', 'violence', all, 'police', 2, 1, 'crime-or-violence'],
  ['self', 'substances', u15, 'psychiatric-nurse', 2, 1, 'substances-under-15'],
  ['self', 'substances', o15, 'psychiatric-nurse', 3, 1, 'substances'],
  ['self', 'recruitment', u15, 'police', 1, 1, 'recruitment-under-15'],
  ['self', 'recruitment', o15, 'police', 2, 1, 'recruitment'],
  ['self', 'running-away', all, 'youth-work', 2, 1, 'self-running-away'],
  ['self', 'violence-at-home', all, 'domestic-violence', 1, 1, 'violence-at-home'],
  ['self', 'other', all, 'youth-work', 3, 1, 'self'],

  // A young person writing about a friend is routed as one writing about themselves.
  ['friend', 'crime', all, 'police', 2, 1, 'crime-or-violence'],
  ['friend', 'violence', all, 'police', 2, 1, 'crime-or-violence'],
  ['friend', 'substances', u15, 'psychiatric-nurse', 2, 1, 'substances-under-15'],
  ['friend', 'substances', o15, 'psychiatric-nurse', 3, 1, 'substances'],
  ['friend', 'recruitment', u15, 'police', 1, 1, 'recruitment-under-15'],
  ['friend', 'recruitment', o15, 'police', 2, 1, 'recruitment'],
  ['friend', 'running-away', all, 'youth-work', 2, 1, 'self-running-away'],
  ['friend', 'violence-at-home', all, 'domestic-violence', 1, 1, 'violence-at-home'],
  ['friend', 'other', all, 'youth-work', 3, 1, 'self'],

  ['parent', 'crime', all, 'police', 2, 1, 'crime-or-violence'],
  ['parent', 'violence', all, 'police', 2, 1, 'crime-or-violence'],
  ['parent', 'substances', u15, 'psychiatric-nurse', 2, 1, 'substances-under-15'],
  ['parent', 'substances', o15, 'psychiatric-nurse', 3, 1, 'substances'],
  ['parent', 'recruitment', u15, 'police', 1, 1, 'recruitment-under-15'],
  ['parent', 'recruitment', o15, 'police', 2, 1, 'recruitment'],
  ['parent', 'running-away', all, 'social-work', 2, 1, 'running-away'],
  ['parent', 'violence-at-home', all, 'domestic-violence', 1, 1, 'violence-at-home'],
  ['parent', 'other', all, 'social-work', 3, 1, 'default'],

  ['other-adult', 'crime', all, 'police', 2, 1, 'crime-or-violence'],
  ['other-adult', 'violence', all, 'police', 2, 1, 'crime-or-violence'],
  ['other-adult', 'substances', u15, 'psychiatric-nurse', 2, 1, 'substances-under-15'],
  ['other-adult', 'substances', o15, 'psychiatric-nurse', 3, 1, 'substances'],
  ['other-adult', 'recruitment', u15, 'police', 1, 1, 'recruitment-under-15'],
  ['other-adult', 'recruitment', o15, 'police', 2, 1, 'recruitment'],
  ['other-adult', 'running-away', all, 'social-work', 2, 1, 'running-away'],
  ['other-adult', 'violence-at-home', all, 'domestic-violence', 1, 1, 'violence-at-home'],
  ['other-adult', 'other', all, 'social-work', 3, 1, 'default'],

  ['professional', 'crime', all, 'police', 2, 1, 'crime-or-violence'],
  ['professional', 'violence', all, 'police', 2, 1, 'crime-or-violence'],
  ['professional', 'substances', u15, 'psychiatric-nurse', 2, 1, 'substances-under-15'],
  ['professional', 'substances', o15, 'psychiatric-nurse', 3, 1, 'substances'],
  ['professional', 'recruitment', u15, 'police', 1, 1, 'recruitment-under-15'],
  ['professional', 'recruitment', o15, 'police', 2, 1, 'recruitment'],
  ['professional', 'running-away', all, 'social-work', 2, 1, 'running-away'],
  ['professional', 'violence-at-home', all, 'domestic-violence', 1, 1, 'violence-at-home'],
  ['professional', 'other', all, 'social-work', 3, 1, 'default'],
  ['professional', 'school-absence', all, 'social-work', 3, 1, 'school-absence'],
];

const kindOf = (writer: Writer): Kind => (writer === 'professional' ? 'concern' : 'contact');

describe('proposeRoute: every writer × category × age band × urgency', () => {
  it.each(table)('%s about %s (ages %j) → %s, priority %i (urgent: %i), rule %s', (writer, category, ages, queue, normal, urgent, rule) => {
    for (const ageBand of ages) {
      const input: RouteInput = { kind: kindOf(writer), writer, categories: [category], urgency: 'normal', ageBand };
      expect(proposeRoute(input)).toEqual({ queue, priority: normal, rule, escalated: false });
      expect(proposeRoute({ ...input, urgency: 'urgent' })).toEqual({ queue, priority: urgent, rule, escalated: normal > 1 });
    }
  });

  it('covers every combination the forms offer, and every age band, exactly once', () => {
    const seen = new Map<string, number>();
    for (const [writer, category, ages] of table) {
      for (const age of ages) {
        const key = `${writer}/${category}/${age}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
    const expected: string[] = [];
    for (const kind of ['contact', 'concern'] as const) {
      for (const writer of writersByKind[kind]) {
        for (const category of categoriesByKind[kind]) for (const age of all) expected.push(`${writer}/${category}/${age}`);
      }
    }
    expect([...seen.keys()].sort()).toEqual(expected.sort());
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('exercises every rule: a rule without a test is a bug', () => {
    expect(new Set(table.map((row) => row[6]))).toEqual(new Set(routingRules.map((r) => r.id)));
  });
});

describe('proposeRoute: several categories', () => {
  const contact = (writer: Writer, categories: Category[], ageBand?: AgeBand): RouteInput => ({
    kind: 'contact',
    writer,
    categories,
    urgency: 'normal',
    ageBand,
  });

  it.each<[string, RouteInput, Queue, Priority, string]>([
    ['violence at home wins over anything else', contact('parent', ['other', 'crime', 'violence-at-home']), 'domestic-violence', 1, 'violence-at-home'],
    ['recruitment of a 12-14 wins over substances', contact('parent', ['substances', 'recruitment'], '12-14'), 'police', 1, 'recruitment-under-15'],
    ['crime wins over substances', contact('other-adult', ['substances', 'crime'], '15-17'), 'police', 2, 'crime-or-violence'],
    ['a young person: substances win over "other"', contact('self', ['other', 'substances'], '15-17'), 'psychiatric-nurse', 3, 'substances'],
    ['a young person who ran away and says other things', contact('self', ['running-away', 'other']), 'youth-work', 2, 'self-running-away'],
    ['no category from an adult', contact('parent', []), 'social-work', 3, 'default'],
    ['no category from a young person', contact('self', []), 'youth-work', 3, 'self'],
  ])('%s', (_why, input, queue, priority, rule) => {
    expect(proposeRoute(input)).toMatchObject({ queue, priority, rule });
  });

  it('running away wins over school absence on the concern form', () => {
    const input: RouteInput = { kind: 'concern', writer: 'professional', categories: ['school-absence', 'running-away'], urgency: 'normal' };
    expect(proposeRoute(input)).toMatchObject({ queue: 'social-work', priority: 2, rule: 'running-away' });
  });

  it('treats a null age like an unknown one', () => {
    const input: RouteInput = { kind: 'concern', writer: 'professional', categories: ['recruitment'], urgency: 'normal', ageBand: null };
    expect(proposeRoute(input)).toMatchObject({ queue: 'police', priority: 2, rule: 'recruitment' });
  });
});

describe('proposeRoute: input the forms cannot produce', () => {
  const base: RouteInput = { kind: 'contact', writer: 'parent', categories: ['crime'], urgency: 'normal' };
  it.each<[string, unknown, RegExp]>([
    ['a professional on the contact form', { ...base, writer: 'professional' }, /writer "professional" is not offered on the contact form/],
    ['a parent on the concern form', { ...base, kind: 'concern' }, /writer "parent" is not offered on the concern form/],
    ['school absence on the contact form', { ...base, categories: ['school-absence'] }, /category "school-absence" is not offered/],
    ['a misspelt category', { ...base, categories: ['crimes'] }, /category "crimes"/],
    ['an unknown kind', { ...base, kind: 'letter' }, /unknown kind/],
    ['an unknown urgency', { ...base, urgency: 'asap' }, /unknown urgency/],
    ['an unknown age band', { ...base, ageBand: '13' }, /unknown age band/],
  ])('refuses %s', (_what, input, message) => {
    expect(() => proposeRoute(input as RouteInput)).toThrow(RouteInputError);
    expect(() => proposeRoute(input as RouteInput)).toThrow(message);
  });

  it('refuses rules without a final catch-all instead of inventing a queue', () => {
    expect(() => proposeRoute({ ...base, categories: ['other'] }, routingRules.slice(0, -1))).toThrow(/no routing rule matched/);
  });
});

describe('routingRules', () => {
  it('have unique ids and end with a rule without conditions', () => {
    const ids = routingRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(routingRules.at(-1)).toEqual({ id: 'default', when: {}, queue: 'social-work', priority: 3 });
    expect(routingRules.slice(0, -1).every((r) => Object.keys(r.when).length > 0)).toBe(true);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(routingRules)).toBe(true);
    for (const rule of routingRules) {
      expect(Object.isFrozen(rule) && Object.isFrozen(rule.when)).toBe(true);
      for (const value of Object.values(rule.when)) if (Array.isArray(value)) expect(Object.isFrozen(value)).toBe(true);
    }
  });
});
