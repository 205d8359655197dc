/**
 * Builds the public site (Astro) and precompresses it. With --if-stale it
 * does nothing when dist/ was built from exactly the current sources, which
 * is what `npm start` uses. The caller's NODE_ENV is passed to the Astro
 * config as ANCHOR_BUILD_ENV (Astro forces NODE_ENV=production while building).
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const inputs = ['src', 'content', 'public', 'config', 'astro.config.mjs', 'package-lock.json'];
const stampFile = join('dist', '.build-stamp');

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

function sourceHash(): string {
  const hash = createHash('sha256');
  // PUBLIC_ORIGIN is written into canonical links and the sitemap.
  hash.update(`origin:${process.env.PUBLIC_ORIGIN ?? ''}\n`);
  // The retention periods are written into the privacy notice.
  hash.update(`retention:${process.env.RETENTION_SPAM_DAYS ?? ''},${process.env.RETENTION_CLOSED_DAYS ?? ''}\n`);
  for (const file of inputs.flatMap(files)) hash.update(`${file}\n`).update(readFileSync(file));
  return hash.digest('hex');
}

const hash = sourceHash();
if (process.argv.includes('--if-stale') && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) {
  console.log('site build is current');
  process.exit(0);
}
rmSync('dist', { recursive: true, force: true });
const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--silent'], {
  ...process.env,
  ANCHOR_BUILD_ENV: process.env.NODE_ENV ?? 'development',
  ASTRO_TELEMETRY_DISABLED: '1',
});
run(process.execPath, ['scripts/compress.ts', 'dist']);
writeFileSync(stampFile, hash);
