import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { acquireDataDirLock } from '../db/lock.ts';
import { compareWithSink, verifyAuditChain } from '../audit/verify.ts';
import { readAuditSinks } from '../audit/sink.ts';
import type { IntakeKeyring } from '../crypto/keys.ts';
import { openSealed, SealError } from '../crypto/seal.ts';
import { openPgliteDump, pgPrograms } from './backup.ts';
import { databaseFacts, readManifest, type BackupManifest } from './manifest.ts';

const run = promisify(execFile);

/** What a restore needs besides the backup: the target and the keys to check it with. */
export interface RestoreOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  auditKey: Buffer;
  keyring: IntakeKeyring;
  /** Each staff host's AUDIT_SINK_DIR (or copies): entries there newer than the backup are reported, not failed. */
  sinkDirs?: readonly string[];
  /** How many cases to open at random, besides one per key id. */
  sample?: number;
}

/** What a restore found; `ok` when the database came back whole and every sampled case opened. */
export interface RestoreReport {
  ok: boolean;
  manifest: BackupManifest;
  cases: number;
  migrationLevel: number | null;
  audit: { checked: number; problems: string[]; newerThanBackup: number[] };
  sample: { opened: number; failed: { reference: string; keyId: string; why: string }[] };
  /** Key ids cases are sealed to whose private key the keyring lacks, with how many cases each. */
  missingKeys: Record<string, number>;
}

async function requireEmptyPostgres(databaseUrl: string): Promise<void> {
  const database = await openDatabase({ databaseUrl, poolSize: 1 });
  try {
    const { rows } = await database.query<{ n: string | number }>(
      "select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_temp%' and n.nspname not like 'pg_toast_temp%' and c.relkind in ('r', 'p', 'v', 'm', 'S')",
    );
    if (Number(rows[0]?.n ?? 0) > 0) throw new Error('the target database is not empty: restore into a new, empty database (createdb), never over a live one');
  } finally {
    await database.close();
  }
}

/**
 * Restores a backup (server/backup/backup.ts) into an empty database, then
 * checks it: the cases and the audit head are the manifest's, the audit
 * chain verifies up to the manifest's head (entries in the sinks after it are
 * newer than the backup: reported, not failed), and a sample of cases, one
 * per key id at least, opens with the configured keyring. Every case sealed
 * to a key the keyring lacks is named by reference.
 *
 * PostgreSQL: `pg_restore --no-owner --no-acl` as the login given, so that
 * the dump restores whichever roles the new cluster has; run `npm run
 * db:roles` afterwards to hand the objects to the owner and grant the public
 * and staff roles again. PGlite: the data folder must hold no database yet.
 */
export async function restore(from: string, options: RestoreOptions): Promise<RestoreReport> {
  const manifest = readManifest(from);
  const file = join(from, manifest.file.name);
  let database: DatabaseHandle;
  let release = () => {};
  if (manifest.driver === 'postgres') {
    if (!options.databaseUrl) throw new Error('this backup is of PostgreSQL: set DATABASE_URL to a new, empty database');
    await requireEmptyPostgres(options.databaseUrl);
    await run(pgPrograms().restore, ['--exit-on-error', '--no-owner', '--no-acl', `--dbname=${options.databaseUrl}`, file], { maxBuffer: 64 * 1024 * 1024 });
    database = await openDatabase({ databaseUrl: options.databaseUrl, poolSize: 2 });
  } else {
    if (options.databaseUrl) throw new Error('this backup is of the embedded database (PGlite): unset DATABASE_URL and set DATA_DIR to a new folder');
    if (existsSync(join(options.dataDir, 'pglite'))) throw new Error(`${options.dataDir} already holds a database: restore into a new DATA_DIR`);
    release = acquireDataDirLock(options.dataDir, 'npm run restore');
    try {
      database = await openPgliteDump(file, options.dataDir);
    } catch (error) {
      release();
      throw error;
    }
  }
  try {
    const facts = await databaseFacts(database);
    const problems: string[] = [];
    if (facts.cases !== manifest.cases) problems.push(`the restored database has ${facts.cases} cases, the manifest ${manifest.cases}`);
    if (facts.auditHead?.seq !== manifest.auditHead?.seq || facts.auditHead?.mac !== manifest.auditHead?.mac) {
      problems.push(`the restored audit head is ${facts.auditHead ? `${facts.auditHead.seq}` : 'none'}, the manifest's ${manifest.auditHead ? `${manifest.auditHead.seq}` : 'none'}`);
    }
    const chain = await verifyAuditChain(database.db, options.auditKey, manifest.auditHead ?? undefined);
    problems.push(...chain.problems.map((p) => `${p.kind} seq ${p.seq}: ${p.message}`));
    const newerThanBackup: number[] = [];
    if (options.sinkDirs?.length) {
      const headSeq = manifest.auditHead?.seq ?? 0;
      for (const p of await compareWithSink(database.db, await readAuditSinks(options.sinkDirs))) {
        // Made after the backup: lost with the database unless written again, but not a sign of tampering.
        if (p.kind === 'missing' && p.seq !== null && p.seq > headSeq) newerThanBackup.push(p.seq);
        else problems.push(p.message);
      }
    }

    const missingKeys: Record<string, number> = {};
    for (const [keyId, count] of Object.entries(facts.keyIds)) {
      if (!options.keyring.keys.get(keyId)?.privateKey) missingKeys[keyId] = count;
    }
    const failed: RestoreReport['sample']['failed'] = [];
    let opened = 0;
    // One case per key id, then a random sample; every case of a missing key is named.
    const { rows } = await database.query<{ reference: string; sealed_key_id: string; sealed_ephemeral_key: Buffer; sealed_nonce: Buffer; sealed_ciphertext: Buffer }>(
      `(select distinct on (sealed_key_id) reference, sealed_key_id, sealed_ephemeral_key, sealed_nonce, sealed_ciphertext from cases order by sealed_key_id, random())
       union all
       (select reference, sealed_key_id, sealed_ephemeral_key, sealed_nonce, sealed_ciphertext from cases order by random() limit $1)`,
      [options.sample ?? 20],
    );
    for (const row of rows) {
      if (missingKeys[row.sealed_key_id] !== undefined) continue;
      try {
        openSealed({ keyId: row.sealed_key_id, ephemeralPublicKey: Buffer.from(row.sealed_ephemeral_key), nonce: Buffer.from(row.sealed_nonce), ciphertext: Buffer.from(row.sealed_ciphertext) }, row.reference, options.keyring);
        opened += 1;
      } catch (error) {
        if (!(error instanceof SealError)) throw error;
        failed.push({ reference: row.reference, keyId: row.sealed_key_id, why: error.code });
      }
    }
    if (Object.keys(missingKeys).length > 0) {
      const { rows: lost } = await database.query<{ reference: string; sealed_key_id: string }>(
        'select reference, sealed_key_id from cases where sealed_key_id = any($1::text[]) order by reference',
        [Object.keys(missingKeys)],
      );
      for (const row of lost) failed.push({ reference: row.reference, keyId: row.sealed_key_id, why: 'the keyring lacks this key' });
    }
    return {
      ok: problems.length === 0 && failed.length === 0,
      manifest,
      cases: facts.cases,
      migrationLevel: facts.migrationLevel,
      audit: { checked: chain.checked, problems, newerThanBackup },
      sample: { opened, failed },
      missingKeys,
    };
  } finally {
    await database.close();
    release();
  }
}
