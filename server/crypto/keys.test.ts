import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ensureDevelopmentKeyring,
  generateKeyPair,
  KeyringError,
  loadKeyring,
  parseKeyring,
  publicKeyringFile,
  publicOnly,
  resolveKeyring,
  rotate,
  type KeyringFile,
  type StoredKey,
} from './keys.ts';
import { openSealed, sealPersonalData } from './seal.ts';

const posix = process.platform !== 'win32';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anchor-keys-'));
  made.push(dir);
  return dir;
}

function writeKeyring(file: KeyringFile, dir = tempDir()): string {
  const path = join(dir, 'keyring.json');
  writeFileSync(path, JSON.stringify(file), { mode: 0o600 });
  return path;
}

function collectWarnings(): { warn: (message: string) => void; messages: string[] } {
  const messages: string[] = [];
  return { warn: (message) => messages.push(message), messages };
}

const day1 = new Date('2026-11-26T09:00:00Z');
const day2 = new Date('2027-05-26T09:00:00Z');

describe('generateKeyPair', () => {
  it('makes an X25519 pair with a dated id and a PKCS#8 private key', () => {
    const key = generateKeyPair(day1);
    expect(key.id).toMatch(/^k-2026-11-26-[0-9a-f]{4}$/);
    expect(key.createdAt).toBe('2026-11-26T09:00:00.000Z');
    expect(Buffer.from(key.publicKey, 'base64')).toHaveLength(32);
    const ring = parseKeyring({ keys: [key] }, 'generated');
    expect(ring.current.id).toBe(key.id);
    expect(ring.keys.get(key.id)?.privateKey?.asymmetricKeyType).toBe('x25519');
  });

  it('gives every pair its own key', () => {
    const a = generateKeyPair(day1);
    const b = generateKeyPair(day1);
    expect(a.publicKey).not.toBe(b.publicKey);
    expect(a.privateKey).not.toBe(b.privateKey);
  });
});

