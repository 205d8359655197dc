import type { Context } from 'hono';
import type { BlockList } from 'node:net';
import { clientAddress } from './client-address.ts';

/** The TCP peer, from @hono/node-server's bindings (absent when a test calls app.request without them). */
export function socketAddress(c: Context): string | undefined {
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
}

/** The client's address: the TCP peer, or the first untrusted X-Forwarded-For hop behind a trusted proxy. */
export function requestAddress(c: Context, proxies: BlockList): string {
  return clientAddress(socketAddress(c), c.req.header('X-Forwarded-For'), proxies);
}
