import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach } from 'vitest';

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A server process started by a test, with its output captured. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `node server/main.ts` with the given environment (on top of a minimal one). */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  let output = '';
  const child = spawn(process.execPath, ['server/main.ts'], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += String(d)));
  child.stderr?.on('data', (d) => (output += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, port, output: () => output, exited };
}

export { waitHealthy } from '../../scripts/lib/wait-healthy.ts';

/**
 * Keeps the server processes a test file starts and kills any still running
 * after each test, so a failed assertion never leaves a server behind.
 */
export function trackServers(): (server: ServerProcess) => ServerProcess {
  const started: ServerProcess[] = [];
  afterEach(async () => {
    for (const s of started.splice(0)) {
      if (s.child.exitCode === null) {
        s.child.kill('SIGKILL');
        await s.exited;
      }
    }
  });
  return (server) => {
    started.push(server);
    return server;
  };
}
