import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSettingsFile, buildSettingsMismatch, type BuildSettings, type RetentionDays } from '../../src/shared/retention-settings.ts';

/** The settings the site in `siteDir` was built with, or undefined when the build left no readable record. */
export function readBuildSettings(siteDir: string): BuildSettings | undefined {
  const path = join(siteDir, buildSettingsFile);
  if (!existsSync(path)) return undefined;
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<BuildSettings>;
    const r = value.retention;
    return r && Number.isInteger(r.spamDays) && Number.isInteger(r.closedDays) ? { retention: { spamDays: r.spamDays, closedDays: r.closedDays } } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Warnings for the start-up log: the privacy notice states the retention
 * periods the site was built with, so a server that keeps data for another
 * period would be telling readers something untrue. The server still starts
 * (a rebuild fixes the page, and deletion follows the server's settings);
 * the warning says which setting differs and what to do.
 */
export function buildSettingsWarnings(siteDir: string, running: RetentionDays): string[] {
  const built = readBuildSettings(siteDir);
  if (!built) {
    return [`${join(siteDir, buildSettingsFile)} is missing: the site was not built by this version, so its privacy notice may state other retention periods than this server keeps; rebuild the site (npm run build)`];
  }
  return buildSettingsMismatch(built, running).map((m) => `${m}: rebuild the site with the server's settings (npm run build), or the notice states a period the server does not keep`);
}
