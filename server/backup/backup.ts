import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../db/client.ts';
import { acquireDataDirLock } from '../db/lock.ts';
import { pgDumpMajor, serverMajor } from '../doctor/pg-versions.ts';
import { databaseFacts, fileDigest, writeManifest, type BackupManifest } from './manifest.ts';

const run = promisify(execFile);

/** The programs, from PG_DUMP and PG_RESTORE or PATH. */
export const pgPrograms = () => ({ dump: process.env.PG_DUMP ?? 'pg_dump', restore: process.env.PG_RESTORE ?? 'pg_restore' });

/** Where the backup comes from: the server's own configuration. */
export interface BackupSource {
  databaseUrl: string | undefined;
  dataDir: string;
}

/** The PGlite dump's file name: its data folder as a gzipped tar. */
export const pgliteDumpFile = 'pglite-datadir.tar.gz';
/** The PostgreSQL dump's file name: pg_dump's custom format. */
export const postgresDumpFile = 'database.dump';

function emptyFolder(out: string): void {
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    throw new Error(`${out} is not an empty folder: each backup goes to a new one`);
  }
  mkdirSync(out, { recursive: true, mode: 0o700 });
}

/**
 * Writes a consistent dump of the database and its manifest to `out` (a new
 * or empty folder), then reads the dump back; throws when anything fails.
 *
 * PostgreSQL: `pg_dump --format=custom` (one snapshot of the whole database),
 * refused when pg_dump is older than the server; the read-back is
 * `pg_restore --list`, which must list the cases' data. PGlite: the data
 * folder's lock is taken first (the server must be stopped, as for every
 * tool that opens PGlite), its own dump (`dumpDataDir`), and the read-back
 * opens the dump in memory and counts the cases again.
 */
export async function backup(source: BackupSource, out: string): Promise<BackupManifest> {
  emptyFolder(out);
  const createdAt = new Date().toISOString();
  if (source.databaseUrl) {
    const programs = pgPrograms();
    const [dump, server] = [await pgDumpMajor(programs.dump), await serverMajor(source.databaseUrl)];
    if (dump === undefined) throw new Error(`${programs.dump} cannot be run: install pg_dump ${server} or later, or set PG_DUMP`);
    if (dump < server) throw new Error(`pg_dump ${dump} is older than the server (${server}): install pg_dump ${server} or later, or set PG_DUMP`);
    const database = await openDatabase({ databaseUrl: source.databaseUrl, poolSize: 1 });
    let facts;
    try {
      facts = await databaseFacts(database);
    } finally {
      await database.close();
    }
    const file = join(out, postgresDumpFile);
    await run(programs.dump, ['--format=custom', '--no-password', `--file=${file}`, source.databaseUrl], { maxBuffer: 64 * 1024 * 1024 });
    // Read back: the archive's table of contents must open and name the cases' data.
    const { stdout } = await run(programs.restore, ['--list', file], { maxBuffer: 64 * 1024 * 1024 });
    if (!/TABLE DATA public cases /.test(stdout)) throw new Error(`${file} was written but reading it back found no data of the cases table`);
    const manifest: BackupManifest = {
      format: 1,
      createdAt,
      driver: 'postgres',
      file: { name: postgresDumpFile, bytes: statSync(file).size, sha256: fileDigest(file) },
      versions: { pgDump: dump, server },
      ...facts,
    };
    writeManifest(out, manifest);
    return manifest;
  }
  const release = acquireDataDirLock(source.dataDir, 'npm run backup');
  try {
    const database = await openDatabase({ dataDir: source.dataDir });
    let facts;
    let tarball: Blob;
    try {
      facts = await databaseFacts(database);
      tarball = await database.dumpDataDir!();
    } finally {
      await database.close();
    }
    const file = join(out, pgliteDumpFile);
    writeFileSync(file, Buffer.from(await tarball.arrayBuffer()), { mode: 0o600 });
    const readBack = await openPgliteDump(file);
    try {
      const again = await databaseFacts(readBack);
      if (again.cases !== facts.cases || again.auditHead?.seq !== facts.auditHead?.seq) {
        throw new Error(`${file} was written but reading it back found ${again.cases} cases, not ${facts.cases}`);
      }
    } finally {
      await readBack.close();
    }
    const manifest: BackupManifest = { format: 1, createdAt, driver: 'pglite', file: { name: pgliteDumpFile, bytes: statSync(file).size, sha256: fileDigest(file) }, ...facts };
    writeManifest(out, manifest);
    return manifest;
  } finally {
    release();
  }
}

/** A PGlite dump opened in `dataDir` (in memory for the read-back check; the new data folder for a restore). */
export async function openPgliteDump(file: string, dataDir = 'memory://') {
  return openDatabase({ dataDir, loadDataDir: new Blob([readFileSync(file)]) });
}
