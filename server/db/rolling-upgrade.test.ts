import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../tests/support/app.ts';
import { databaseKinds, testDatabaseUrl } from '../../tests/support/databases.ts';
import { submitCase } from '../../tests/support/casework.ts';
import { fromAddress } from '../../tests/support/forms.ts';
import { expectedMigrations, MigrationLevelError, readyDatabase, requireMigrationLevel, servesLevel } from './migrate.ts';

/**
 * A rolling upgrade (docs/decisions/0016-expand-then-contract-migrations.md):
 * the new release's migration only expands, and instances of the old build
 * keep serving the database it leaves; a build whose migrations are missing
 * refuses, and its health says so.
 */
for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`a rolling upgrade on ${kind}`, () => {
    it('old instances keep serving after the next release expands the schema; an instance behind the database refuses', async () => {
      const t = await createTestApp(kind, { TRUSTED_PROXIES: '10.9.9.9' });
      try {
        const expected = expectedMigrations();
        const health = async () => {
          const res = await t.app.request('/api/health', {}, fromAddress('10.9.9.9'));
          return { status: res.status, body: (await res.json()) as { status: string; migrations: { applied: number; expected: number } } };
        };
        expect(await health()).toMatchObject({ status: 200, body: { migrations: { applied: expected, expected } } });

        // The next release's expand migration, applied by its first instance's db:migrate: a new nullable column.
        await t.database.handle.query('alter table cases add column next_release_note text');
        await t.database.handle.query('insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)', ['expand-test', Date.now() + 86_400_000]);
        // This build is now the old one: still ready, it says both levels, and it takes reports.
        expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', migrations: { applied: expected + 1, expected } } });
        expect(await requireMigrationLevel(t.database.handle)).toBe(expected + 1);
        const stored = await submitCase(t);
        expect(stored.reference).toMatch(/\S/);
        // An old instance restarting with a login that may migrate changes nothing and starts.
        expect(await readyDatabase(t.database.handle, t.database.url, { migrate: true })).toBe('migrated');
        const { rows } = await t.database.handle.query<{ n: string | number }>('select count(*) as n from drizzle.__drizzle_migrations');
        expect(Number(rows[0]!.n)).toBe(expected + 1);

        // A database behind this build (its last migration not applied): health 503, and no start without migrating.
        await t.database.handle.query("delete from drizzle.__drizzle_migrations where hash = 'expand-test' or id = (select max(id) from drizzle.__drizzle_migrations where hash <> 'expand-test')");
        expect(await health()).toMatchObject({ status: 503, body: { status: 'unavailable', migrations: { applied: expected - 1, expected } } });
        await expect(requireMigrationLevel(t.database.handle)).rejects.toBeInstanceOf(MigrationLevelError);
      } finally {
        await t.close();
      }
    }, 60_000);
  });
}

describe('servesLevel', () => {
  it('serves its own level and newer ones, never an older or unknown one', () => {
    expect([servesLevel(7, 7), servesLevel(8, 7), servesLevel(6, 7), servesLevel(null, 7)]).toEqual([true, true, false, false]);
  });
});
