import type { Db } from '../../server/db/client.ts';
import { cases } from '../../server/db/schema/cases.ts';
import { newReference } from '../../server/intake/reference.ts';
import type { TestApp } from './app.ts';
import { concernFields, contactFields, fromAddress, humanMeta, sameOriginJson } from './forms.ts';

let nextAddress = 10;
/** A distinct client address per submission, so the per-client rate limit stays out of the way. */
// Each its own /24, so the wide-network limit stays out of tests that are not about it.
const someClient = () => fromAddress(`10.${Math.floor(nextAddress / 250) + 10}.${nextAddress++ % 250}.2`);

/** Submits a form through the public API as a person would; returns the case's reference and id. */
export async function submitCase(
  t: TestApp,
  kind: 'contact' | 'concern' = 'contact',
  fields: Record<string, unknown> = kind === 'contact' ? contactFields() : concernFields(),
  meta: Record<string, unknown> = humanMeta(),
): Promise<{ reference: string; id: string }> {
  const res = await t.app.request(`/api/forms/${kind}`, { method: 'POST', headers: sameOriginJson, body: JSON.stringify({ ...fields, meta }) }, someClient());
  if (res.status !== 201) throw new Error(`submission failed: ${res.status} ${await res.text()}`);
  const { reference } = (await res.json()) as { reference: string };
  const { rows } = await t.database.handle.query<{ id: string }>('select id from cases where reference = $1', [reference]);
  return { reference, id: rows[0]!.id };
}

/** A staff API request with a session cookie; JSON in and out. */
export async function staffCall(t: TestApp, cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> & { errors?: { path: string; code: string }[] } }> {
  const res = await t.app.request(`/api/staff${path}`, {
    method,
    headers: { ...sameOriginJson, Cookie: cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The current version of a case, straight from the database. */
export async function caseVersion(t: TestApp, id: string): Promise<number> {
  const { rows } = await t.database.handle.query<{ version: number }>('select version from cases where id = $1', [id]);
  return Number(rows[0]!.version);
}

/** A case row written straight to the database (sealed columns are dummies: not for opening). */
export type CaseSeed = Partial<typeof cases.$inferInsert>;

/** Inserts cases directly, fast, for list, statistics and retention tests; returns their ids. */
export async function insertCases(db: Db, seeds: CaseSeed[]): Promise<string[]> {
  if (seeds.length === 0) return [];
  const now = new Date();
  const rows = await db
    .insert(cases)
    .values(
      seeds.map((seed) => ({
        reference: newReference(),
        kind: 'contact',
        locale: 'fi',
        status: 'new',
        writer: 'parent',
        categories: ['other'],
        ageBand: '12-14',
        urgency: 'normal',
        proposedQueue: 'social-work',
        priority: 3,
        dueAt: new Date(now.getTime() + 7 * 86_400_000),
        sealedKeyId: 'k-test',
        sealedEphemeralKey: Buffer.alloc(32),
        sealedNonce: Buffer.alloc(12),
        sealedCiphertext: Buffer.alloc(16),
        createdAt: now,
        updatedAt: now,
        ...seed,
      })),
    )
    .returning({ id: cases.id });
  return rows.map((r) => r.id);
}
