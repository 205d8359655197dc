/**
 * `npm run doctor [-- --expect-split]`: lists, in one run, every missing or
 * unsafe production setting of this host (server/doctor/doctor.ts): run it
 * with the environment the server gets, on each host, before it goes live.
 * Exit code 0 when nothing is found, 1 when anything is, 2 for a usage error.
 * Never prints a secret.
 */
import { parseArgs } from 'node:util';
import { doctorProblems } from '../server/doctor/doctor.ts';
import { pgDumpMajor, serverMajor } from '../server/doctor/pg-versions.ts';
import { openFilesLimit } from '../server/http/connection-limits.ts';
import { deployment } from '../src/shared/deployment.ts';

let expectSplit: boolean;
try {
  ({ values: { 'expect-split': expectSplit = false } } = parseArgs({ options: { 'expect-split': { type: 'boolean' } } }));
} catch (error) {
  console.error(`${(error as Error).message}\nUsage: npm run doctor [-- --expect-split]`);
  process.exit(2);
}
const problems = await doctorProblems({
  source: process.env,
  deployment,
  expectSplit,
  probes: { pgDumpMajor: () => pgDumpMajor(), serverMajor, openFiles: () => openFilesLimit() },
});
if (problems.length === 0) {
  console.log(`No problem found (ROLE=${process.env.ROLE || 'all'}${expectSplit ? ', split hosts' : ''}).`);
} else {
  console.log(`${problems.length} problem${problems.length === 1 ? '' : 's'} before production:`);
  for (const line of problems) console.log(`  - ${line}`);
  process.exitCode = 1;
}
