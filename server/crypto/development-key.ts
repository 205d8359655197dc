import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Where a development key file lives and what to say about it. */
export interface DevelopmentKeyFile {
  dataDir: string;
  file: string;
  /** The variable production sets instead, for the messages. */
  variable: string;
  /** What the key is for, in the messages ("audit key"); "key" when not given. */
  name?: string;
  warn: (message: string) => void;
}

/**
 * A development key: `<dataDir>/<file>`, 32 random bytes in base64url
 * created once (mode 0600) and read on later starts, with a warning each
 * time: a key beside the database it protects proves nothing against whoever
 * can read that folder. Two processes starting at once agree on one key (it
 * is written whole to a temporary file and linked into place). Production
 * sets the variable instead. `create: false` never generates one; a missing
 * file is then undefined.
 */
export function developmentKey(config: DevelopmentKeyFile, options: { create?: boolean } = {}): string | undefined {
  const path = join(config.dataDir, config.file);
  const name = config.name ?? 'key';
  const read = () => {
    const text = readFileSync(path, 'utf8').trim();
    if (text.length < 32) throw new Error(`${path} is too short to be a ${name}; delete it to generate a new one`);
    return text;
  };
  if (existsSync(path)) {
    config.warn(`Using the development ${name} ${path}: for development only; set ${config.variable} in production`);
    return read();
  }
  if (options.create === false) return undefined;
  mkdirSync(config.dataDir, { recursive: true });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, `${randomBytes(32).toString('base64url')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
    config.warn(`Generated a development ${name} at ${path}: for development only; set ${config.variable} in production`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(tmp, { force: true });
  }
  return read();
}
