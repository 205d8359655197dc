/**
 * When the staff session ends if left alone, as the browser keeps track of
 * it. The server ends a session after 30 idle minutes (and 12 hours after
 * sign-in at the latest); every staff API request touches it. The app warns
 * two minutes before the end (WCAG 2.2.1 Timing Adjustable) and offers to
 * stay signed in.
 *
 * The server's `idleExpiresAt` is read against the server's own clock (the
 * response's Date header), not the computer's, so a wrong clock on the
 * computer does not move the warning.
 */

/** How long before the end the warning shows. */
export const warningMs = 2 * 60_000;

/** What the browser knows about the session's end, on its own clock. */
export interface SessionTiming {
  /** When the session ends if nothing else is sent (local clock, ms). */
  readonly deadline: number;
  /** How long the server keeps an idle session (learnt from its answers). */
  readonly windowMs: number;
  /** When the session ends whatever is done (the 12-hour limit), once seen. */
  readonly hardEnd?: number | undefined;
}

/** What one answer of the staff API said. */
export interface SessionObservation {
  /** The computer's clock when the answer arrived. */
  readonly localNow: number;
  /** The server's clock (Date header), when it sent one. */
  readonly serverNow?: number | undefined;
  /** The session's idle end, from sign-in, /me or keep-alive. */
  readonly idleExpiresAt?: string | undefined;
}

// A session within this of its full window was not cut short by the 12-hour limit.
const slackMs = 5_000;

/**
 * The session's timing after an answer. With `idleExpiresAt`, the end is
 * that (moved onto the local clock); an end shorter than the idle window is
 * the 12-hour limit, which no request moves. Without it, the request still
 * touched the session: the end moves a whole window on, but not past the limit.
 */
export function observeSession(previous: SessionTiming | undefined, seen: SessionObservation): SessionTiming | undefined {
  if (seen.idleExpiresAt !== undefined) {
    const end = Date.parse(seen.idleExpiresAt);
    if (Number.isNaN(end)) return previous;
    const remaining = Math.max(0, end - (seen.serverNow ?? seen.localNow));
    const windowMs = Math.max(previous?.windowMs ?? 0, remaining);
    const deadline = seen.localNow + remaining;
    const cut = previous !== undefined && remaining < windowMs - slackMs;
    return { deadline, windowMs, hardEnd: cut ? deadline : previous?.hardEnd };
  }
  if (!previous) return undefined;
  const moved = Math.min(seen.localNow + previous.windowMs, previous.hardEnd ?? Infinity);
  return { ...previous, deadline: Math.max(previous.deadline, moved) };
}

/** Whether staying signed in can no longer move the end (the 12-hour limit is within the warning). */
export function cannotExtend(timing: SessionTiming): boolean {
  return timing.hardEnd !== undefined && timing.deadline >= timing.hardEnd;
}

/** The server's clock from a Date header, when it has a readable one. */
export function serverClock(dateHeader: string | null): number | undefined {
  if (!dateHeader) return undefined;
  const at = Date.parse(dateHeader);
  return Number.isNaN(at) ? undefined : at;
}
