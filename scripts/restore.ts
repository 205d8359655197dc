/**
 * `npm run restore -- --from DIR [--sink DIR ...] [--sample N]`: restores a
 * backup of `npm run backup` into an empty database (DATABASE_URL, or a new
 * DATA_DIR for the embedded one), then checks it (server/backup/restore.ts):
 * the audit chain with AUDIT_MAC_KEY (sink entries newer than the backup are
 * reported, not failed), and a sample of cases opened with INTAKE_KEYRING,
 * naming every case sealed to a key the keyring lacks. Exit code 0 when all
 * holds, 1 when the restore or a check failed, 2 for a usage error. Prints
 * references and key ids, never a case's content.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveAuditKey } from '../server/audit/mac-key.ts';
import { restore } from '../server/backup/restore.ts';
import { resolveKeyring } from '../server/crypto/keys.ts';
import { loadEnv } from '../server/env.ts';

let values;
try {
  ({ values } = parseArgs({ options: { from: { type: 'string' }, sink: { type: 'string', multiple: true }, sample: { type: 'string' } } }));
  if (!values.from) throw new Error('--from is required');
  if (values.sample !== undefined && !/^\d+$/.test(values.sample)) throw new Error('--sample must be a number');
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: npm run restore -- --from <backup folder> [--sink DIR ...] [--sample N]`);
  process.exit(2);
}
try {
  const env = loadEnv();
  const warn = (message: string) => console.error(message);
  const auditKey = resolveAuditKey({ nodeEnv: env.NODE_ENV, key: env.AUDIT_MAC_KEY, dataDir: env.DATA_DIR, warn }, { create: false });
  const keyring = resolveKeyring({ nodeEnv: env.NODE_ENV, keyringPath: env.INTAKE_KEYRING, publicKeyPath: undefined, dataDir: env.DATA_DIR, warn });
  const started = performance.now();
  const report = await restore(resolve(values.from), {
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    auditKey,
    keyring,
    sinkDirs: values.sink?.map((d) => resolve(d)),
    sample: values.sample === undefined ? undefined : Number(values.sample),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`restored ${report.cases} cases (backup of ${report.manifest.createdAt}), migration level ${report.migrationLevel}, in ${seconds} s`);
  console.log(`audit trail: ${report.audit.checked} entries checked, ${report.audit.problems.length} problem(s)`);
  for (const p of report.audit.problems) console.log(`  PROBLEM ${p}`);
  if (report.audit.newerThanBackup.length > 0) {
    console.log(`  ${report.audit.newerThanBackup.length} audit entries in the sink are newer than the backup (seq ${report.audit.newerThanBackup[0]}-${report.audit.newerThanBackup.at(-1)}): made after it, not in this restore`);
  }
  console.log(`cases opened with the keyring: ${report.sample.opened} of the sample`);
  for (const [keyId, n] of Object.entries(report.missingKeys)) console.log(`  MISSING KEY ${keyId}: ${n} case(s) sealed to it cannot be read with this keyring`);
  for (const f of report.sample.failed) console.log(`  CANNOT OPEN ${f.reference} (key ${f.keyId}): ${f.why}`);
  if (report.manifest.driver === 'postgres') console.log('next: npm run db:roles with a superuser\'s URL, to hand the objects to the owner and grant the public and staff roles');
  console.log(report.ok ? 'restore verified' : 'restore NOT verified');
  process.exitCode = report.ok ? 0 : 1;
} catch (error) {
  console.error(`restore failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
