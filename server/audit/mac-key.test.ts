import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditKeyError, developmentAuditKeyFile, resolveAuditKey } from './mac-key.ts';

describe('the audit key', () => {
  it('is AUDIT_MAC_KEY when set', () => {
    const key = 'k'.repeat(40);
    expect(resolveAuditKey({ nodeEnv: 'production', key, dataDir: '/nonexistent', warn: () => {} })).toEqual(Buffer.from(key));
  });

  it('is never generated in production', () => {
    expect(() => resolveAuditKey({ nodeEnv: 'production', dataDir: mkdtempSync(join(tmpdir(), 'anchor-ak-')), warn: () => {} })).toThrow(AuditKeyError);
  });

  it('is generated once into DATA_DIR in development (0600), with a warning every time it is used', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'anchor-ak-'));
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    expect(() => resolveAuditKey({ nodeEnv: 'development', dataDir, warn }, { create: false })).toThrow(/AUDIT_MAC_KEY/);
    const first = resolveAuditKey({ nodeEnv: 'development', dataDir, warn });
    const second = resolveAuditKey({ nodeEnv: 'development', dataDir, warn });
    expect(second).toEqual(first);
    expect(first.length).toBeGreaterThanOrEqual(32);
    const path = join(dataDir, developmentAuditKeyFile);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8').trim()).toBe(first.toString('utf8'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/Generated a development audit key/);
    expect(warnings[1]).toMatch(/Using the development audit key/);
  });
});
