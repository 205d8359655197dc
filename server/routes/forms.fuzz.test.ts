import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/support/app.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { concernFields, contactFields, fromAddress, humanMeta, sameOriginJson } from '../../tests/support/forms.ts';
import { tableCounts } from '../../tests/support/tables.ts';

const RUNS = 1_000;

// Anything JSON can say, in place of a field's value.
const anyValue = fc.oneof(fc.jsonValue(), fc.string({ maxLength: 5000 }), fc.constant(undefined));
// A value that is never an acceptance of the privacy notice.

/** Bodies that must all be refused: random JSON, and valid forms broken in random places. */
function malformedBodies(valid: Record<string, unknown>) {
  const keys = [...Object.keys(valid), 'meta', '__proto__', 'constructor'];
  const broken = fc
    .record({
      mutations: fc.array(fc.tuple(fc.constantFrom(...keys), anyValue), { maxLength: 6 }),
      // Whatever else the mutations do, the description is never a valid answer, so every body must be refused.
      description: fc.constantFrom('', '   ', null, 5, [], {}),
      meta: fc.oneof(fc.constant(humanMeta()), anyValue, fc.record({ locale: fc.string(), website: anyValue, startedAt: anyValue, sentAt: anyValue })),
    })
    .map(({ mutations, description, meta }) => {
      const body: Record<string, unknown> = { ...valid, meta };
      for (const [key, value] of mutations) body[key] = value;
      body.description = description;
      return JSON.stringify(body);
    });
  return fc.oneof(
    broken,
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 300 }),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  );
}

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`malformed submissions on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(kind);
    });
    afterAll(() => t.close());

    for (const [form, valid] of [
      ['contact', contactFields()],
      ['concern', concernFields()],
    ] as const) {
      it(`answers ${RUNS} malformed ${form} bodies with a 4xx JSON error, never a 5xx, and changes nothing`, async () => {
        const before = await tableCounts(t.database.handle);
        let sent = 0;
        await fc.assert(
          fc.asyncProperty(malformedBodies(valid as Record<string, unknown>), async (body) => {
            sent++;
            const res = await t.app.request(`/api/forms/${form}`, { method: 'POST', headers: sameOriginJson, body }, fromAddress('127.0.9.9'));
            expect(res.status).toBeGreaterThanOrEqual(400);
            expect(res.status).toBeLessThan(500);
            expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
            const json = (await res.json()) as { errors?: unknown[]; error?: string };
            expect(Array.isArray(json.errors) || typeof json.error === 'string').toBe(true);
          }),
          { numRuns: RUNS },
        );
        expect(sent).toBeGreaterThanOrEqual(RUNS);
        expect(await tableCounts(t.database.handle)).toEqual(before);
      }, 120_000);
    }
  });
}
