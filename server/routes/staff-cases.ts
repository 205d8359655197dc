import { eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { cases } from '../db/schema/cases.ts';
import { assignableStaff, assignCase, routeCase } from '../casework/assignment.ts';
import { lookupCase, maySee } from '../casework/case-access.ts';
import type { Answer, CaseworkDeps } from '../casework/change.ts';
import { viewCase } from '../casework/detail.ts';
import { listCases } from '../casework/list.ts';
import { addContactAttempt, addNote, linkCase, setStatus } from '../casework/progress.ts';
import {
  assignBody,
  caseIdParam,
  contactAttemptBody,
  fieldErrors,
  linkBody,
  listQuery,
  noteBody,
  restoreBody,
  routeBody,
  spamQuery,
  statusBody,
  viewQuery,
} from '../casework/requests.ts';
import { listSpam, restoreSpam } from '../casework/spam.ts';
import { normalizeReference } from '../intake/reference.ts';
import { requireRole, type StaffEnv } from '../staff/access.ts';
import type { StaffIdentity } from '../staff/sessions.ts';

type C = Context<StaffEnv>;
type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

const staffOf = (c: C): StaffIdentity => c.get('staff')!;

function check<S extends z.ZodType>(c: C, schema: S, value: unknown): Parsed<z.output<S>> {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, response: c.json(fieldErrors(parsed.error.issues), 400) };
}

async function body<S extends z.ZodType>(c: C, schema: S): Promise<Parsed<z.output<S>>> {
  let value: unknown;
  try {
    value = await c.req.json();
  } catch {
    return { ok: false, response: c.json({ errors: [{ path: '', code: 'invalid_json' }] }, 400) };
  }
  return check(c, schema, value);
}

const answer = (c: C, a: Answer) => c.json(a.body, a.status);

// Staff requests are small: a note is at most 4,000 characters.
const limit = bodyLimit({ maxSize: 32 * 1024, onError: (c) => c.json({ error: 'payload_too_large' }, 413) });

/** A POST on one case: `:id` and the body checked, then the action. */
function caseAction<S extends z.ZodType>(schema: S, act: (deps: CaseworkDeps, staff: StaffIdentity, id: string, data: z.output<S>) => Promise<Answer>, deps: CaseworkDeps) {
  return async (c: C) => {
    const params = check(c, caseIdParam, c.req.param());
    if (!params.ok) return params.response;
    const data = await body(c, schema);
    if (!data.ok) return data.response;
    return answer(c, await act(deps, staffOf(c), params.data.id, data.data));
  };
}

/**
 * The case-work API under /api/staff. Intake works every case; a team member
 * (role `team`) the cases confirmed to their team's queue; admin none (403):
 * admin's part is the audit trail and the statistics. Every change carries
 * the case's `version` (409 `stale_version` when it is not the current one).
 */
export function staffCaseRoutes(deps: CaseworkDeps) {
  return new Hono<StaffEnv>()
    .get('/cases', requireRole('intake', 'team'), async (c) => {
      const query = check(c, listQuery, c.req.query());
      if (!query.ok) return query.response;
      const page = await listCases(deps.db, staffOf(c), query.data, deps.now());
      if ('error' in page) return c.json({ errors: [{ path: 'after', code: page.error }] }, 400);
      return c.json(page);
    })
    .get('/cases/by-reference/:ref', requireRole('intake', 'team'), async (c) => {
      const reference = normalizeReference(c.req.param('ref'));
      if (!reference) return c.json({ errors: [{ path: 'ref', code: 'invalid_reference' }] }, 400);
      const [row] = await deps.db.select({ id: cases.id, reference: cases.reference, status: cases.status, queue: cases.queue }).from(cases).where(eq(cases.reference, reference));
      // Another team's case answers as an unknown one would: a reference says nothing of what exists.
      if (!row || !maySee(staffOf(c), row)) return c.json({ error: 'not_found' }, 404);
      return c.json({ id: row.id, reference: row.reference, status: row.status });
    })
    .get('/cases/:id', requireRole('intake', 'team'), async (c) => {
      const params = check(c, caseIdParam, c.req.param());
      if (!params.ok) return params.response;
      const query = check(c, viewQuery, c.req.query());
      if (!query.ok) return query.response;
      return answer(c, await viewCase(deps, staffOf(c), params.data.id, query.data.purpose, 'view'));
    })
    .get('/cases/:id/print', requireRole('intake', 'team'), async (c) => {
      const params = check(c, caseIdParam, c.req.param());
      if (!params.ok) return params.response;
      return answer(c, await viewCase(deps, staffOf(c), params.data.id, 'handover', 'print'));
    })
    .get('/cases/:id/assignees', requireRole('intake', 'team'), async (c) => {
      const params = check(c, caseIdParam, c.req.param());
      if (!params.ok) return params.response;
      // Only for a case the caller may work on; the list names staff, nothing of the case.
      const found = await lookupCase(deps.db, staffOf(c), params.data.id);
      if (!found.ok) return c.json({ error: found.error }, found.status);
      return c.json({ assignees: await assignableStaff(deps, found.row.queue) });
    })
    .post('/cases/:id/route', requireRole('intake'), limit, caseAction(routeBody, routeCase, deps))
    .post('/cases/:id/assign', requireRole('intake', 'team'), limit, caseAction(assignBody, assignCase, deps))
    .post('/cases/:id/status', requireRole('intake', 'team'), limit, caseAction(statusBody, setStatus, deps))
    .post('/cases/:id/contact-attempts', requireRole('intake', 'team'), limit, caseAction(contactAttemptBody, addContactAttempt, deps))
    .post('/cases/:id/notes', requireRole('intake', 'team'), limit, caseAction(noteBody, addNote, deps))
    .post('/cases/:id/link', requireRole('intake', 'team'), limit, caseAction(linkBody, linkCase, deps))
    .get('/spam', requireRole('intake'), async (c) => {
      const query = check(c, spamQuery, c.req.query());
      if (!query.ok) return query.response;
      const page = await listSpam(deps, query.data);
      if ('error' in page) return c.json({ errors: [{ path: 'after', code: page.error }] }, 400);
      return c.json(page);
    })
    .post('/spam/:id/restore', requireRole('intake'), limit, caseAction(restoreBody, restoreSpam, deps));
}
