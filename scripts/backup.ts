/**
 * `npm run backup -- --out DIR`: a consistent dump of the database and a
 * manifest (time, migration level, the key ids the cases are sealed to, the
 * audit head) in DIR, a new or empty folder (server/backup/backup.ts). Uses
 * the server's configuration: DATABASE_URL (pg_dump, at least the server's
 * major version; PG_DUMP names another) or the embedded database in DATA_DIR,
 * which must not be in use. Exit code 0 when the dump was written and read
 * back, 1 when not, 2 for a usage error. The keys are not in the backup:
 * back them up apart (README "Backups").
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backup } from '../server/backup/backup.ts';
import { loadEnv } from '../server/env.ts';

let out: string;
try {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  if (!values.out) throw new Error('--out is required');
  out = resolve(values.out);
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: npm run backup -- --out <new folder>`);
  process.exit(2);
}
try {
  const env = loadEnv();
  const started = performance.now();
  const manifest = await backup({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR }, out);
  const keys = Object.entries(manifest.keyIds).map(([id, n]) => `${id} (${n})`).join(', ') || 'none';
  console.log(
    `backup written to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${manifest.file.name} (${manifest.file.bytes} bytes, read back), ${manifest.cases} cases sealed to ${keys}, migration level ${manifest.migrationLevel}, audit head ${manifest.auditHead ? `${manifest.auditHead.seq}:${manifest.auditHead.mac}` : 'none'}`,
  );
} catch (error) {
  console.error(`backup failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
