/**
 * `npm run audit:verify [-- --head <seq>:<mac>] [--sink DIR ...]`: recomputes
 * the audit trail's MAC chain and names every entry that was altered,
 * inserted or removed. With `--head` (the last "audit chain head" line of the
 * application log) it also notices entries cut off the end. With `--sink`
 * (each staff host's AUDIT_SINK_DIR, or copies of them) it merges every
 * host's sink file and names each entry the database lacks or holds with
 * another MAC, the last minutes before a cut included. Exit code 0 when
 * the trail is whole, 1 when it is not, 2 when it could not be checked.
 * Uses the server's configuration: DATABASE_URL (or the embedded database in
 * DATA_DIR, which must not be in use) and AUDIT_MAC_KEY (or the development key).
 */
import { parseArgs } from 'node:util';
import { resolveAuditKey } from '../server/audit/mac-key.ts';
import { readAuditSinks } from '../server/audit/sink.ts';
import { compareWithSink, parseHead, verifyAuditChain } from '../server/audit/verify.ts';
import { openDatabase } from '../server/db/client.ts';
import { acquireDataDirLock } from '../server/db/lock.ts';
import { loadEnv } from '../server/env.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let args;
try {
  // `--sink A B` as well as `--sink A --sink B`: each word after --sink, up to the next option, is a directory.
  const argv: string[] = [];
  let inSink = false;
  for (const word of process.argv.slice(2)) {
    if (word.startsWith('--')) inSink = word === '--sink';
    else if (inSink && argv.at(-1) !== '--sink') argv.push('--sink');
    argv.push(word);
  }
  args = parseArgs({ args: argv, options: { head: { type: 'string' }, sink: { type: 'string', multiple: true } }, allowPositionals: false });
} catch (error) {
  fail(`${(error as Error).message}\nUsage: npm run audit:verify [-- --head <seq>:<mac>] [--sink DIR ...]`);
}
let sink;
try {
  sink = args.values.sink ? await readAuditSinks(args.values.sink) : undefined;
} catch (error) {
  fail(`could not read the audit sink: ${(error as Error).message}`);
}
const head = args.values.head === undefined ? undefined : parseHead(args.values.head);
if (args.values.head !== undefined && !head) fail('--head must be <seq>:<mac>, as in the log line "audit chain head"');

let env;
let key;
try {
  env = loadEnv();
  key = resolveAuditKey({ nodeEnv: env.NODE_ENV, key: env.AUDIT_MAC_KEY, dataDir: env.DATA_DIR, warn: (m) => console.error(m) }, { create: false });
} catch (error) {
  fail((error as Error).message);
}

let release = () => {};
let database;
try {
  if (!env.DATABASE_URL) release = acquireDataDirLock(env.DATA_DIR, 'npm run audit:verify');
  database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, poolSize: 1 });
} catch (error) {
  release();
  fail((error as Error).message);
}
try {
  const report = await verifyAuditChain(database.db, key, head);
  for (const problem of report.problems) console.log(`${problem.kind.toUpperCase()} seq ${problem.seq}: ${problem.message}`);
  const sinkProblems = sink ? await compareWithSink(database.db, sink) : [];
  for (const problem of sinkProblems) console.log(`${problem.kind.toUpperCase()}${problem.seq === null ? '' : ` seq ${problem.seq}`}: ${problem.message}`);
  const last = report.last ? `${report.last.seq}:${report.last.mac}` : 'none (empty trail)';
  const against = sink ? `; ${sink.entries.size} sink entries from ${sink.files.length} file(s) compared` : '';
  const problems = report.problems.length + sinkProblems.length;
  if (problems === 0) console.log(`audit trail verified: ${report.checked} entries; head ${last}${against}`);
  else console.log(`audit trail NOT intact: ${problems} problem(s) in ${report.checked} entries; head ${last}${against}`);
  process.exitCode = problems === 0 ? 0 : 1;
} catch (error) {
  console.error(`could not verify the audit trail: ${(error as Error).message}`);
  process.exitCode = 2;
} finally {
  await database.close();
  release();
}
