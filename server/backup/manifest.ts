import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseHandle } from '../db/client.ts';
import { appliedMigrations } from '../db/migrate.ts';
import { readChainHead } from '../audit/head.ts';

/** The manifest's file name in a backup folder. */
export const manifestFile = 'manifest.json';

/** What a backup holds and what its restore must find again. */
export interface BackupManifest {
  format: 1;
  /** When the dump was taken (ISO 8601). */
  createdAt: string;
  driver: 'postgres' | 'pglite';
  /** The dump's file name in the folder, its size and SHA-256. */
  file: { name: string; bytes: number; sha256: string };
  /** pg_dump's and the server's major versions (PostgreSQL). */
  versions?: { pgDump: number; server: number };
  migrationLevel: number | null;
  cases: number;
  /** The intake key ids the stored cases are sealed to, with how many each: the keyring must hold their private keys. */
  keyIds: Record<string, number>;
  /** The audit trail's last entry at the backup; entries after it (in a sink) are newer than the backup. */
  auditHead: { seq: number; mac: string } | null;
}

/** The facts a manifest records about the database, read from it. */
export async function databaseFacts(database: DatabaseHandle): Promise<Pick<BackupManifest, 'migrationLevel' | 'cases' | 'keyIds' | 'auditHead'>> {
  const { rows } = await database.query<{ id: string; n: string | number }>('select sealed_key_id as id, count(*) as n from cases group by sealed_key_id order by sealed_key_id');
  const keyIds = Object.fromEntries(rows.map((r) => [r.id, Number(r.n)]));
  return {
    migrationLevel: await appliedMigrations(database),
    cases: Object.values(keyIds).reduce((a, b) => a + b, 0),
    keyIds,
    auditHead: await readChainHead(database.db),
  };
}

/** SHA-256 of a file, hex. */
export function fileDigest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Writes the manifest (last, so that a folder with a manifest holds a finished backup). */
export function writeManifest(dir: string, manifest: BackupManifest): void {
  writeFileSync(join(dir, manifestFile), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
}

/** Reads a backup's manifest and checks its dump against the recorded size and digest. */
export function readManifest(dir: string): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, manifestFile), 'utf8')) as BackupManifest;
  } catch (error) {
    throw new Error(`${join(dir, manifestFile)} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'not JSON'}`);
  }
  if (manifest.format !== 1) throw new Error(`${join(dir, manifestFile)}: unknown format ${String(manifest.format)}`);
  const digest = fileDigest(join(dir, manifest.file.name));
  if (digest !== manifest.file.sha256) throw new Error(`${manifest.file.name} does not match the manifest's SHA-256: the dump was changed or cut`);
  return manifest;
}
