import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppOn, useSubmissionLimits, type TestApp } from '../../tests/support/app.ts';
import { createEmptyPostgresDatabase, databaseKinds, testDatabaseUrl, type DatabaseKind, type TestDatabase } from '../../tests/support/databases.ts';
import { submitCase, staffCall } from '../../tests/support/casework.ts';
import { contactFields } from '../../tests/support/forms.ts';
import { signedInStaff } from '../../tests/support/staff.ts';
import { openDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { generateKeyPair, loadKeyring, parseKeyring, rotate, writeDurably } from '../crypto/keys.ts';
import { backup } from './backup.ts';
import { restore } from './restore.ts';

const dirs: string[] = [];
const tmp = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), `anchor-${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A migrated database the backup can reach: a PGlite data folder on disk, or a PostgreSQL database of its own. */
async function freshDatabase(kind: DatabaseKind): Promise<TestDatabase & { dataDir: string }> {
  const dataDir = tmp('drill-data');
  if (kind === 'pglite') {
    const handle = await openDatabase({ dataDir });
    await migrateDatabase(handle);
    return { handle, url: undefined, dataDir, drop: async () => {} };
  }
  const empty = await createEmptyPostgresDatabase();
  const handle = await openDatabase({ databaseUrl: empty.url, poolSize: 4 });
  await migrateDatabase(handle, empty.url);
  // The test closes the handle itself before the backup; drop() drops the database only.
  return { handle, url: empty.url, dataDir, drop: () => empty.drop() };
}

for (const kind of databaseKinds) {
  describe.skipIf(kind === 'postgres' && !testDatabaseUrl)(`the restore drill on ${kind}`, () => {
    it('submit, rotate the key, back up, destroy, restore, verify, read both cases in the staff app', async () => {
      // The keyring as the deployer keeps it: a file, rotated with npm run keys -- rotate.
      const keyringPath = join(tmp('drill-keys'), 'intake-keyring.json');
      writeDurably(keyringPath, { keys: [generateKeyPair(new Date(Date.now() - 60_000))] }, 0o600, true);
      const auditKey = randomBytes(32);
      const source = await freshDatabase(kind);
      await useSubmissionLimits(source);
      let t: TestApp = createAppOn(source, {}, { keyring: loadKeyring(keyringPath), auditKey });
      const before = await submitCase(t, 'contact', contactFields('Before-rotation'));
      const oldKey = loadKeyring(keyringPath).current.id;
      const rotated = rotate(keyringPath);
      expect(rotated.current.id).not.toBe(oldKey);
      t = createAppOn(source, {}, { keyring: rotated, auditKey });
      const after = await submitCase(t, 'contact', contactFields('After-rotation'));
      const staff = await signedInStaff(source.handle.db, 'intake');
      // Both read before the backup (each read is audited): the old case with the old key, still in the keyring.
      for (const c of [before, after]) expect((await staffCall(t, staff.cookie, 'GET', `/cases/${c.id}?purpose=triage`)).status).toBe(200);
      const sealedTo = async (id: string) => (await source.handle.query<{ k: string }>('select sealed_key_id as k from cases where id = $1', [id])).rows[0]!.k;
      expect([await sealedTo(before.id), await sealedTo(after.id)]).toEqual([oldKey, rotated.current.id]);
      await source.handle.close();

      const out = join(tmp('drill-backup'), 'backup');
      const manifest = await backup({ databaseUrl: source.url, dataDir: source.dataDir }, out);
      expect(manifest).toMatchObject({ driver: kind, cases: 2, keyIds: { [oldKey]: 1, [rotated.current.id]: 1 }, migrationLevel: expect.any(Number) });
      expect(manifest.auditHead?.seq).toBeGreaterThanOrEqual(2);
      // Destroy.
      if (kind === 'pglite') rmSync(source.dataDir, { recursive: true, force: true });
      else await source.drop();

      const target = kind === 'postgres' ? await createEmptyPostgresDatabase() : undefined;
      const targetDir = join(tmp('drill-restored'), 'data');
      try {
        const report = await restore(out, { databaseUrl: target?.url, dataDir: targetDir, auditKey, keyring: loadKeyring(keyringPath) });
        expect(report.audit.problems).toEqual([]);
        expect(report).toMatchObject({ ok: true, cases: 2, missingKeys: {}, sample: { failed: [] } });
        expect(report.sample.opened).toBeGreaterThanOrEqual(2);
        // Read both cases in the staff app on the restored database.
        const handle = await openDatabase(target ? { databaseUrl: target.url, poolSize: 2 } : { dataDir: targetDir });
        try {
          const restored = createAppOn({ handle, url: target?.url, drop: async () => {} }, {}, { keyring: loadKeyring(keyringPath), auditKey });
          const reader = await signedInStaff(handle.db, 'intake');
          for (const [c, marker] of [[before, 'Before-rotation'], [after, 'After-rotation']] as const) {
            const res = await staffCall(restored, reader.cookie, 'GET', `/cases/${c.id}?purpose=triage`);
            expect(res.status).toBe(200);
            expect(JSON.stringify(res.json)).toContain(marker);
          }
        } finally {
          await handle.close();
        }
        // A restore into a non-empty database is refused, and changes nothing.
        if (target) await expect(restore(out, { databaseUrl: target.url, dataDir: targetDir, auditKey, keyring: loadKeyring(keyringPath) })).rejects.toThrow(/not empty/);
        else await expect(restore(out, { databaseUrl: undefined, dataDir: targetDir, auditKey, keyring: loadKeyring(keyringPath) })).rejects.toThrow(/already holds a database/);
      } finally {
        await target?.drop();
      }

      // The same backup with a keyring that lost the old key: the case sealed to it is named.
      const newOnly = parseKeyring({ keys: (JSON.parse((await import('node:fs')).readFileSync(keyringPath, 'utf8')) as { keys: { id: string }[] }).keys.filter((k) => k.id !== oldKey) }, 'new key only');
      const second = kind === 'postgres' ? await createEmptyPostgresDatabase() : undefined;
      try {
        const report = await restore(out, { databaseUrl: second?.url, dataDir: join(tmp('drill-second'), 'data'), auditKey, keyring: newOnly });
        expect(report.ok).toBe(false);
        expect(report.missingKeys).toEqual({ [oldKey]: 1 });
        expect(report.sample.failed).toEqual([{ reference: before.reference, keyId: oldKey, why: 'the keyring lacks this key' }]);
        expect(report.sample.opened).toBeGreaterThanOrEqual(1);
      } finally {
        await second?.drop();
      }
    }, 120_000);
  });
}
