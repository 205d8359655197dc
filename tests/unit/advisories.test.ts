import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// npm audit cannot reach an advisory service here, so the lock file is checked
// against a committed list of minimum safe versions instead (security/minimum-versions.json).
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version?: string }> };
const policy = JSON.parse(readFileSync('security/minimum-versions.json', 'utf8')) as {
  packages: Record<string, { minimum: string }>;
  forbidden: Record<string, string>;
};

function compare(a: string, b: string): number {
  const parse = (v: string) => v.split('-')[0]!.split('.').map(Number);
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** Every installed copy of a package in the lock file (nested copies included). */
function installed(name: string): { path: string; version: string }[] {
  return Object.entries(lock.packages)
    .filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`))
    .map(([path, entry]) => ({ path, version: entry.version ?? '0.0.0' }));
}

describe('known advisories (lock file against security/minimum-versions.json)', () => {
  it('compares versions numerically', () => {
    expect(compare('4.12.34', '4.12.9')).toBeGreaterThan(0);
    expect(compare('0.45.1', '0.45.2')).toBeLessThan(0);
  });

  for (const [name, { minimum }] of Object.entries(policy.packages)) {
    it(`${name} is at least ${minimum} wherever it is installed`, () => {
      const copies = installed(name);
      expect(copies.length, `${name} is in the lock file`).toBeGreaterThan(0);
      for (const copy of copies) expect(compare(copy.version, minimum), `${copy.path}@${copy.version}`).toBeGreaterThanOrEqual(0);
    });
  }

  it('has none of the forbidden packages', () => {
    for (const name of Object.keys(policy.forbidden)) expect(installed(name), name).toEqual([]);
  });
});
