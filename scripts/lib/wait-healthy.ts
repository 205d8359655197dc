import type { ChildProcess } from 'node:child_process';

/**
 * Waits until the portal on a loopback port answers `GET /api/health` with
 * 200. Fails after `ms`, or at once when the server process given exits.
 */
export async function waitHealthy(port: number, ms = 30_000, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`server on ${port} exited with ${child.exitCode} at start`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server on ${port} did not become healthy in ${ms} ms`);
}
