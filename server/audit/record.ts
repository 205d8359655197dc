import type { Db } from '../db/client.ts';
import { appendAudit, type Tx } from './append.ts';
import type { AuditEntry, AuditFields } from './chain.ts';
import type { AuditSink } from './sink.ts';
import { auditAppends } from '../metrics/metrics.ts';

/** What writing to the audit trail takes: the MAC key, and the sink outside the database when there is one. */
export interface AuditWriter {
  key: Buffer;
  sink?: AuditSink | undefined;
}

/** Appends entries inside a transaction and hands them to the sink once it has committed. */
export interface AuditRecorder {
  /** appendAudit, remembering the entry for the sink. */
  append(tx: Tx, fields: AuditFields, at: Date): Promise<AuditEntry>;
  /** Call after the transaction committed: writes the remembered entries to the sink. */
  committed(): Promise<void>;
}

/**
 * A recorder for one transaction. The sink is written after the commit, so
 * that nothing reaches it that the database might still roll back, and
 * outside the chain's advisory lock (released at commit), so that a slow
 * disk never makes other appends wait.
 */
export function auditRecorder(writer: AuditWriter): AuditRecorder {
  const appended: AuditEntry[] = [];
  return {
    async append(tx, fields, at) {
      const entry = await appendAudit(tx, writer.key, fields, at);
      appended.push(entry);
      return entry;
    },
    async committed() {
      const entries = appended.splice(0);
      auditAppends.inc(entries.length);
      await writer.sink?.record(entries);
    },
  };
}

/** Runs `work` in a transaction with an audit recorder, writing the sink after it commits. */
export async function withAudit<T>(db: Db, writer: AuditWriter, work: (tx: Tx, append: AuditRecorder['append']) => Promise<T>): Promise<T> {
  const recorder = auditRecorder(writer);
  const result = await db.transaction((tx) => work(tx, (t, fields, at) => recorder.append(t, fields, at)));
  await recorder.committed();
  return result;
}
