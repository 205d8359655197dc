import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureSiteDir } from '../../tests/support/app.ts';
import { spawnServer, trackServers, waitHealthy } from '../../tests/support/process.ts';
import { buildSettingsFile } from '../../src/shared/retention-settings.ts';
import { buildSettingsWarnings, readBuildSettings } from './build-settings.ts';
import { loadSite } from './site.ts';

const track = trackServers();
const siteBuiltWith = (spamDays: number, closedDays: number) => {
  const dir = fixtureSiteDir();
  writeFileSync(join(dir, buildSettingsFile), JSON.stringify({ retention: { spamDays, closedDays } }));
  return dir;
};

describe('the settings the site was built with', () => {
  it('are read back from the built site, and not served to readers', () => {
    const dir = siteBuiltWith(14, 200);
    expect(readBuildSettings(dir)).toEqual({ retention: { spamDays: 14, closedDays: 200 } });
    expect(loadSite(dir).has(`/${buildSettingsFile}`)).toBe(false);
  });

  it('give no warning when the server keeps data for the periods the notice states', () => {
    expect(buildSettingsWarnings(siteBuiltWith(14, 200), { spamDays: 14, closedDays: 200 })).toEqual([]);
  });

  it('give one warning per setting that differs, naming it and both values', () => {
    const dir = siteBuiltWith(14, 200);
    expect(buildSettingsWarnings(dir, { spamDays: 14, closedDays: 90 })).toEqual([
      expect.stringMatching(/^RETENTION_CLOSED_DAYS is 90 but the privacy notice was built saying 200: rebuild/),
    ]);
    expect(buildSettingsWarnings(dir, { spamDays: 7, closedDays: 90 })).toHaveLength(2);
  });

  it('warn when the build left no record', () => {
    const dir = fixtureSiteDir();
    rmSync(join(dir, buildSettingsFile));
    expect(buildSettingsWarnings(dir, { spamDays: 30, closedDays: 365 })).toEqual([expect.stringContaining('is missing')]);
  });
});

describe('the server at start', () => {
  it('warns when its retention settings differ from those the site was built with, and starts', async () => {
    const s = track(
      await spawnServer({ SITE_DIR: siteBuiltWith(30, 365), DATA_DIR: mkdtempSync(join(tmpdir(), 'anchor-settings-')), RETENTION_CLOSED_DAYS: '90' }),
    );
    await waitHealthy(s.port);
    const warnings = s
      .output()
      .split('\n')
      .filter((line) => line.includes('"level":40') || line.includes('"level":"warn"'));
    expect(warnings.join('\n')).toContain('RETENTION_CLOSED_DAYS is 90 but the privacy notice was built saying 365');
    expect(s.output()).not.toContain('RETENTION_SPAM_DAYS is');
  }, 60_000);

  it('says nothing about them when they agree', async () => {
    const s = track(await spawnServer({ SITE_DIR: siteBuiltWith(30, 90), DATA_DIR: mkdtempSync(join(tmpdir(), 'anchor-settings-')), RETENTION_CLOSED_DAYS: '90' }));
    await waitHealthy(s.port);
    expect(s.output()).not.toMatch(/privacy notice was built saying|build-settings\.json is missing/);
  }, 60_000);
});
