import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { insertCases } from '../../tests/support/casework.ts';
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from '../../tests/support/databases.ts';
import { exclusiveRunner } from './exclusive.ts';
import { startRetentionJob } from '../retention/job.ts';

describe.skipIf(!testDatabaseUrl)('exclusive background runs on PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(() => database.drop());

  it('lets one instance run a job while another skips it, then lets the other run', async () => {
    const a = exclusiveRunner(4242, database.url);
    const b = exclusiveRunner(4242, database.url);
    const other = exclusiveRunner(4343, database.url);
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = a.run(async () => {
        await held;
        return 'a';
      });
      // Give the first run time to take its lock.
      await new Promise((r) => setTimeout(r, 100));
      expect(await b.run(async () => 'b')).toEqual({ ran: false });
      expect(await other.run(async () => 'other')).toEqual({ ran: true, value: 'other' });
      release();
      expect(await first).toEqual({ ran: true, value: 'a' });
      expect(await b.run(async () => 'b')).toEqual({ ran: true, value: 'b' });
      // A failing job releases the lock too.
      await expect(a.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(await b.run(async () => 'again')).toEqual({ ran: true, value: 'again' });
    } finally {
      await Promise.all([a.close(), b.close(), other.close()]);
    }
  });
});

describe('the retention job', () => {
  it('runs retention through its runner and logs only counts', async () => {
    const database = await createTestDatabase('pglite');
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
    try {
      await insertCases(database.handle.db, [{ status: 'spam', createdAt: new Date('2026-01-01T00:00:00Z') }, { status: 'new' }]);
      const job = startRetentionJob({
        db: database.handle.db,
        auditKey: randomBytes(32),
        policy: { spamDays: 30, closedDays: 365, rateWindowMs: 600_000 },
        exclusive: exclusiveRunner(1, undefined),
        logger,
        intervalMs: 3_600_000,
        now: () => new Date('2026-03-01T00:00:00Z'),
      });
      expect(await job.runNow()).toMatchObject({ spam: 1, closed: 0 });
      await job.stop();
      expect(lines.join('')).toContain('"msg":"retention deleted expired data","spam":1');
      const { rows } = await database.handle.query<{ status: string }>('select status from cases');
      expect(rows).toEqual([{ status: 'new' }]);
    } finally {
      await database.drop();
    }
  });
});
