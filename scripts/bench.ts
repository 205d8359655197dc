/**
 * `npm run bench`: the byte report of every page (HTML, CSS, JS; raw and
 * gzip) against the budgets, then the timing benchmarks (the flood
 * challenge's solve time in Chromium, submissions at
 * fixed rates, the staff queue with 100,000 cases, a mixed load of 60 s),
 * which need PostgreSQL (TEST_DATABASE_URL or BENCH_DATABASE_URL, default
 * the local server). `npm run bench -- --bytes` stops after the bytes.
 * Exits non-zero when a budget is exceeded.
 */
import { spawnSync } from 'node:child_process';
import { budgetFailures, budgets, measureSite } from './lib/page-bytes.ts';

const build = spawnSync(process.execPath, ['scripts/build.ts', '--if-stale'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const pages = measureSite('dist');
const kb = (n: number) => (n / 1000).toFixed(1).padStart(6);
console.log('\nBytes per page (KB; gzip in brackets)');
console.log(`${'page'.padEnd(34)} ${'HTML'.padStart(15)} ${'CSS'.padStart(15)} ${'JS'.padStart(15)}`);
for (const p of pages) {
  const cell = (b: { raw: number; gzip: number }) => `${kb(b.raw)} [${kb(b.gzip)}]`;
  console.log(`${p.path.padEnd(34)} ${cell(p.html)} ${cell(p.css)} ${cell(p.js)}`);
}
console.log(
  `\nBudgets: content page HTML+CSS <= ${budgets.contentHtmlCssGzip} B gzip, content JS <= ${budgets.contentJsGzip} B gzip, form page JS <= ${budgets.formJsGzip} B gzip`,
);
const failures = budgetFailures(pages);
if (failures.length) {
  console.error(`OVER BUDGET:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log(`all ${pages.length} pages within budget`);
}

if (!process.argv.includes('--bytes')) {
  for (const bench of ['scripts/bench/proof.ts', 'scripts/bench/submissions.ts', 'scripts/bench/queue.ts', 'scripts/bench/mixed.ts']) {
    const run = spawnSync(process.execPath, [bench], { stdio: 'inherit' });
    if (run.status !== 0) process.exitCode = 1;
  }
}
