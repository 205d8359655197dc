import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { daysText } from '../../src/components/notice-placeholders.tsx';

// The privacy notice and the accessibility statement as built, checked against the
// reviewers' checklist (docs/privacy-checklist.md): the officers sign the checklist
// off, so every section it names must be on the fi, sv and en pages, and every
// section on those pages must be in it.

const languages = ['fi', 'sv', 'en'] as const;

function build(outDir: string, env: Record<string, string | undefined>) {
  const clean = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ANCHOR_BUILD_ENV: 'test', RETENTION_SPAM_DAYS: undefined, RETENTION_CLOSED_DAYS: undefined, ...env };
  return spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--silent', '--outDir', outDir], { env: clean, encoding: 'utf8' });
}

/** The checklist's rows that name a section: `privacy#controllers`. */
function checklistSections(): { page: string; id: string; item: string }[] {
  const text = readFileSync('docs/privacy-checklist.md', 'utf8');
  return text
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .flatMap((line) => {
      const cells = line.split(' | ');
      const match = /^`(privacy|accessibility)#([a-z][\w-]*)`$/.exec(cells[2]?.trim() ?? '');
      return match ? [{ page: match[1]!, id: match[2]!, item: cells[0]!.slice(2) }] : [];
    });
}

/** The article's h2 sections of a built page: id to the text up to the next h2. */
function sections(html: string): Map<string, string> {
  const article = /<article>([\s\S]*)<\/article>/.exec(html)?.[1] ?? '';
  const out = new Map<string, string>();
  const parts = article.split(/(?=<h2[\s>])/);
  for (const part of parts) {
    const id = /^<h2 id="([^"]+)"/.exec(part)?.[1];
    if (id) out.set(id, part.replace(/<[^>]+>/g, ' ').replace(/&nbsp;|\s+/g, ' ').trim());
  }
  return out;
}

const read = (dir: string, lang: string, page: string) => readFileSync(join(dir, lang, page, 'index.html'), 'utf8');

describe('the privacy notice and the accessibility statement, as built', () => {
  const standard = mkdtempSync(join(tmpdir(), 'anchor-notice-a-'));
  const changed = mkdtempSync(join(tmpdir(), 'anchor-notice-b-'));

  beforeAll(() => {
    for (const [dir, env] of [
      [standard, {}],
      [changed, { RETENTION_SPAM_DAYS: '11', RETENTION_CLOSED_DAYS: '222' }],
    ] as const) {
      const result = build(dir, env);
      expect(result.status, result.stderr + result.stdout).toBe(0);
    }
  }, 600_000);

  it('has, in fi, sv and en, a section with content for every item of the checklist, and no section the checklist leaves out', () => {
    const named = checklistSections();
    expect(named.filter((n) => n.page === 'privacy').length).toBeGreaterThanOrEqual(15);
    expect(named.filter((n) => n.page === 'accessibility').length).toBeGreaterThanOrEqual(6);
    for (const page of ['privacy', 'accessibility']) {
      const ids = new Set(named.filter((n) => n.page === page).map((n) => n.id));
      for (const lang of languages) {
        const found = sections(read(standard, lang, page));
        for (const n of named.filter((x) => x.page === page)) {
          expect(found.get(n.id)?.length ?? 0, `${lang}/${page}#${n.id} (${n.item})`).toBeGreaterThan(80);
        }
        // Every section of the page is reviewed: none that the checklist does not name.
        expect([...found.keys()].filter((id) => !ids.has(id)), `${lang}/${page}`).toEqual([]);
        // Nothing was left unfilled.
        expect(read(standard, lang, page)).not.toMatch(/\{\{|\{#/);
      }
    }
  });

  it('names each controller with its contact and data protection officer, and the Data Protection Ombudsman, from the config', () => {
    const config = JSON.parse(readFileSync('config/deployment.json', 'utf8')) as {
      controllers: { name: Record<string, string>; contact: { email: string }; dataProtectionOfficer: { email: string } }[];
      dataProtectionSupervisor: { name: Record<string, string>; url: string };
    };
    for (const lang of languages) {
      const controllers = sections(read(standard, lang, 'privacy')).get('controllers')!;
      for (const c of config.controllers) {
        expect(controllers).toContain(c.name[lang]!);
        expect(controllers).toContain(c.contact.email);
        expect(controllers).toContain(c.dataProtectionOfficer.email);
      }
      const complaint = read(standard, lang, 'privacy');
      expect(complaint).toContain(`href="${config.dataProtectionSupervisor.url}"`);
      expect(sections(complaint).get('complaint')).toContain(config.dataProtectionSupervisor.name[lang]!);
    }
  });

  it('states the retention periods the build was given, and records them for the server', () => {
    for (const lang of languages) {
      const before = sections(read(standard, lang, 'privacy')).get('retention')!;
      const after = sections(read(changed, lang, 'privacy')).get('retention')!;
      expect(before).toContain(daysText(30, lang));
      expect(before).toContain(daysText(365, lang));
      expect(after).toContain(daysText(11, lang));
      expect(after).toContain(daysText(222, lang));
      expect(after).not.toContain(daysText(30, lang));
      expect(after).not.toContain(daysText(365, lang));
    }
    expect(JSON.parse(readFileSync(join(standard, 'build-settings.json'), 'utf8'))).toEqual({ retention: { spamDays: 30, closedDays: 365 } });
    expect(JSON.parse(readFileSync(join(changed, 'build-settings.json'), 'utf8'))).toEqual({ retention: { spamDays: 11, closedDays: 222 } });
  });

  it('refuses to build with a retention setting the server would refuse too', () => {
    const result = build(mkdtempSync(join(tmpdir(), 'anchor-notice-c-')), { RETENTION_CLOSED_DAYS: 'a year' });
    expect(result.status).not.toBe(0);
    expect(result.stderr + result.stdout).toContain('RETENTION_CLOSED_DAYS: must be a whole number of days');
  });

  it('refuses a production build while the controllers are examples, naming the fields', () => {
    const result = build(mkdtempSync(join(tmpdir(), 'anchor-notice-d-')), { ANCHOR_BUILD_ENV: 'production' });
    expect(result.status).not.toBe(0);
    const output = result.stderr + result.stdout;
    expect(output).toContain('"example" is true');
    expect(output).toContain('controllers[0].contact.email is still a sample value');
    expect(output).toContain('controllers[1].dataProtectionOfficer.email is still a sample value');
  });
});
