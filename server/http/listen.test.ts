import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listenApp, type Listeners } from './listen.ts';

const app = (request: Request) => new Response(new URL(request.url).pathname);
const opened: Listeners[] = [];
const close = (l: Listeners) => Promise.all(l.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
afterEach(async () => {
  await Promise.all(opened.splice(0).map(close));
});

/** A port that was free a moment ago. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const { port } = s.address() as { port: number };
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe('listenApp', () => {
  it.runIf(process.platform === 'linux')('listens with several sockets on one port, and each answers', async () => {
    const port = await freePort();
    const l = await listenApp(app, { port, host: '127.0.0.1', sockets: 4 });
    opened.push(l);
    expect(l.sockets).toBe(4);
    expect(l.servers.map((s) => (s as Server).address())).toEqual(Array(4).fill({ address: '127.0.0.1', family: 'IPv4', port }));
    // New connections (no keep-alive) are spread by the kernel; every one is answered.
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => fetch(`http://127.0.0.1:${port}/n${i}`, { headers: { Connection: 'close' } }).then((r) => r.text())));
    expect(answers).toEqual(Array.from({ length: 40 }, (_, i) => `/n${i}`));
  });

  it('refuses a port that another process listens on, as a single socket would (EADDRINUSE)', async () => {
    const port = await freePort();
    opened.push(await listenApp(app, { port, host: '127.0.0.1', sockets: 4 }));
    await expect(listenApp(app, { port, host: '127.0.0.1', sockets: 4 })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await expect(listenApp(app, { port, host: '127.0.0.1', sockets: 1 })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('takes one socket on a port the system picks (PORT=0)', async () => {
    const l = await listenApp(app, { port: 0, host: '127.0.0.1', sockets: 4 });
    opened.push(l);
    expect(l.sockets).toBe(1);
    expect(await (await fetch(`http://127.0.0.1:${l.port}/x`)).text()).toBe('/x');
  });
});
