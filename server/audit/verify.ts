import { asc, gt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema/casework.ts';
import { genesisMac, macMatches, type AuditEntry } from './chain.ts';

/** What is wrong with the trail, and where (`seq` as stored). */
export interface ChainProblem {
  kind: 'altered' | 'inserted' | 'removed' | 'head-mismatch';
  seq: number;
  message: string;
}

/** The verifier's findings: `ok` when the chain is whole (and matches the head, when given). */
export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The last entry as stored: the head to log and to compare with next time. */
  last: { seq: number; mac: string } | null;
  problems: ChainProblem[];
}

/** A chain head as logged: `seq:mac`. */
export interface ChainHead {
  seq: number;
  mac: string;
}

/** Parses `seq:mac` (as `npm run audit:verify -- --head` takes it), or undefined. */
export function parseHead(text: string): ChainHead | undefined {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  return match ? { seq: Number(match[1]), mac: match[2]! } : undefined;
}

const PAGE = 2_000;

async function* readEntries(db: Db): AsyncGenerator<AuditEntry> {
  let after = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(PAGE);
    for (const row of rows) yield { ...row, action: row.action as AuditEntry['action'] };
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.seq;
  }
}

/**
 * Recomputes the whole chain and names each problem:
 * - `removed`: a gap in `seq` (entries deleted from the middle), or fewer
 *   entries than the logged head says (the tail deleted);
 * - `altered`: an entry whose MAC fails while the next entry chains from its
 *   stored MAC (its content was changed afterwards);
 * - `inserted`: an entry whose MAC fails while the next entry chains from the
 *   entry before it, with the following entries renumbered to make room;
 * - `head-mismatch`: the entry at the logged head's seq has another MAC (the
 *   chain was rewritten from there).
 * The last entry failing cannot be told apart: it is reported as `altered`,
 * saying it may also be an insertion. Reads the trail in pages (constant memory).
 */
export async function verifyAuditChain(db: Db, key: Buffer, head?: ChainHead): Promise<ChainReport> {
  const problems: ChainProblem[] = [];
  let anchor: string | undefined = genesisMac;
  let expected = 1;
  let offset = 0;
  let checked = 0;
  let last: AuditEntry | undefined;
  let headSeen = false;

  const step = (e: AuditEntry, next: AuditEntry | undefined) => {
    checked++;
    const seq = e.seq - offset;
    if (seq > expected) {
      const from = expected + offset;
      problems.push({
        kind: 'removed',
        seq: from,
        message: `entries ${from === e.seq - 1 ? `seq ${from}` : `seq ${from} to ${e.seq - 1}`} were removed (seq ${e.seq} follows seq ${from - 1})`,
      });
      anchor = undefined;
    }
    if (head && seq === head.seq) {
      headSeen = true;
      if (e.mac !== head.mac) problems.push({ kind: 'head-mismatch', seq: e.seq, message: `seq ${e.seq} has another MAC than the logged head: the chain was rewritten` });
    }
    const view = { ...e, seq };
    // After a gap the predecessor's MAC is gone: this entry's own link cannot be checked, only the ones after it.
    if (anchor === undefined || macMatches(key, anchor, view)) {
      anchor = e.mac;
      expected = seq + 1;
      return;
    }
    if (next && macMatches(key, e.mac, { ...next, seq: next.seq - offset })) {
      problems.push({ kind: 'altered', seq: e.seq, message: `seq ${e.seq} was altered: its content no longer matches its MAC` });
    } else if (next && next.seq - offset - 1 === seq && macMatches(key, anchor, { ...next, seq })) {
      problems.push({ kind: 'inserted', seq: e.seq, message: `seq ${e.seq} was inserted: the chain runs from seq ${e.seq - 1} straight to the entry after it` });
      offset++;
      return;
    } else if (next) {
      problems.push({ kind: 'altered', seq: e.seq, message: `seq ${e.seq} does not verify, nor does the entry after it chain from it` });
    } else {
      problems.push({ kind: 'altered', seq: e.seq, message: `seq ${e.seq}, the last entry, does not verify: altered, or inserted after the last genuine entry` });
    }
    anchor = e.mac;
    expected = seq + 1;
  };

  let pending: AuditEntry | undefined;
  for await (const entry of readEntries(db)) {
    if (pending) step(pending, entry);
    pending = entry;
    last = entry;
  }
  if (pending) step(pending, undefined);

  if (head && !headSeen && head.seq >= expected) {
    const lastSeq = last ? last.seq : 0;
    problems.push({
      kind: 'removed',
      seq: lastSeq + 1,
      message: `the logged head is seq ${head.seq} but the trail ends at seq ${lastSeq}: the entries after it were removed`,
    });
  }
  return { ok: problems.length === 0, checked, last: last ? { seq: last.seq, mac: last.mac } : null, problems };
}

/** An entry the sink outside the database holds that the database lacks, or holds with another MAC. */
export interface SinkProblem {
  kind: 'missing' | 'differs' | 'sink-conflict';
  seq: number | null;
  message: string;
}

/**
 * Compares the database's trail with the merged sink files (sink.ts): every
 * seq a sink holds must be in the database with the same MAC. An entry the
 * database has and no sink holds is not a problem (a crash between the
 * commit and the sink write leaves one), so only what was cut or rewritten
 * is named, each entry by its seq. Reads the trail in pages.
 */
export async function compareWithSink(db: Db, sink: { entries: ReadonlyMap<number, { mac: string; file: string }>; conflicts: readonly string[] }): Promise<SinkProblem[]> {
  const problems: SinkProblem[] = sink.conflicts.map((message) => ({ kind: 'sink-conflict' as const, seq: null, message }));
  const seen = new Set<number>();
  for await (const entry of readEntries(db)) {
    const held = sink.entries.get(entry.seq);
    if (!held) continue;
    seen.add(entry.seq);
    if (held.mac !== entry.mac) problems.push({ kind: 'differs', seq: entry.seq, message: `seq ${entry.seq} has another MAC in the database than in ${held.file}: it was rewritten` });
  }
  const missing = [...sink.entries.keys()].filter((seq) => !seen.has(seq)).sort((a, b) => a - b);
  for (const seq of missing) problems.push({ kind: 'missing', seq, message: `seq ${seq} is in ${sink.entries.get(seq)!.file} but not in the database: it was removed` });
  return problems.sort((a, b) => (a.seq ?? -1) - (b.seq ?? -1));
}
