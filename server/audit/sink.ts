import { open, readdir, readFile, mkdir, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../logger.ts';

/**
 * Where each committed audit entry's seq and MAC go, outside the database:
 * whoever cuts the trail's tail inside the head interval (head.ts) still
 * leaves the entries' MACs here, and `npm run audit:verify -- --sink DIR`
 * names them.
 */
export interface AuditSink {
  /** Appends the entries' `seq:mac` lines; resolves once they are on disk (fsync). Never throws. */
  record(entries: readonly { seq: number; mac: string }[]): Promise<void>;
  close(): Promise<void>;
}

/** A sink file's name suffix; one file per staff host. */
export const sinkFileSuffix = '.audit-sink';

/**
 * Opens (creating) `<dir>/<host>.audit-sink`, append-only (O_APPEND, mode
 * 0600). Lines written together share one write and one fsync (group
 * commit): many staff viewing cases at once wait for one disk flush, not one
 * each, and nothing here holds the audit chain's advisory lock (the entries
 * have committed before they come here). A failed write is logged (never
 * the entry's content but its seq) and does not undo the committed action:
 * the verifier then only lacks that line, which it does not count as a problem.
 */
export async function openAuditSink(dir: string, logger: Logger, host: string = hostname()): Promise<AuditSink> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${host.replace(/[^\w.-]/g, '_')}${sinkFileSuffix}`);
  const file: FileHandle = await open(path, 'a', 0o600);
  let batch: string[] = [];
  let queue: Promise<void> = Promise.resolve();
  let closed = false;
  const flush = async () => {
    if (batch.length === 0) return;
    const lines = batch;
    batch = [];
    try {
      await file.write(lines.join(''));
      await file.datasync();
    } catch (error) {
      logger.error({ msg: 'could not write the audit sink', path, lines: lines.length, first: lines[0]?.split(':')[0], errorName: (error as Error).name });
    }
  };
  return {
    record(entries) {
      if (closed || entries.length === 0) return Promise.resolve();
      for (const e of entries) batch.push(`${e.seq}:${e.mac}\n`);
      queue = queue.then(flush);
      return queue;
    },
    async close() {
      closed = true;
      await queue;
      await file.close();
    },
  };
}

/** One sink line as read back, and which file said it. */
export interface SinkEntry {
  seq: number;
  mac: string;
  file: string;
}

/** What the sink directories hold: entries by seq, and lines that disagree or cannot be read. */
export interface SinkContents {
  entries: Map<number, SinkEntry>;
  files: string[];
  /** Two files (or lines) giving one seq different MACs, or a line that is not `seq:mac`. */
  conflicts: string[];
}

/**
 * Reads and merges every host's sink file in `dirs`. A torn last line (a
 * crash during the write, before its fsync returned) is ignored; any other
 * unreadable line, or one seq with two MACs, is a conflict.
 */
export async function readAuditSinks(dirs: readonly string[]): Promise<SinkContents> {
  const entries = new Map<number, SinkEntry>();
  const conflicts: string[] = [];
  const files: string[] = [];
  for (const dir of dirs) {
    for (const name of (await readdir(dir)).filter((n) => n.endsWith(sinkFileSuffix)).sort()) {
      const path = join(dir, name);
      files.push(path);
      const lines = (await readFile(path, 'utf8')).split('\n');
      // What follows the last newline is empty, or a torn line whose write never finished: not an entry.
      lines.pop();
      lines.forEach((line, i) => {
        const match = /^(\d+):([0-9a-f]{64})$/.exec(line);
        if (!match) {
          conflicts.push(`${path} line ${i + 1} is not seq:mac`);
          return;
        }
        const seq = Number(match[1]);
        const seen = entries.get(seq);
        if (seen && seen.mac !== match[2]) conflicts.push(`seq ${seq} has one MAC in ${seen.file} and another in ${path}`);
        else if (!seen) entries.set(seq, { seq, mac: match[2]!, file: path });
      });
    }
  }
  return { entries, files, conflicts };
}
