import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQueueCursor, parseTimeCursor } from '../../server/casework/cursor.ts';
import { monthsBetween } from '../../server/stats/report.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { signedInStaff } from '../support/staff.ts';

/**
 * The bugs the adversarial suite found, each pinned by the request that
 * showed it, so that they stay fixed even when the fuzzer's dice fall
 * elsewhere.
 */

const cursor = (value: unknown[]) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const someId = '00000000-0000-4000-8000-000000000000';

describe('cursors typed by a client', () => {
  let t: TestApp;
  let intake: string;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    intake = (await signedInStaff(t.database.handle.db, 'intake')).cookie;
  });
  afterAll(() => t.close());

  // Found by api-fuzz: the queue and spam lists answered 500 (the database refused the
  // comparison) for a cursor whose date JavaScript accepts but PostgreSQL cannot store
  // (year 0, years beyond 9999) or whose priority does not fit an int4.
  const badQueueCursors = [
    [3_000_000_000, '2026-01-01T00:00:00Z', someId],
    [1, '-271821-04-20T00:00:00Z', someId],
    [1, '0000-12-31T23:59:59.999Z', someId],
    [1, '+275760-09-13T00:00:00Z', someId],
  ];
  const badTimeCursors = [
    ['0000-12-31T23:59:59.999Z', someId],
    ['-000001-01-01T00:00:00Z', someId],
    ['+010000-01-01T00:00:00Z', someId],
  ];

  it.each(badQueueCursors)('refuses the queue cursor [%s, %s] with 400 invalid_cursor', async (...value) => {
    expect(parseQueueCursor(cursor(value))).toBeUndefined();
    const res = await t.app.request(`/api/staff/cases?after=${cursor(value)}`, { headers: { Cookie: intake } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ path: 'after', code: 'invalid_cursor' }] });
  });

  it.each(badTimeCursors)('refuses the spam cursor [%s] with 400 invalid_cursor', async (...value) => {
    expect(parseTimeCursor(cursor(value))).toBeUndefined();
    const res = await t.app.request(`/api/staff/spam?after=${cursor(value)}`, { headers: { Cookie: intake } });
    expect(res.status).toBe(400);
  });

  it('still accepts cursors at the edges of the range', async () => {
    expect(parseQueueCursor(cursor([2 ** 31 - 1, '9999-12-31T23:59:59.999Z', someId]))).toBeDefined();
    expect(parseTimeCursor(cursor(['0001-01-01T00:00:00.000Z', someId]))).toBeDefined();
    for (const path of [`/cases?after=${cursor([2 ** 31 - 1, '9999-12-31T23:59:59.999Z', someId])}`, `/spam?after=${cursor(['0001-01-01T00:00:00.000Z', someId])}`]) {
      const res = await t.app.request(`/api/staff${path}`, { headers: { Cookie: intake } });
      expect(res.status, path).toBe(200);
    }
  });
});

describe('statistics ranges before the year 1000', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    admin = (await signedInStaff(t.database.handle.db, 'admin')).cookie;
  });
  afterAll(() => t.close());

  // Found while probing the statistics API for the fuzzer: month names were compared as text
  // without the year's leading zeros, so 0999-11..1000-02 was an empty range, 0000-11..0001-02
  // had two months named "0-11" and "0-12", and a range ending in 9999-12 ran on to 99989.
  it('counts the months of any range of four-digit years', () => {
    expect(monthsBetween('0999-11', '1000-02')).toEqual(['0999-11', '0999-12', '1000-01', '1000-02']);
    expect(monthsBetween('0000-11', '0001-02')).toEqual(['0000-11', '0000-12', '0001-01', '0001-02']);
    const all = monthsBetween('0001-01', '9999-12');
    expect(all).toHaveLength(9999 * 12);
    expect(all.at(-1)).toBe('9999-12');
  });

  it('answers a period of such a year with its months, and a range that is no whole period with not_a_period', async () => {
    const short = await t.app.request('/api/staff/stats?from=0999-10&to=0999-12', { headers: { Cookie: admin } });
    expect(short.status).toBe(200);
    const report = (await short.json()) as { rows: { month: string }[] };
    expect([...new Set(report.rows.map((r) => r.month))].filter((m) => m !== 'all')).toEqual(['0999-10', '0999-11', '0999-12']);
    const long = await t.app.request('/api/staff/stats?from=0000-01&to=9999-12', { headers: { Cookie: admin } });
    expect(long.status).toBe(400);
    expect(await long.json()).toEqual({ errors: [{ path: 'from', code: 'not_a_period' }] });
  });
});
