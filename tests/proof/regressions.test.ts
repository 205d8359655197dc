import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQueueCursor, parseTimeCursor } from '../../server/casework/cursor.ts';
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
