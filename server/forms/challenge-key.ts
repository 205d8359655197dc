import { createSecretKey, type KeyObject } from 'node:crypto';
import { developmentKey } from '../crypto/development-key.ts';

/** The development challenge key's file name inside the data directory. */
export const developmentChallengeKeyFile = 'challenge.key';

/**
 * The key of the flood challenges: CHALLENGE_KEY when set (production must
 * set it, the same on every instance, or one instance would refuse another's
 * challenges). Otherwise `<dataDir>/challenge.key`, created once (mode 0600),
 * so that development instances sharing a data folder agree
 * (server/crypto/development-key.ts).
 */
export function resolveChallengeKey(config: { nodeEnv: string; key?: string | undefined; dataDir: string; warn: (message: string) => void }): KeyObject {
  if (config.key) return createSecretKey(Buffer.from(config.key, 'utf8'));
  if (config.nodeEnv === 'production') throw new Error('CHALLENGE_KEY is not set; production never generates a challenge key');
  const text = developmentKey({ dataDir: config.dataDir, file: developmentChallengeKeyFile, variable: 'CHALLENGE_KEY', name: 'challenge key', warn: config.warn })!;
  return createSecretKey(Buffer.from(text, 'utf8'));
}
