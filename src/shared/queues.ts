/**
 * The team's work queues, which routing proposes (server/intake/routing.ts),
 * and the profession that works each one. The pages' and forms' "who reads
 * your message" list is derived from here, so it stays true when a queue is
 * added or removed.
 */

/** The professions' work queues. */
export const queues = ['youth-work', 'social-work', 'police', 'psychiatric-nurse', 'domestic-violence'] as const;
export type Queue = (typeof queues)[number];

/** A profession in the team that a message can be passed to. */
export type Profession = 'youth-worker' | 'social-worker' | 'psychiatric-nurse' | 'police-officer';

/**
 * Who works each queue. Domestic violence is multi-agency work of the same
 * professions together (null: it adds no profession of its own).
 */
export const queueProfession: Readonly<Record<Queue, Profession | null>> = {
  'youth-work': 'youth-worker',
  'social-work': 'social-worker',
  police: 'police-officer',
  'psychiatric-nurse': 'psychiatric-nurse',
  'domestic-violence': null,
};

/** The professions a message can be passed to, once each, in the queues' order. */
export function readerProfessions(list: readonly Queue[] = queues): Profession[] {
  return [...new Set(list.map((q) => queueProfession[q]).filter((p): p is Profession => p !== null))];
}