describe('loadKeyring', () => {
  it('indexes keys by id and makes the newest one current, wherever it is listed', () => {
    const older = generateKeyPair(day1);
    const newer = generateKeyPair(day2);
    const ring = loadKeyring(writeKeyring({ keys: [newer, older] }));
    expect([...ring.keys.keys()].sort()).toEqual([older.id, newer.id].sort());
    expect(ring.current.id).toBe(newer.id);
    expect(ring.hasPrivateKeys).toBe(true);
  });

  it('takes the one listed last when two keys share a createdAt', () => {
    const a = generateKeyPair(day1);
    const b = generateKeyPair(day1);
    expect(parseKeyring({ keys: [a, b] }, 'tie').current.id).toBe(b.id);
  });

  it('accepts a private key given as its raw 32 bytes', () => {
    const key = generateKeyPair(day1);
    const raw = Buffer.from(key.privateKey!, 'base64').subarray(-32).toString('base64');
    const ring = parseKeyring({ keys: [{ ...key, privateKey: raw }] }, 'raw');
    const sealed = sealPersonalData({ x: 1 }, 'REF23456', ring.current);
    expect(openSealed(sealed, 'REF23456', ring)).toEqual({ x: 1 });
  });

  it('loads a public-only file', () => {
    const key = generateKeyPair(day1);
    const ring = loadKeyring(writeKeyring(publicKeyringFile({ keys: [key] })));
    expect(ring.hasPrivateKeys).toBe(false);
    expect(ring.keys.get(key.id)?.privateKey).toBeUndefined();
  });

  const good = generateKeyPair(day1);
  const other = generateKeyPair(day2);
  const bad: [string, unknown, RegExp][] = [
    ['no keys array', {}, /at least one key/],
    ['an empty keys array', { keys: [] }, /at least one key/],
    ['a missing id', { keys: [{ ...good, id: undefined }] }, /keys\[0\]\.id/],
    ['an id with spaces', { keys: [{ ...good, id: 'k 1' }] }, /keys\[0\]\.id/],
    ['a duplicate id', { keys: [good, { ...other, id: good.id }] }, /appears twice/],
    ['a public key that is not base64', { keys: [{ ...good, publicKey: 'not base64!' }] }, /publicKey is not base64/],
    ['a public key of 31 bytes', { keys: [{ ...good, publicKey: Buffer.alloc(31, 9).toString('base64') }] }, /32 bytes, not 31/],
    ['a private key of another pair', { keys: [{ ...good, privateKey: other.privateKey }] }, /does not belong/],
    ['a private key that is garbage', { keys: [{ ...good, privateKey: Buffer.alloc(40, 7).toString('base64') }] }, /neither a PKCS#8/],
    ['a bad createdAt', { keys: [{ ...good, createdAt: 'yesterday' }] }, /createdAt/],
    ['a newest key without its private half', { keys: [good, { ...other, privateKey: undefined }] }, /newest key .* has no privateKey/],
  ];
  it.each(bad)('refuses %s, naming the fault but no key material', (_what, content, message) => {
    const run = () => parseKeyring(content, 'keyring.json');
    expect(run).toThrow(KeyringError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (error) {
      expect((error as Error).message).not.toContain(good.privateKey);
      expect((error as Error).message).not.toContain(other.privateKey);
    }
  });

  it('reports a missing file and invalid JSON without quoting the file', () => {
    const dir = tempDir();
    expect(() => loadKeyring(join(dir, 'missing.json'))).toThrow(/cannot read keyring .*missing\.json: ENOENT/);
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"keys": [ {"privateKey": "c2VjcmV0"');
    expect(() => loadKeyring(path)).toThrow(/broken\.json is not valid JSON$/);
  });
});

describe('publicOnly', () => {
  it('drops every private key and keeps ids, public keys and the current key', () => {
    const ring = parseKeyring({ keys: [generateKeyPair(day1), generateKeyPair(day2)] }, 'two');
    const pub = publicOnly(ring);
    expect(pub.hasPrivateKeys).toBe(false);
    expect([...pub.keys.values()].every((k) => k.privateKey === undefined)).toBe(true);
    expect([...pub.keys.keys()]).toEqual([...ring.keys.keys()]);
    expect(pub.current).toEqual(ring.current);
    expect(ring.hasPrivateKeys).toBe(true); // the original is untouched
  });
});

describe('rotate', () => {
  it('adds a newer key, keeps the old private keys, and old cases still open', () => {
    const first = generateKeyPair(day1);
    const path = writeKeyring({ keys: [first] });
    const before = loadKeyring(path);
    const oldCase = sealPersonalData({ name: 'old' }, 'OLDCASE2', before.current);

    const after = rotate(path, day2);
    expect(after.keys.size).toBe(2);
    expect(after.current.id).not.toBe(first.id);
    expect(after.current.id).toMatch(/^k-2027-05-26-/);
    expect(openSealed(oldCase, 'OLDCASE2', after)).toEqual({ name: 'old' });
    const newCase = sealPersonalData({ name: 'new' }, 'NEWCASE2', after.current);
    expect(openSealed(newCase, 'NEWCASE2', after)).toEqual({ name: 'new' });
    // The old key's stored text is carried over byte for byte.
    const file = JSON.parse(readFileSync(path, 'utf8')) as KeyringFile;
    expect(file.keys[0]).toEqual(first);
    if (posix) expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(path, '..')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a public-only file, which must not receive a private key', () => {
    const path = writeKeyring(publicKeyringFile({ keys: [generateKeyPair(day1)] }));
    const before = readFileSync(path, 'utf8');
    expect(() => rotate(path, day2)).toThrow(/only public keys.*INTAKE_KEYRING/);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('refuses when the clock is not after the newest key', () => {
    const path = writeKeyring({ keys: [generateKeyPair(day2)] });
    expect(() => rotate(path, day1)).toThrow(/clock/);
    expect(loadKeyring(path).keys.size).toBe(1);
  });
});

describe('ensureDevelopmentKeyring', () => {
  it('creates a private 0600 keyring in a new data directory and warns that it is for development', () => {
    const dataDir = join(tempDir(), 'data', 'nested');
    const { warn, messages } = collectWarnings();
    const path = ensureDevelopmentKeyring(dataDir, warn);
    expect(path).toBe(join(dataDir, 'intake-keys.json'));
    if (posix) expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadKeyring(path).hasPrivateKeys).toBe(true);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/development only/);
    expect(messages[0]).toContain('INTAKE_KEYRING');
  });

  it('reuses an existing development keyring instead of replacing its keys', () => {
    const dataDir = tempDir();
    const { warn, messages } = collectWarnings();
    const path = ensureDevelopmentKeyring(dataDir, warn);
    const content = readFileSync(path, 'utf8');
    expect(ensureDevelopmentKeyring(dataDir, warn)).toBe(path);
    expect(readFileSync(path, 'utf8')).toBe(content);
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatch(/development only/);
  });
});

describe('resolveKeyring', () => {
  const full = (): { path: string; key: StoredKey } => {
    const key = generateKeyPair(day1);
    return { path: writeKeyring({ keys: [key] }), key };
  };

  it('refuses to start in production without a configured keyring, naming both settings', () => {
    const dataDir = tempDir();
    const { warn } = collectWarnings();
    const run = () => resolveKeyring({ nodeEnv: 'production', dataDir, warn });
    expect(run).toThrow(KeyringError);
    expect(run).toThrow(/INTAKE_KEYRING.*INTAKE_PUBLIC_KEYRING/);
    expect(readdirSync(dataDir)).toEqual([]); // and generated nothing
  });

  it('loads the configured full keyring in production', () => {
    const { path, key } = full();
    const { warn, messages } = collectWarnings();
    const ring = resolveKeyring({ nodeEnv: 'production', keyringPath: path, dataDir: tempDir(), warn });
    expect(ring.current.id).toBe(key.id);
    expect(ring.hasPrivateKeys).toBe(true);
    expect(messages).toEqual([]);
  });

  it('loads a public keyring for the public-facing role', () => {
    const key = generateKeyPair(day1);
    const path = writeKeyring(publicKeyringFile({ keys: [key] }));
    const { warn } = collectWarnings();
    const ring = resolveKeyring({ nodeEnv: 'production', publicKeyPath: path, dataDir: tempDir(), warn });
    expect(ring.hasPrivateKeys).toBe(false);
    expect(ring.current.id).toBe(key.id);
  });

  it('refuses private keys in INTAKE_PUBLIC_KEYRING and a keyring without any in INTAKE_KEYRING', () => {
    const { warn } = collectWarnings();
    const { path } = full();
    expect(() => resolveKeyring({ nodeEnv: 'production', publicKeyPath: path, dataDir: tempDir(), warn })).toThrow(
      /INTAKE_PUBLIC_KEYRING .* contains private keys/,
    );
    const publicPath = writeKeyring(publicKeyringFile({ keys: [generateKeyPair(day1)] }));
    expect(() => resolveKeyring({ nodeEnv: 'production', keyringPath: publicPath, dataDir: tempDir(), warn })).toThrow(
      /INTAKE_KEYRING .* has no private keys/,
    );
  });

  it('refuses both settings at once', () => {
    const { warn } = collectWarnings();
    const { path } = full();
    expect(() => resolveKeyring({ nodeEnv: 'development', keyringPath: path, publicKeyPath: path, dataDir: tempDir(), warn })).toThrow(
      /not both/,
    );
  });

  it.skipIf(!posix)('warns when the full keyring can be read by other users', () => {
    const { path } = full();
    chmodSync(path, 0o644);
    const { warn, messages } = collectWarnings();
    resolveKeyring({ nodeEnv: 'production', keyringPath: path, dataDir: tempDir(), warn });
    expect(messages).toEqual([expect.stringMatching(/can be read by other users/)]);
  });

  it.each(['development', 'test'] as const)('uses the development keyring in %s when nothing is configured', (nodeEnv) => {
    const dataDir = tempDir();
    const { warn, messages } = collectWarnings();
    const first = resolveKeyring({ nodeEnv, dataDir, warn });
    const second = resolveKeyring({ nodeEnv, dataDir, warn });
    expect(first.hasPrivateKeys).toBe(true);
    expect(second.current.id).toBe(first.current.id);
    expect(messages.every((m) => /development only/.test(m))).toBe(true);
    expect(messages).toHaveLength(2);
  });
});
