import { describe, expect, it } from 'vitest';
import { cannotExtend, observeSession, serverClock, type SessionTiming } from './session-clock.ts';

const minute = 60_000;
const server = Date.parse('2026-03-02T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('the session end as the browser keeps it', () => {
  it('reads idleExpiresAt against the server clock, so a wrong computer clock does not move the warning', () => {
    // The computer is 7 minutes behind the server.
    const local = server - 7 * minute;
    const timing = observeSession(undefined, { localNow: local, serverNow: server, idleExpiresAt: iso(server + 30 * minute) });
    expect(timing).toEqual({ deadline: local + 30 * minute, windowMs: 30 * minute, hardEnd: undefined });
  });

  it('moves the end a whole window on after any answer, and keeps it after none', () => {
    const start = observeSession(undefined, { localNow: 0, serverNow: server, idleExpiresAt: iso(server + 30 * minute) })!;
    const later = observeSession(start, { localNow: 10 * minute, serverNow: undefined })!;
    expect(later.deadline).toBe(40 * minute);
    expect(observeSession(undefined, { localNow: 0 })).toBeUndefined();
  });

  it('notices the 12-hour limit: an end shorter than the window no request moves', () => {
    const start: SessionTiming = { deadline: 30 * minute, windowMs: 30 * minute };
    const capped = observeSession(start, { localNow: 20 * minute, serverNow: server, idleExpiresAt: iso(server + 90_000) })!;
    expect(capped.deadline).toBe(20 * minute + 90_000);
    expect(capped.hardEnd).toBe(capped.deadline);
    expect(cannotExtend(capped)).toBe(true);
    const after = observeSession(capped, { localNow: 21 * minute })!;
    expect(after.deadline).toBe(capped.deadline);
    expect(cannotExtend(start)).toBe(false);
  });

  it('reads the Date header', () => {
    expect(serverClock('Mon, 02 Mar 2026 08:00:00 GMT')).toBe(server);
    expect(serverClock(null)).toBeUndefined();
    expect(serverClock('nonsense')).toBeUndefined();
  });
});
