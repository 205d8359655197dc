import { and, asc, eq, ne } from 'drizzle-orm';
import { cases } from '../db/schema/cases.ts';
import { caseEvents, caseNotes } from '../db/schema/casework.ts';
import { staffUsers } from '../db/schema/staff.ts';
import { withAudit } from '../audit/record.ts';
import { formatReference } from '../intake/reference.ts';
import { openSealed } from '../crypto/seal.ts';
import type { StaffIdentity } from '../staff/sessions.ts';
import { lookupCase, maySee, type CaseRow } from './case-access.ts';
import { sealedTextContext, type Answer, type CaseworkDeps } from './change.ts';
import { presentAnswers } from './present-answers.ts';
import type { Purpose } from './requests.ts';

type SealedColumns = { sealedKeyId: string | null; sealedEphemeralKey: Buffer | null; sealedNonce: Buffer | null; sealedCiphertext: Buffer | null };

/** Opens a staff text (note, routing reason) sealed with {@link sealedTextContext}. */
function openText(deps: CaseworkDeps, row: SealedColumns, context: string): string | null {
  if (!row.sealedKeyId || !row.sealedEphemeralKey || !row.sealedNonce || !row.sealedCiphertext) return null;
  const opened = openSealed(
    { keyId: row.sealedKeyId, ephemeralPublicKey: row.sealedEphemeralKey, nonce: row.sealedNonce, ciphertext: row.sealedCiphertext },
    context,
    deps.keyring,
  ) as { text?: unknown };
  return typeof opened.text === 'string' ? opened.text : null;
}

const summaryColumns = { id: cases.id, reference: cases.reference, kind: cases.kind, status: cases.status, queue: cases.queue, createdAt: cases.createdAt };

/**
 * The cases linked to this one, as far as `staff` may see them (maySee, the
 * rule of the case itself): a team member is not shown another team's case's
 * reference, status or queue through a link.
 */
async function linkedSummaries(deps: CaseworkDeps, staff: StaffIdentity, row: CaseRow) {
  const [linked] = row.linkedCaseId ? await deps.db.select(summaryColumns).from(cases).where(eq(cases.id, row.linkedCaseId)) : [];
  const linkedFrom = await deps.db
    .select(summaryColumns)
    .from(cases)
    .where(and(eq(cases.linkedCaseId, row.id), ne(cases.status, 'spam')));
  const show = (c: typeof linked) => (c ? { ...c, createdAt: c.createdAt.toISOString() } : null);
  return {
    linkedCase: linked && maySee(staff, linked) ? show(linked) : null,
    linkedFrom: linkedFrom.filter((c) => maySee(staff, c)).map(show),
  };
}

async function history(deps: CaseworkDeps, row: CaseRow) {
  const events = await deps.db
    .select({ event: caseEvents, actorEmail: staffUsers.email })
    .from(caseEvents)
    .leftJoin(staffUsers, eq(staffUsers.id, caseEvents.actorId))
    .where(eq(caseEvents.caseId, row.id))
    .orderBy(asc(caseEvents.at), asc(caseEvents.id));
  const notes = await deps.db
    .select({ note: caseNotes, authorEmail: staffUsers.email })
    .from(caseNotes)
    .leftJoin(staffUsers, eq(staffUsers.id, caseNotes.authorId))
    .where(eq(caseNotes.caseId, row.id))
    .orderBy(asc(caseNotes.createdAt), asc(caseNotes.id));
  return {
    contactAttempts: events
      .filter(({ event }) => event.type === 'contact-attempt')
      .map(({ event, actorEmail }) => ({ id: event.id, ...event.detail, recordedAt: event.at.toISOString(), recordedBy: actorEmail })),
    notes: notes.map(({ note, authorEmail }) => ({
      id: note.id,
      createdAt: note.createdAt.toISOString(),
      authorEmail,
      text: openText(deps, note, sealedTextContext(row.reference, 'note', note.id)),
    })),
    events: events.map(({ event, actorEmail }) => ({
      id: event.id,
      at: event.at.toISOString(),
      type: event.type,
      actorEmail,
      detail: event.detail,
      reason: openText(deps, event, sealedTextContext(row.reference, 'event', event.id)),
    })),
  };
}

/**
 * A case with its personal data opened, for `GET /cases/:id` (action `view`)
 * and `GET /cases/:id/print` (action `print`, purpose handover). The view is
 * appended to the audit trail with its purpose BEFORE anything is answered:
 * if the entry cannot be written, nothing is shown. The answer begins with
 * the safe-contact preferences (see present-answers.ts).
 */
export async function viewCase(deps: CaseworkDeps, staff: StaffIdentity, id: string, purpose: Purpose, action: 'view' | 'print'): Promise<Answer> {
  const found = await lookupCase(deps.db, staff, id);
  if (!found.ok) return { status: found.status, body: { error: found.error } };
  const row = found.row;
  const personal = openSealed(
    { keyId: row.sealedKeyId, ephemeralPublicKey: row.sealedEphemeralKey, nonce: row.sealedNonce, ciphertext: row.sealedCiphertext },
    row.reference,
    deps.keyring,
  );
  const sections = presentAnswers(row, personal);
  const [assignee] = row.assigneeId ? await deps.db.select({ email: staffUsers.email }).from(staffUsers).where(eq(staffUsers.id, row.assigneeId)) : [];
  const records = await history(deps, row);
  const links = await linkedSummaries(deps, staff, row);
  const now = deps.now();
  await withAudit(deps.db, { key: deps.auditKey, sink: deps.auditSink }, (tx, append) =>
    append(tx, { actorId: staff.userId, action, caseId: row.id, caseReference: row.reference, purpose, detail: {} }, now),
  );
  const open = row.status !== 'closed' && row.status !== 'spam';
  const body = {
    ...sections,
    case: {
      id: row.id,
      reference: row.reference,
      referenceFormatted: formatReference(row.reference),
      version: row.version,
      kind: row.kind,
      locale: row.locale,
      writer: row.writer,
      status: row.status,
      proposedQueue: row.proposedQueue,
      queue: row.queue,
      priority: row.priority,
      urgency: row.urgency,
      dueAt: row.dueAt.toISOString(),
      overdue: open && !row.firstContactAt && row.dueAt.getTime() < now.getTime(),
      assignee: row.assigneeId ? { id: row.assigneeId, email: assignee?.email ?? null } : null,
      categories: row.categories,
      ageBand: row.ageBand,
      outcome: row.outcome,
      closedAt: row.closedAt?.toISOString() ?? null,
      firstContactAt: row.firstContactAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    },
    ...records,
    ...links,
    ...(action === 'print' ? { printedAt: now.toISOString(), printedBy: staff.email } : {}),
  };
  return { status: 200, body };
}
