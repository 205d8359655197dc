import { desc } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema/casework.ts';
import type { Logger } from '../logger.ts';

/** The newest entry's seq and MAC, or null for an empty trail. */
export async function readChainHead(db: Db): Promise<{ seq: number; mac: string } | null> {
  const [row] = await db.select({ seq: auditLog.seq, mac: auditLog.mac }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  return row ?? null;
}

/** A running head logger. */
export interface HeadLogger {
  /** Logs the head now; unless `force`, only when it changed since the last line. */
  logNow(force?: boolean): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Writes the audit chain's head (seq and MAC) to the application log every
 * `intervalMs` and once more at shutdown. The log lives apart from the
 * database, so a tail cut off the trail shows against the last logged head:
 * `npm run audit:verify -- --head <seq>:<mac>`. The head is not personal data.
 */
export function startHeadLogger(db: Db, logger: Logger, intervalMs: number): HeadLogger {
  let lastLogged = '';
  let running: Promise<void> | undefined;
  const logNow = async (force = false) => {
    try {
      const head = await readChainHead(db);
      const text = head ? `${head.seq}:${head.mac}` : 'empty';
      // An unchanged head is not repeated every interval; the shutdown line always is written.
      if (text === lastLogged && !force) return;
      lastLogged = text;
      logger.info({ msg: 'audit chain head', auditHead: text });
    } catch (error) {
      logger.warn({ msg: 'could not read the audit chain head', errorName: (error as Error).name });
    }
  };
  const timer = setInterval(() => {
    running = logNow();
  }, intervalMs);
  timer.unref();
  return {
    logNow,
    stop: async () => {
      clearInterval(timer);
      await running;
      await logNow(true);
    },
  };
}
