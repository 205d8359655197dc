/**
 * Routing: which of Anchor's professions should look at a request first, and
 * how soon. The rules only propose; an intake worker confirms or changes the
 * queue. They are data, read top to bottom, and the first rule whose every
 * condition holds wins; the last rule has no conditions and catches the rest.
 *
 * A request may name several categories; a condition on categories holds when
 * any of them is listed, so the order of the rules is also the order of
 * precedence between categories (violence at home before recruitment before
 * crime, and so on).
 *
 * Priority: 1 urgent, 2 high, 3 normal; lower sorts first in the queue.
 * A request the sender marks urgent keeps the queue its categories give it
 * but always gets priority 1, so that priority agrees with its due date
 * (urgent requests are due within one working day, see due-date.ts).
 */

import { ageBands, categories, concernCategories, urgencies, writers, type AgeBand, type Urgency } from '../../src/shared/forms/options.ts';
import { formKinds, type FormKind } from '../../src/shared/forms/submission.ts';
import type { Queue } from '../../src/shared/queues.ts';

/** Which form the request came from. */
export const kinds = formKinds;
export type Kind = FormKind;

/** Who wrote it: the contact form's three choices, or a professional on the concern form. */
export const writersByKind = {
  contact: writers,
  concern: ['professional'],
} as const satisfies Record<Kind, readonly string[]>;
export type Writer = (typeof writersByKind)[Kind][number];

/** What the request is about, per form (the forms' own option lists); `recruitment` is pressure or recruitment into crime by others. */
export const categoriesByKind = {
  contact: categories,
  concern: concernCategories,
} as const satisfies Record<Kind, readonly string[]>;
export type Category = (typeof categoriesByKind)[Kind][number];

export { ageBands, urgencies };
export type { AgeBand, Urgency };

// The queues live in src/shared so the public pages can say who may read a message.
export { queues, type Queue } from '../../src/shared/queues.ts';

/** 1 urgent, 2 high, 3 normal. */
export type Priority = 1 | 2 | 3;

/** Conditions of a rule; a missing one always holds, a list holds when any of its values matches. */
export interface RouteCondition {
  readonly kind?: Kind;
  readonly writer?: readonly Writer[];
  readonly categories?: readonly Category[];
  readonly urgency?: Urgency;
  /** Never holds when the age is not known. */
  readonly ageBand?: readonly AgeBand[];
}

/** One routing rule; `id` names it in the proposal (and may key a UI text explaining it). */
export interface RoutingRule {
  readonly id: string;
  readonly when: RouteCondition;
  readonly queue: Queue;
  readonly priority: Priority;
}

/** What a request tells the router. `ageBand` is absent when the sender did not give it. */
export interface RouteInput {
  kind: Kind;
  writer: Writer;
  categories: readonly Category[];
  urgency: Urgency;
  ageBand?: AgeBand | null | undefined;
}

/** The proposal: queue, priority, the rule that matched, and whether urgency raised the priority. */
export interface Route {
  queue: Queue;
  priority: Priority;
  rule: string;
  escalated: boolean;
}

const under15: readonly AgeBand[] = ['under-12', '12-14'];

// Frozen to the last array, so no caller can change routing for the whole process.
function freezeRule(rule: RoutingRule): RoutingRule {
  const when = Object.fromEntries(Object.entries(rule.when).map(([k, v]) => [k, Array.isArray(v) ? Object.freeze([...v]) : v]));
  return Object.freeze({ ...rule, when: Object.freeze(when) });
}

