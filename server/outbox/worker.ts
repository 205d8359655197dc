import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { Exclusive } from '../jobs/exclusive.ts';
import { startPeriodic } from '../jobs/periodic.ts';
import type { Mailer } from './mailer.ts';
import { mailsFailed, mailsSent } from '../metrics/metrics.ts';

/** Settings of the outbox worker. */
export interface OutboxOptions {
  db: Db;
  mailer: Mailer;
  logger: Logger;
  from: string;
  to: string[];
  /** How often to look for due rows when nothing pokes the worker. */
  intervalMs: number;
  /** How long a claimed row is reserved for this instance. */
  leaseMs: number;
  batchSize?: number;
  now?: () => Date;
  /** Runs each drain on one instance at a time (a session advisory lock on PostgreSQL). */
  exclusive?: Exclusive;
}

/** A running worker. */
export interface OutboxWorker {
  /** Looks for work now (after a case commits). */
  poke(): void;
  /** Sends what is due once; resolves with how many were sent. */
  drainOnce(): Promise<number>;
  stop(): Promise<void>;
}

interface Claimed {
  id: string;
  attempts: number;
  reference: string;
  proposed_queue: string;
  priority: number;
  due_at: Date | string;
  kind: string;
}

/** Retry delay after `attempts` failures: 10 s doubling, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 10_000 * 2 ** Math.max(0, attempts - 1));
}

/** The notification: reference, queue, priority and the internal target date, never anything personal. */
export function notificationText(row: Pick<Claimed, 'reference' | 'proposed_queue' | 'priority' | 'due_at' | 'kind'>): { subject: string; text: string } {
  const due = new Date(row.due_at);
  const dueText = new Intl.DateTimeFormat('fi-FI', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Helsinki' }).format(due);
  return {
    subject: `Ankkuri: uusi yhteydenotto ${row.reference} / New case ${row.reference}`,
    text: [
      'Ankkurin saapuneisiin on tullut uusi yhteydenotto. / A new case has arrived in Anchor intake.',
      '',
      `Viite / Reference: ${row.reference}`,
      `Lomake / Form: ${row.kind}`,
      `Ehdotettu jono / Proposed queue: ${row.proposed_queue}`,
      `Kiireellisyys / Priority: ${row.priority}`,
      // The internal target (DUE_WORKING_DAYS_*), never a promise made to the sender.
      `Tavoite / Target: ${dueText} (${due.toISOString()})`,
      '',
      'Avaa tapaus henkilökunnan sovelluksessa. / Open the case in the staff app.',
    ].join('\n'),
  };
}

/**
 * Drains the outbox: claims due rows with a lease in a short transaction
 * (FOR UPDATE SKIP LOCKED, so instances never claim the same row at once),
 * sends outside any transaction, then marks them sent. Delivery is at least
 * once: a crash between send and mark repeats the mail, with the same
 * Message-ID (derived from the outbox id) so a repeat is recognisable. A
 * failed send is retried with backoff and never touches the case.
 */
export function startOutboxWorker(options: OutboxOptions): OutboxWorker {
  const { db, mailer, logger } = options;
  const now = options.now ?? (() => new Date());
  async function claim(): Promise<Claimed[]> {
    const at = now();
    const leaseUntil = new Date(at.getTime() + options.leaseMs);
    const result = await db.execute(sql`
      update outbox o set lease_until = ${leaseUntil}, attempts = o.attempts + 1
      from cases c
      where c.id = o.case_id and o.id in (
        select id from outbox
        where sent_at is null and next_attempt_at <= ${at} and (lease_until is null or lease_until < ${at})
        order by next_attempt_at
        limit ${options.batchSize ?? 20}
        for update skip locked)
      returning o.id, o.attempts, c.reference, c.proposed_queue, c.priority, c.due_at, c.kind`);
    return (result as unknown as { rows: Claimed[] }).rows;
  }

  async function deliver(row: Claimed): Promise<boolean> {
    const { subject, text } = notificationText(row);
    try {
      await mailer.send({ messageId: `<${row.id}@anchor-portal>`, from: options.from, to: options.to, subject, text });
      mailsSent.inc();
      await db.execute(sql`update outbox set sent_at = ${now()}, lease_until = null, last_error = null where id = ${row.id}`);
      return true;
    } catch (error) {
      mailsFailed.inc();
      const code = (error as { code?: string; responseCode?: number }).responseCode ?? (error as { code?: string }).code ?? 'send_failed';
      const next = new Date(now().getTime() + backoffMs(row.attempts));
      await db
        .execute(sql`update outbox set next_attempt_at = ${next}, lease_until = null, last_error = ${String(code)} where id = ${row.id}`)
        .catch(() => {});
      logger.warn({ msg: 'outbox send failed; will retry', outboxId: row.id, attempts: row.attempts, code: String(code) });
      return false;
    }
  }

  async function drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const rows = await claim();
      if (rows.length === 0) return sent;
      for (const row of rows) if (await deliver(row)) sent++;
    }
  }

  const job = startPeriodic({
    task: drain,
    exclusive: options.exclusive,
    intervalMs: options.intervalMs,
    onError: (error) => logger.error({ msg: 'outbox drain failed', errorName: error.name }),
    rerunWhenCalledDuringRun: true,
  });
  const drainOnce = async () => (await job.runNow()) ?? 0;

  return {
    poke: () => void drainOnce(),
    drainOnce,
    stop: () => job.stop(),
  };
}

/** The outbox backlog for the health check: unsent rows and the age of the oldest. */
export async function outboxBacklog(db: Db, at: Date = new Date()): Promise<{ pending: number; oldestAgeSeconds: number | null }> {
  const result = await db.execute(sql`select count(*)::int as pending, min(created_at) as oldest from outbox where sent_at is null`);
  const row = (result as unknown as { rows: { pending: number; oldest: Date | string | null }[] }).rows[0];
  const oldest = row?.oldest ? new Date(row.oldest) : null;
  return { pending: Number(row?.pending ?? 0), oldestAgeSeconds: oldest ? Math.max(0, Math.round((at.getTime() - oldest.getTime()) / 1000)) : null };
}
