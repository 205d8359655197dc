import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backup } from '../../server/backup/backup.ts';
import { restore } from '../../server/backup/restore.ts';
import { generateKeyPair } from '../../server/crypto/keys.ts';
import { sealPersonalData } from '../../server/crypto/seal.ts';
import { openDatabase } from '../../server/db/client.ts';
import { migrateDatabase } from '../../server/db/migrate.ts';
import { newReference } from '../../server/intake/reference.ts';
import { withAudit } from '../../server/audit/record.ts';
import { createEmptyPostgresDatabase, testDatabaseUrl } from '../support/databases.ts';
import { insertCases } from '../support/casework.ts';
import { keyringFrom } from '../support/app.ts';

const caseCount = 10_000;

/**
 * The restore drill at size, on PostgreSQL: 10,000 sealed cases and an audit
 * trail, backed up, dropped, restored into an empty database and checked
 * (audit chain, a sample opened with the keyring). Prints the times (README
 * "Backups"); fails if the restore does not verify.
 */
describe.skipIf(!testDatabaseUrl)('the restore drill with 10,000 cases on PostgreSQL', () => {
  it('backs up, restores and verifies 10,000 cases', async () => {
    const keyring = keyringFrom(generateKeyPair());
    const auditKey = randomBytes(32);
    const source = await createEmptyPostgresDatabase();
    const target = await createEmptyPostgresDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'anchor-restore-slow-'));
    try {
      const handle = await openDatabase({ databaseUrl: source.url, poolSize: 4 });
      await migrateDatabase(handle, source.url);
      for (let done = 0; done < caseCount; done += 1_000) {
        await insertCases(
          handle.db,
          Array.from({ length: 1_000 }, (_, i) => {
            const reference = newReference();
            const sealed = sealPersonalData({ description: `Case ${done + i}`, contact: { email: `case${done + i}@example.invalid` } }, reference, keyring.current);
            return { reference, sealedKeyId: sealed.keyId, sealedEphemeralKey: sealed.ephemeralPublicKey, sealedNonce: sealed.nonce, sealedCiphertext: sealed.ciphertext };
          }),
        );
      }
      // An audit trail of 1,000 entries, as reads of cases would leave.
      for (let i = 0; i < 10; i += 1) {
        await withAudit(handle.db, { key: auditKey }, async (tx, append) => {
          for (let j = 0; j < 100; j += 1) await append(tx, { actorId: null, action: 'view', caseId: null, caseReference: null, purpose: 'triage', detail: {} }, new Date());
        });
      }
      await handle.close();

      const out = join(dir, 'backup');
      let started = performance.now();
      const manifest = await backup({ databaseUrl: source.url, dataDir: dir }, out);
      const backupSeconds = (performance.now() - started) / 1000;
      expect(manifest.cases).toBe(caseCount);
      await source.drop();

      started = performance.now();
      const report = await restore(out, { databaseUrl: target.url, dataDir: dir, auditKey, keyring, sample: 100 });
      const restoreSeconds = (performance.now() - started) / 1000;
      expect(report.audit.problems).toEqual([]);
      expect(report).toMatchObject({ ok: true, cases: caseCount, missingKeys: {}, sample: { failed: [] } });
      expect(report.audit.checked).toBe(1_000);
      console.log(
        `restore drill, PostgreSQL: ${caseCount} cases, ${report.audit.checked} audit entries, dump ${(manifest.file.bytes / 1e6).toFixed(1)} MB; backup ${backupSeconds.toFixed(1)} s, restore with verification ${restoreSeconds.toFixed(1)} s (${report.sample.opened} cases opened)`,
      );
    } finally {
      await source.drop().catch(() => {});
      await target.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
