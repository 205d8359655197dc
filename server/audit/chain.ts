import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../crypto/canonical-json.ts';

/**
 * The audit trail's hash chain. Each entry's `mac` is
 * HMAC-SHA256(key, previous entry's mac + "\n" + canonical JSON of this entry)
 * in lower-case hex, the first entry chaining from the empty string. The
 * canonical form covers every column but `mac` itself, `seq` included, so an
 * entry cannot be changed, moved, removed or inserted without a MAC failing;
 * and the key lives outside the database (AUDIT_MAC_KEY), so whoever can write
 * the table cannot compute a new chain. The tail is protected by the chain
 * head written to the application log (see head.ts).
 */

/** Who did what, to which case, and why. */
export interface AuditFields {
  /** The staff user's id, or null for the system (retention). */
  actorId: string | null;
  action: AuditAction;
  caseId: string | null;
  caseReference: string | null;
  /** Why personal data was viewed (see casework/requests.ts `purposes`). */
  purpose: string | null;
  /** Choices and ids only, never free text. */
  detail: Record<string, unknown>;
}

/** An entry as stored. */
export interface AuditEntry extends AuditFields {
  seq: number;
  at: Date;
  mac: string;
}

/** What the trail records. */
export const auditActions = [
  'view',
  'print',
  'route',
  'assign',
  'status',
  'contact-attempt',
  'note',
  'link',
  'restore',
  'delete',
  // Staff accounts: who got in and out, and what admins changed (failed sign-ins are counted, not chained).
  'sign-in',
  'sign-out',
  'user-add',
  'user-reset',
  'user-deactivate',
  'user-unlock',
] as const;

/** An audit action. */
export type AuditAction = (typeof auditActions)[number];

/** The chain's start: the first entry's "previous mac". */
export const genesisMac = '';

/** The canonical text an entry's MAC is computed over. */
export function canonicalEntry(entry: Omit<AuditEntry, 'mac'>): string {
  return canonicalJson({
    seq: entry.seq,
    at: entry.at.toISOString(),
    actorId: entry.actorId,
    action: entry.action,
    caseId: entry.caseId,
    caseReference: entry.caseReference,
    purpose: entry.purpose,
    detail: entry.detail,
  });
}

/** The MAC of an entry following the entry whose MAC is `previousMac`. */
export function auditMac(key: Buffer, previousMac: string, entry: Omit<AuditEntry, 'mac'>): string {
  return createHmac('sha256', key).update(`${previousMac}\n${canonicalEntry(entry)}`, 'utf8').digest('hex');
}

/** Whether `entry.mac` is the MAC of `entry` after `previousMac` (constant time). */
export function macMatches(key: Buffer, previousMac: string, entry: AuditEntry): boolean {
  const expected = Buffer.from(auditMac(key, previousMac, entry), 'hex');
  const stored = Buffer.from(entry.mac, 'hex');
  return stored.length === expected.length && timingSafeEqual(stored, expected);
}
