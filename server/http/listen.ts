import { createServer, type AddressInfo, type Server } from 'node:net';
import { createAdaptorServer, type ServerType } from '@hono/node-server';
import { connectionTimeouts } from './connection-limits.ts';

/** The HTTP servers of one process, all serving one app on one port. */
export interface Listeners {
  readonly port: number;
  readonly servers: readonly ServerType[];
  /** How many sockets listen; fewer than asked where the platform has no SO_REUSEPORT. */
  readonly sockets: number;
}

const listen = (server: ServerType | Server, options: { port: number; host: string; reusePort: boolean }) =>
  new Promise<void>((resolve, reject) => {
    const net = server as Server;
    net.once('error', reject);
    net.listen(options, () => {
      net.off('error', reject);
      resolve();
    });
  });

/** Fails with EADDRINUSE when something already listens on the port. */
async function probeFree(port: number, host: string): Promise<void> {
  const probe = createServer();
  await listen(probe, { port, host, reusePort: false });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

// Where SO_REUSEPORT spreads connections over the sockets bound to a port
// (elsewhere, macOS and Windows included, Node refuses the option).
const spreadsConnections = process.platform === 'linux' || process.platform === 'freebsd';

/**
 * Listens on `port` with `sockets` listening sockets bound with SO_REUSEPORT,
 * each an HTTP server for the same app.
 *
 * Why more than one: libuv accepts one connection per turn of the event loop
 * (libuv pull request 3696), and under load a turn takes milliseconds, so a
 * burst of new connections waited in the kernel's queue: 100 connections opened
 * at once while the portal took 1,000 submissions a second were accepted over
 * 200-300 ms, and their first requests were the slowest of the run
 * (`npm run bench`). With several sockets the kernel spreads new connections
 * over them and each turn accepts one per socket (with 16, the default, none of
 * those 100 waited). Where SO_REUSEPORT does not spread connections one socket
 * listens.
 *
 * Every server has the timeouts of connection-limits.ts, and `maxConnections`
 * (MAX_CONNECTIONS, shared out over the sockets) caps the connections the
 * process holds.
 */
export async function listenApp(
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
  options: { port: number; host: string; sockets: number; maxConnections?: number },
): Promise<Listeners> {
  // PORT=0 (tests) takes one socket: a port the system picks is not checked for other SO_REUSEPORT sockets.
  const count = spreadsConnections && options.port !== 0 ? options.sockets : 1;
  // Sockets with SO_REUSEPORT would silently share the port with another process of the same user that
  // listens with it too; a plain socket first makes a second instance fail with EADDRINUSE, as with one socket.
  if (count > 1) await probeFree(options.port, options.host);
  const servers: ServerType[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createAdaptorServer({
        fetch,
        serverOptions: {
          headersTimeout: connectionTimeouts.headersMs,
          requestTimeout: connectionTimeouts.requestMs,
          keepAliveTimeout: connectionTimeouts.keepAliveMs,
          connectionsCheckingInterval: connectionTimeouts.checkEveryMs,
        },
      });
      // The cap is the process's: each socket takes its share (the kernel spreads new connections evenly).
      // Past it Node closes a new connection at once, before it can take a descriptor the database needs.
      if (options.maxConnections !== undefined) (server as Server).maxConnections = Math.max(1, Math.floor(options.maxConnections / count));
      servers.push(server);
      await listen(server, { port: options.port, host: options.host, reusePort: count > 1 });
    }
    return { port: ((servers[0] as Server).address() as AddressInfo).port, servers, sockets: count };
  } catch (error) {
    for (const server of servers) if ((server as Server).listening) server.close();
    throw error;
  }
}
