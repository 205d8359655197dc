/**
 * `npm run keys -- <command>`: the intake keyring, the X25519 keys cases are sealed to.
 *
 *   generate [--out path]               a new keyring with one key pair (mode 0600); never overwrites
 *   rotate --keyring path               adds a new key pair; old keys stay so old cases still open
 *   public --keyring path --out path    the public-only keyring for a ROLE=public host
 *
 * The full keyring goes to staff hosts (INTAKE_KEYRING); the public one to
 * internet-facing hosts (INTAKE_PUBLIC_KEYRING). Exit code 0 on success,
 * 1 when the keyring is refused, 2 for a usage error. Never prints key material.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateKeyPair, KeyringError, loadKeyring, publicKeyringFile, rotate, writeDurably, type KeyringFile } from '../server/crypto/keys.ts';

const usage = `Usage:
  npm run keys -- generate [--out intake-keyring.json]
  npm run keys -- rotate --keyring <path>
  npm run keys -- public --keyring <path> --out <public path>`;

function usageError(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

function generate(out: string): void {
  if (existsSync(out)) throw new KeyringError(`${out} already exists; not overwriting a keyring (use rotate to add a key)`);
  const key = generateKeyPair();
  writeDurably(out, { keys: [key] }, 0o600, true);
  loadKeyring(out);
  console.log(`Wrote a new intake keyring to ${out} (mode 0600), key ${key.id}.`);
  console.log(`Staff hosts: INTAKE_KEYRING=${out}. Keep a backup: cases sealed to this key cannot be opened without it.`);
  console.log(`Public-facing hosts need only the public part: npm run keys -- public --keyring ${out} --out <path>, then INTAKE_PUBLIC_KEYRING=<path>.`);
}

function rotateKeyring(path: string): void {
  const before = new Set(loadKeyring(path).keys.keys());
  const after = rotate(path);
  const added = [...after.keys.keys()].filter((id) => !before.has(id));
  console.log(`Added key ${added.join(', ')} to ${path}; new cases are sealed to it, and the ${before.size} older key(s) stay for older cases.`);
  console.log(`Export the public keyring again for public-facing hosts: npm run keys -- public --keyring ${path} --out <path>, and restart them.`);
}

function exportPublic(path: string, out: string): void {
  if (resolve(path) === resolve(out)) throw new KeyringError('--out must not be the full keyring itself');
  loadKeyring(path);
  const file = JSON.parse(readFileSync(path, 'utf8')) as KeyringFile;
  const publicFile = publicKeyringFile(file);
  // Public keys are not secret; a public-facing host's service user must be able to read them.
  writeDurably(out, publicFile, 0o644, false);
  const keyring = loadKeyring(out);
  console.log(`Wrote the public keyring (${keyring.keys.size} key(s), no private keys) to ${out}; newest key ${keyring.current.id}.`);
  console.log(`On a ROLE=public host: INTAKE_PUBLIC_KEYRING=${out}.`);
}

let parsed;
try {
  parsed = parseArgs({ options: { out: { type: 'string' }, keyring: { type: 'string' } }, allowPositionals: true });
} catch (error) {
  usageError((error as Error).message);
}
const [command, ...extra] = parsed.positionals;
if (extra.length > 0) usageError(`unexpected argument ${extra[0]}`);
const { out, keyring } = parsed.values;
try {
  switch (command) {
    case 'generate':
      if (keyring) usageError('generate takes --out, not --keyring');
      generate(resolve(out ?? 'intake-keyring.json'));
      break;
    case 'rotate':
      if (!keyring) usageError('rotate needs --keyring <path>');
      rotateKeyring(resolve(keyring));
      break;
    case 'public':
      if (!keyring || !out) usageError('public needs --keyring <path> and --out <path>');
      exportPublic(resolve(keyring), resolve(out));
      break;
    default:
      usageError(command ? `unknown command ${command}` : 'a command is needed');
  }
} catch (error) {
  if (!(error instanceof KeyringError)) throw error;
  console.error(error.message);
  process.exit(1);
}
