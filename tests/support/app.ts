import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { staffSecretKeyFrom } from '../../server/staff/secret-key.ts';
import { submissionSettingsFrom, writeSubmissionSettings } from '../../server/db/submission-settings.ts';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp } from '../../server/app.ts';
import { loadEnv, type Env } from '../../server/env.ts';
import { createLogger } from '../../server/logger.ts';
import { loadSite, type Site } from '../../server/static/site.ts';
import { generateKeyPair, parseKeyring, type IntakeKeyring, type StoredKey } from '../../server/crypto/keys.ts';
import type { ServiceCommitments } from '../../server/intake/due-date.ts';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.ts';
import { buildSettingsFile, readRetentionDays } from '../../src/shared/retention-settings.ts';

/** A small built site on disk, enough for the static routes. */
export function fixtureSiteDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anchor-site-'));
  for (const lang of ['fi', 'sv', 'en']) {
    mkdirSync(join(dir, lang, 'parents'), { recursive: true });
    writeFileSync(join(dir, lang, 'index.html'), `<!doctype html><html lang="${lang}"><title>${lang}</title></html>`);
    writeFileSync(join(dir, lang, 'parents', 'index.html'), `<!doctype html><html lang="${lang}"><title>p</title></html>`);
  }
  writeFileSync(join(dir, '404.html'), '<!doctype html><title>404</title>');
  // Built with the default retention settings, as a real build records them.
  writeFileSync(join(dir, buildSettingsFile), JSON.stringify({ retention: readRetentionDays({}) }));
  mkdirSync(join(dir, 'staff', 'fi'), { recursive: true });
  writeFileSync(join(dir, 'staff', 'fi', 'index.html'), '<!doctype html><html lang="fi"><title>staff</title></html>');
  // The error pages of a few languages, as src/pages/[lang]/404.astro and 500.astro build them.
  for (const lang of ['fi', 'sv', 'en', 'ar']) {
    for (const status of ['404', '500']) {
      mkdirSync(join(dir, lang, status), { recursive: true });
      writeFileSync(join(dir, lang, status, 'index.html'), `<!doctype html><html lang="${lang}"><title>${status} ${lang}</title></html>`);
    }
  }
  mkdirSync(join(dir, '_astro'));
  writeFileSync(join(dir, '_astro', 'app.abc123.js'), 'console.log(1)');
  return dir;
}

/** An app on a fresh database with captured JSON log lines. */
export interface TestApp {
  app: ReturnType<typeof createApp>;
  env: Env;
  database: TestDatabase;
  logs: string[];
  keyring: IntakeKeyring;
  /** The audit trail's MAC key the app was given. */
  auditKey: Buffer;
  /** The key of the keyed client and account hashes the app was given. */
  clientKey: KeyObject;
  /** The key that seals TOTP secrets. */
  staffSecretKey: KeyObject;
  close(): Promise<void>;
}

/** Builds the real app on a fresh database of the given kind. */
export async function createTestApp(
  kind: DatabaseKind,
  overrides: Record<string, string> = {},
  options: { onCaseStored?: () => void; now?: () => Date; commitments?: ServiceCommitments } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  await useSubmissionLimits(database, overrides, { movesClock: options.now !== undefined });
  return createAppOn(database, overrides, options);
}

/**
 * Writes the submission limits of `overrides` (RATE_LIMIT_*, FLOOD_*, else
 * the defaults) to the database, as the owner's migration run does in
 * production: submit_case reads them there, not from the app. A test whose
 * app runs on a clock of its own (`movesClock`) widens, in its own database,
 * how far submit_case lets the caller's time be from the database's (two
 * minutes everywhere else).
 */
export async function useSubmissionLimits(database: TestDatabase, overrides: Record<string, string> = {}, options: { movesClock?: boolean } = {}): Promise<void> {
  await writeSubmissionSettings(database.handle, submissionSettingsFrom(loadEnv({ NODE_ENV: 'test', ...overrides })));
  if (options.movesClock) await database.handle.query('update submission_settings set clock_tolerance_seconds = 315360000');
}

/**
 * Builds the real app on a database that already exists (several apps, say
 * ROLE=public and ROLE=staff, may share one, as deployed instances share
 * PostgreSQL). `close()` drops the database.
 */
export function createAppOn(
  database: TestDatabase,
  overrides: Record<string, string> = {},
  options: { onCaseStored?: () => void; now?: () => Date; keyring?: IntakeKeyring; auditKey?: Buffer; staffSecretKey?: KeyObject; site?: Site; commitments?: ServiceCommitments; internalPort?: number } = {},
): TestApp {
  const env = loadEnv({ NODE_ENV: 'test', SITE_DIR: fixtureSiteDir(), PUBLIC_ORIGIN: 'http://portal.test', ...overrides });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('info', sink);
  const keyring = options.keyring ?? keyringFrom(generateKeyPair());
  const auditKey = options.auditKey ?? randomBytes(32);
  const clientKey = createSecretKey(Buffer.from('test-client-key-test-client-key!'));
  const staffSecretKey = options.staffSecretKey ?? staffSecretKeyFrom(randomBytes(32).toString('base64url'));
  const app = createApp({
    env,
    database: database.handle,
    site: options.site ?? loadSite(env.SITE_DIR),
    logger,
    keyring,
    clientKey,
    onCaseStored: options.onCaseStored,
    now: options.now,
    commitments: options.commitments,
    auditKey,
    internalPort: options.internalPort,
    staffSecretKey,
  });
  return { app, env, database, logs, keyring, auditKey, clientKey, staffSecretKey, close: () => database.drop() };
}

/** A keyring holding one freshly generated key pair (private part included). */
export function keyringFrom(...keys: StoredKey[]): IntakeKeyring {
  return parseKeyring({ keys }, 'test keyring');
}
