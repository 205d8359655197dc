import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { readChainHead } from '../audit/head.ts';
import { auditPage, caseAuditTrail } from '../audit/read.ts';
import { caseIdParam, fieldErrors } from '../casework/requests.ts';
import { normalizeReference } from '../intake/reference.ts';
import { requireRole, type StaffEnv } from '../staff/access.ts';

const pageQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * The audit trail for admins: `GET /audit/cases/:id` and
 * `GET /audit/cases/by-reference/:ref` (who has seen or changed a case),
 * and `GET /audit?after=<seq>` (the whole trail, paged, with its head).
 */
export function staffAuditRoutes(db: Db) {
  return new Hono<StaffEnv>()
    .get('/audit', requireRole('admin'), async (c) => {
      const query = pageQuery.safeParse(c.req.query());
      if (!query.success) return c.json(fieldErrors(query.error.issues), 400);
      const page = await auditPage(db, query.data.after, query.data.limit);
      return c.json({ ...page, head: await readChainHead(db) });
    })
    .get('/audit/cases/by-reference/:ref', requireRole('admin'), async (c) => {
      const reference = normalizeReference(c.req.param('ref'));
      if (!reference) return c.json({ errors: [{ path: 'ref', code: 'invalid_reference' }] }, 400);
      return c.json({ reference, entries: await caseAuditTrail(db, { reference }) });
    })
    .get('/audit/cases/:id', requireRole('admin'), async (c) => {
      const params = caseIdParam.safeParse(c.req.param());
      if (!params.success) return c.json(fieldErrors(params.error.issues), 400);
      return c.json({ caseId: params.data.id, entries: await caseAuditTrail(db, { caseId: params.data.id }) });
    });
}
