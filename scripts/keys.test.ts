import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKeyring, resolveKeyring } from '../server/crypto/keys.ts';
import { openSealed, sealPersonalData } from '../server/crypto/seal.ts';

const keys = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(process.cwd(), 'scripts/keys.ts'), ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });

const mode = (path: string) => statSync(path).mode & 0o777;

describe('npm run keys', () => {
  it('generate writes a new keyring (0600), says where and how to make the public file, and never overwrites', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anchor-keys-'));
    const result = keys(dir, 'generate', '--out', 'staff.json');
    expect(result.status, result.stderr).toBe(0);
    const path = join(dir, 'staff.json');
    expect(result.stdout).toContain(path);
    expect(result.stdout).toContain('npm run keys -- public');
    expect(mode(path)).toBe(0o600);
    const keyring = loadKeyring(path);
    expect(keyring.keys.size).toBe(1);
    expect(keyring.hasPrivateKeys).toBe(true);
    // Nothing secret on the terminal.
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { keys: { privateKey: string }[] };
    expect(result.stdout + result.stderr).not.toContain(stored.keys[0]!.privateKey);
    const again = keys(dir, 'generate', '--out', 'staff.json');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(stored, null, 2) + '\n');
    // Without --out: intake-keyring.json in the current folder.
    expect(keys(dir, 'generate').status).toBe(0);
    expect(loadKeyring(join(dir, 'intake-keyring.json')).keys.size).toBe(1);
  });

  it('rotate adds a key and keeps the old ones, so an old case still opens', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anchor-keys-'));
    const path = join(dir, 'staff.json');
    expect(keys(dir, 'generate', '--out', path).status).toBe(0);
    const before = loadKeyring(path);
    const sealed = sealPersonalData({ name: 'old case' }, 'ABCDEFGH', before.current);
    const result = keys(dir, 'rotate', '--keyring', path);
    expect(result.status, result.stderr).toBe(0);
    const after = loadKeyring(path);
    expect(after.keys.size).toBe(2);
    expect(after.current.id).not.toBe(before.current.id);
    expect(result.stdout).toContain(after.current.id);
    expect(mode(path)).toBe(0o600);
    expect(openSealed(sealed, 'ABCDEFGH', after)).toEqual({ name: 'old case' });
  });

  it('public writes the public-only keyring that a ROLE=public host accepts, and refuses to write over the full one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anchor-keys-'));
    const path = join(dir, 'staff.json');
    const out = join(dir, 'public.json');
    expect(keys(dir, 'generate', '--out', path).status).toBe(0);
    expect(keys(dir, 'rotate', '--keyring', path).status).toBe(0);
    const result = keys(dir, 'public', '--keyring', path, '--out', out);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toContain('privateKey');
    const publicKeyring = resolveKeyring({ nodeEnv: 'production', publicKeyPath: out, dataDir: dir, warn: () => {} });
    expect(publicKeyring.hasPrivateKeys).toBe(false);
    expect(publicKeyring.current.id).toBe(loadKeyring(path).current.id);
    expect(publicKeyring.keys.size).toBe(2);
    // Exported again after a rotation: replaced.
    expect(keys(dir, 'rotate', '--keyring', path).status).toBe(0);
    expect(keys(dir, 'public', '--keyring', path, '--out', out).status).toBe(0);
    expect(loadKeyring(out).keys.size).toBe(3);
    expect(keys(dir, 'public', '--keyring', path, '--out', path).status).toBe(1);
    expect(loadKeyring(path).hasPrivateKeys).toBe(true);
  });

  it('refuses a public-only or broken keyring for rotate, and wrong usage with exit code 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anchor-keys-'));
    const path = join(dir, 'staff.json');
    expect(keys(dir, 'generate', '--out', path).status).toBe(0);
    expect(keys(dir, 'public', '--keyring', path, '--out', join(dir, 'public.json')).status).toBe(0);
    const rotatePublic = keys(dir, 'rotate', '--keyring', join(dir, 'public.json'));
    expect(rotatePublic.status).toBe(1);
    expect(rotatePublic.stderr).toContain('only public keys');
    writeFileSync(join(dir, 'broken.json'), '{"keys": [');
    expect(keys(dir, 'rotate', '--keyring', join(dir, 'broken.json')).status).toBe(1);
    expect(keys(dir).status).toBe(2);
    expect(keys(dir, 'shred').status).toBe(2);
    expect(keys(dir, 'rotate').status).toBe(2);
    expect(keys(dir, 'public', '--keyring', path).status).toBe(2);
  });
});
