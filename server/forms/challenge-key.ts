import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The development challenge key's file name inside the data directory. */
export const developmentChallengeKeyFile = 'challenge.key';

/**
 * The key of the flood challenges: CHALLENGE_KEY when set (production must
 * set it, the same on every instance, or one instance would refuse another's
 * challenges). Otherwise `<dataDir>/challenge.key`, created once (mode 0600),
 * so that development instances sharing a data folder agree.
 */
export function resolveChallengeKey(config: { nodeEnv: string; key?: string | undefined; dataDir: string; warn: (message: string) => void }): KeyObject {
  if (config.key) return createSecretKey(Buffer.from(config.key, 'utf8'));
  if (config.nodeEnv === 'production') throw new Error('CHALLENGE_KEY is not set; production never generates a challenge key');
  const path = join(config.dataDir, developmentChallengeKeyFile);
  mkdirSync(config.dataDir, { recursive: true });
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(32).toString('base64url')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let text = readFileSync(path, 'utf8').trim();
  // Another process may have created the file an instant ago and not yet written it.
  for (let i = 0; text.length < 32 && i < 50; i++) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    text = readFileSync(path, 'utf8').trim();
  }
  if (text.length < 32) throw new Error(`${path} is too short to be a challenge key; delete it to generate a new one`);
  config.warn(`Using the development challenge key ${path}: set CHALLENGE_KEY in production`);
  return createSecretKey(Buffer.from(text, 'utf8'));
}
