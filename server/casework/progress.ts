import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { cases } from '../db/schema/cases.ts';
import { caseNotes } from '../db/schema/casework.ts';
import { workingDaysBetween } from '../time/calendar.ts';
import { helsinkiDate } from '../time/helsinki-time.ts';
import { normalizeReference } from '../intake/reference.ts';
import { sealPersonalData } from '../crypto/seal.ts';
import type { StaffIdentity } from '../staff/sessions.ts';
import { maySee, type CaseRow } from './case-access.ts';
import { changeCase, conflict, fieldRefusal, sealedTextContext, type Answer, type CaseworkDeps } from './change.ts';
import { checkTransition, isOpen, type CaseStatus, type Outcome } from '../../src/shared/casework/lifecycle.ts';

// A phone's clock may run a little ahead of the server's.
const CLOCK_SKEW_MS = 5 * 60_000;

/** `POST /cases/:id/status`: a step of the life cycle (lifecycle.ts); closing needs an outcome, reopening clears it. */
export function setStatus(deps: CaseworkDeps, staff: StaffIdentity, id: string, body: { status: CaseStatus; outcome?: Outcome | undefined; version: number }): Promise<Answer> {
  return changeCase(deps, staff, id, body.version, (row: CaseRow, now) => {
    const refusal = checkTransition({
      from: row.status as CaseStatus,
      to: body.status,
      role: staff.role,
      hasAssignee: row.assigneeId !== null,
      hasLinkedCase: row.linkedCaseId !== null,
      outcome: body.outcome,
    });
    if (refusal?.kind === 'conflict') return conflict(refusal.error);
    if (refusal) return fieldRefusal(refusal.path, refusal.code);
    const closing = body.status === 'closed';
    return {
      set: { status: body.status, outcome: closing ? body.outcome : null, closedAt: closing ? now : null },
      events: [{ type: 'status', detail: { from: row.status, to: body.status, outcome: body.outcome ?? null } }],
      audit: { action: 'status', detail: { from: row.status, to: body.status, outcome: body.outcome ?? null } },
    };
  });
}

/**
 * `POST /cases/:id/contact-attempts`: when, how and with what result someone
 * tried to reach the family or young person. The earliest successful one
 * sets `firstContactAt` and the working days it took (for the statistics).
 */
export function addContactAttempt(
  deps: CaseworkDeps,
  staff: StaffIdentity,
  id: string,
  body: { at: string; method: string; outcome: string; setInContact?: boolean | undefined; version: number },
): Promise<Answer> {
  return changeCase(deps, staff, id, body.version, (row: CaseRow, now) => {
    if (!isOpen(row.status)) return conflict('case_closed');
    const at = new Date(body.at);
    if (at.getTime() < row.createdAt.getTime() || at.getTime() > now.getTime() + CLOCK_SKEW_MS) return fieldRefusal('at', 'out_of_range');
    const first = body.outcome === 'reached' && (!row.firstContactAt || at.getTime() < row.firstContactAt.getTime());
    // "Reached, and now in contact" in one step: the same transition rules as POST /status.
    const toInContact = body.setInContact === true && body.outcome === 'reached' && row.status !== 'in_contact';
    if (body.setInContact === true && body.outcome !== 'reached') return fieldRefusal('setInContact', 'needs_reached');
    if (toInContact) {
      const refusal = checkTransition({ from: row.status as CaseStatus, to: 'in_contact', role: staff.role, hasAssignee: row.assigneeId !== null, hasLinkedCase: row.linkedCaseId !== null, outcome: undefined });
      if (refusal?.kind === 'conflict') return conflict(refusal.error);
      if (refusal) return fieldRefusal(refusal.path, refusal.code);
    }
    const status = toInContact ? { from: row.status, to: 'in_contact', outcome: null } : undefined;
    return {
      set: { ...(first ? { firstContactAt: at, firstContactDays: workingDaysBetween(helsinkiDate(row.createdAt), helsinkiDate(at)) } : {}), ...(status ? { status: 'in_contact' } : {}) },
      events: [
        { type: 'contact-attempt', detail: { at: at.toISOString(), method: body.method, outcome: body.outcome } },
        ...(status ? [{ type: 'status', detail: status }] : []),
      ],
      audit: { action: 'contact-attempt', detail: { method: body.method, outcome: body.outcome, ...(status ? { status: { from: status.from, to: status.to } } : {}) } },
    };
  });
}

/**
 * `POST /cases/:id/notes`: a note sealed to the intake public key with
 * `<reference>/note/<note id>` as additional data, so that it opens only as
 * that note of that case. Not on spam.
 */
export function addNote(deps: CaseworkDeps, staff: StaffIdentity, id: string, body: { text: string; version: number }): Promise<Answer> {
  return changeCase(deps, staff, id, body.version, (row: CaseRow) => {
    if (row.status === 'spam') return conflict('spam_case');
    const noteId = randomUUID();
    return {
      set: {},
      events: [{ type: 'note', detail: { noteId } }],
      audit: { action: 'note', detail: { noteId } },
      also: async (tx, updated, now) => {
        const sealed = sealPersonalData({ text: body.text }, sealedTextContext(updated.reference, 'note', noteId), deps.keyring.current);
        await tx.insert(caseNotes).values({
          id: noteId,
          caseId: updated.id,
          authorId: staff.userId,
          createdAt: now,
          sealedKeyId: sealed.keyId,
          sealedEphemeralKey: sealed.ephemeralPublicKey,
          sealedNonce: sealed.nonce,
          sealedCiphertext: sealed.ciphertext,
        });
      },
    };
  });
}

/**
 * `POST /cases/:id/link`: another case about the same child, found by its
 * reference (as read out on the phone). A case linked so can then be closed
 * as a `duplicate` of it.
 */
export function linkCase(deps: CaseworkDeps, staff: StaffIdentity, id: string, body: { otherReference: string; version: number }): Promise<Answer> {
  return changeCase(deps, staff, id, body.version, async (row: CaseRow) => {
    const reference = normalizeReference(body.otherReference);
    if (!reference) return fieldRefusal('otherReference', 'invalid_reference');
    const [other] = await deps.db.select({ id: cases.id, status: cases.status, queue: cases.queue }).from(cases).where(eq(cases.reference, reference));
    // A case the caller may not see is answered as unknown: a link would show its reference, status and queue.
    if (!other || other.status === 'spam' || !maySee(staff, other)) return fieldRefusal('otherReference', 'not_found');
    if (other.id === row.id) return fieldRefusal('otherReference', 'same_case');
    return {
      set: { linkedCaseId: other.id },
      events: [{ type: 'linked', detail: { from: row.linkedCaseId, to: other.id } }],
      audit: { action: 'link', detail: { linkedCaseId: other.id } },
    };
  });
}
