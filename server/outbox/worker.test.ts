import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { contactFields, fromAddress, humanMeta, sameOriginJson } from '../../tests/support/forms.ts';
import { startSmtpServer } from '../../tests/support/smtp.ts';
import { createLogger } from '../logger.ts';
import { smtpMailer } from './mailer.ts';
import { backoffMs, outboxBacklog, startOutboxWorker } from './worker.ts';

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`outbox to a real SMTP server on ${kind}`, () => {
    let t: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    // The worker's clock runs with real time, moved ahead to pass a backoff.
    let offset = 0;
    let client = 2;
    const now = () => new Date(Date.now() + offset);
    const logger = createLogger('silent');
    beforeAll(async () => {
      t = await createTestApp(kind, { FLOOD_THRESHOLD_PER_MINUTE: '100000', RATE_LIMIT_PER_WIDE_NETWORK: '100000' });
      smtp = await startSmtpServer();
    });
    afterAll(async () => {
      await smtp.close();
      await t.close();
    });
    const submit = async (marker = 'Qx7Mail') => {
      const res = await t.app.request(
        '/api/forms/contact',
        { method: 'POST', headers: sameOriginJson, body: JSON.stringify({ ...contactFields(marker), meta: humanMeta() }) },
        fromAddress(`127.0.3.${client++}`),
      );
      return ((await res.json()) as { reference: string }).reference;
    };
    const worker = (intervalMs = 60_000) =>
      startOutboxWorker({ db: t.database.handle.db, mailer: smtpMailer(smtp.url), logger, from: 'portal@anchor.test', to: ['intake@anchor.test'], intervalMs, leaseMs: 30_000, now });

    it('mails the team the reference, queue, priority and due date, and nothing personal', async () => {
      const reference = await submit();
      const w = worker();
      expect(await w.drainOnce()).toBe(1);
      await w.stop();
      const mail = smtp.mails.find((m) => m.raw.includes(reference));
      expect(mail).toBeDefined();
      expect(mail!.to).toEqual(['intake@anchor.test']);
      expect(mail!.raw).toMatch(/Message-ID: <[0-9a-f-]{36}@anchor-portal>/i);
      expect(mail!.raw).not.toMatch(/qx7mail|040 123 4567/i);
      expect(await outboxBacklog(t.database.handle.db, now())).toMatchObject({ pending: 0 });
    });

    it('retries a refused send with backoff, without losing or blocking the case', async () => {
      const reference = await submit();
      smtp.refuseNext(1);
      const w = worker();
      expect(await w.drainOnce()).toBe(0);
      const { rows } = await t.database.handle.query<{ attempts: number; last_error: string; sent_at: unknown }>(
        'select attempts, last_error, sent_at from outbox o join cases c on c.id = o.case_id where c.reference = $1',
        [reference],
      );
      expect(rows[0]).toMatchObject({ attempts: 1, last_error: '451', sent_at: null });
      expect((await outboxBacklog(t.database.handle.db, now())).pending).toBe(1);
      // Not due yet: nothing is sent before the backoff has passed.
      expect(await w.drainOnce()).toBe(0);
      offset += backoffMs(1) + 1;
      expect(await w.drainOnce()).toBe(1);
      await w.stop();
      expect(smtp.mails.filter((m) => m.raw.includes(reference))).toHaveLength(1);
    });

    it('lets two workers drain at once without sending any row twice', async () => {
      const references = await Promise.all(Array.from({ length: 30 }, () => submit()));
      const [a, b] = [worker(), worker()];
      const sent = (await Promise.all([a.drainOnce(), b.drainOnce()])).reduce((x, y) => x + y, 0);
      await Promise.all([a.stop(), b.stop()]);
      expect(sent).toBe(30);
      for (const reference of references) expect(smtp.mails.filter((m) => m.raw.includes(reference))).toHaveLength(1);
    });

    it('is woken by a poke and sends without waiting for its interval', async () => {
      const w = worker(3_600_000);
      const reference = await submit();
      w.poke();
      await expect.poll(() => smtp.mails.some((m) => m.raw.includes(reference)), { timeout: 5_000 }).toBe(true);
      await w.stop();
    });
  });
}
