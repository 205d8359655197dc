/**
 * Runs `npm audit` for the production dependencies when the registry answers
 * its advisory request, and says plainly when it does not (this build
 * machine's registry refuses it). The lock file is checked against
 * security/minimum-versions.json by a unit test either way.
 */
import { spawnSync } from 'node:child_process';

const result = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8', timeout: 60_000 });
const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
if (result.error || /audit endpoint returned an error|ENOTFOUND|ECONNREFUSED|405 Method Not Allowed|EAI_AGAIN/.test(output)) {
  console.log('npm audit: SKIPPED, the registry did not answer the advisory request; the lock file was checked against security/minimum-versions.json instead.');
  process.exit(0);
}
let report: { metadata?: { vulnerabilities?: Record<string, number> } } = {};
try {
  report = JSON.parse(result.stdout) as typeof report;
} catch {
  console.log('npm audit: SKIPPED, its answer could not be read.');
  process.exit(0);
}
const counts = report.metadata?.vulnerabilities ?? {};
console.log(`npm audit: ${JSON.stringify(counts)}`);
process.exit((counts.high ?? 0) + (counts.critical ?? 0) > 0 ? 1 : 0);