/** The rules, in order. */
export const routingRules: readonly RoutingRule[] = Object.freeze(
  (
    [
      // Violence in the family goes to the multi-agency domestic-violence work, urgently,
      // whoever writes: a young person writing about home may be unsafe there tonight.
      { id: 'violence-at-home', when: { categories: ['violence-at-home'] }, queue: 'domestic-violence', priority: 1 },
      // Being pressured or recruited into crime by others is a police matter. The police
      // are most worried about under-15s drawn into criminal organisations: urgent for them.
      { id: 'recruitment-under-15', when: { categories: ['recruitment'], ageBand: under15 }, queue: 'police', priority: 1 },
      { id: 'recruitment', when: { categories: ['recruitment'] }, queue: 'police', priority: 2 },
      // Crimes and violence outside the home: the team's police officers.
      { id: 'crime-or-violence', when: { categories: ['crime', 'violence'] }, queue: 'police', priority: 2 },
      // Substance use: the psychiatric nurse; sooner for under-15s.
      { id: 'substances-under-15', when: { categories: ['substances'], ageBand: under15 }, queue: 'psychiatric-nurse', priority: 2 },
      { id: 'substances', when: { categories: ['substances'] }, queue: 'psychiatric-nurse', priority: 3 },
      // A young person writing about themselves about anything else meets a youth worker
      // first, the most approachable of the professions; running away is at once a risk.
      // A young person writing, about themselves or a friend, goes to youth work: youth workers look at the young
      // person's own networks and are the easiest to approach.
      { id: 'self-running-away', when: { writer: ['self', 'friend'], categories: ['running-away'] }, queue: 'youth-work', priority: 2 },
      { id: 'self', when: { writer: ['self', 'friend'] }, queue: 'youth-work', priority: 3 },
      // A child who has run away, reported by an adult: child welfare, soon.
      { id: 'running-away', when: { categories: ['running-away'] }, queue: 'social-work', priority: 2 },
      // Missing school (concern form only): child welfare.
      { id: 'school-absence', when: { categories: ['school-absence'] }, queue: 'social-work', priority: 3 },
      // Everything else: social work assesses it.
      { id: 'default', when: {}, queue: 'social-work', priority: 3 },
    ] satisfies RoutingRule[]
  ).map(freezeRule),
);

/** The input does not fit the forms (unknown value, or a writer or category the form does not offer). */
export class RouteInputError extends TypeError {
  override name = 'RouteInputError';
}

function check(input: RouteInput): void {
  if (!kinds.includes(input.kind)) throw new RouteInputError(`unknown kind ${JSON.stringify(input.kind)}`);
  const writers: readonly string[] = writersByKind[input.kind];
  if (!writers.includes(input.writer)) throw new RouteInputError(`writer ${JSON.stringify(input.writer)} is not offered on the ${input.kind} form`);
  const categories: readonly string[] = categoriesByKind[input.kind];
  for (const c of input.categories) {
    if (!categories.includes(c)) throw new RouteInputError(`category ${JSON.stringify(c)} is not offered on the ${input.kind} form`);
  }
  if (!urgencies.includes(input.urgency)) throw new RouteInputError(`unknown urgency ${JSON.stringify(input.urgency)}`);
  if (input.ageBand != null && !ageBands.includes(input.ageBand)) throw new RouteInputError(`unknown age band ${JSON.stringify(input.ageBand)}`);
}

function matches(when: RouteCondition, input: RouteInput): boolean {
  if (when.kind !== undefined && when.kind !== input.kind) return false;
  if (when.writer !== undefined && !when.writer.includes(input.writer)) return false;
  if (when.categories !== undefined && !when.categories.some((c) => input.categories.includes(c))) return false;
  if (when.urgency !== undefined && when.urgency !== input.urgency) return false;
  if (when.ageBand !== undefined && (input.ageBand == null || !when.ageBand.includes(input.ageBand))) return false;
  return true;
}

/**
 * The proposed queue and priority for a request: the first matching rule of
 * `rules` (default {@link routingRules}), with priority 1 when marked urgent.
 * Throws a {@link RouteInputError} for input the forms cannot produce, rather
 * than letting a misspelt category fall through to the default.
 */
export function proposeRoute(input: RouteInput, rules: readonly RoutingRule[] = routingRules): Route {
  check(input);
  const rule = rules.find((r) => matches(r.when, input));
  if (!rule) throw new RouteInputError('no routing rule matched; the rules must end with a rule without conditions');
  const escalated = input.urgency === 'urgent' && rule.priority > 1;
  return { queue: rule.queue, priority: escalated ? 1 : rule.priority, rule: rule.id, escalated };
}
