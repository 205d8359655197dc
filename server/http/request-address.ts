import type { Context } from 'hono';
import { isIP, type BlockList } from 'node:net';
import { clientAddress } from './client-address.ts';

/** The TCP peer, from @hono/node-server's bindings (absent when a test calls app.request without them). */
export function socketAddress(c: Context): string | undefined {
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
}

/** The local port the request came in on (absent when a test calls app.request without bindings). */
export function localPort(c: Context): number | undefined {
  return (c.env as { incoming?: { socket?: { localPort?: number } } } | undefined)?.incoming?.socket?.localPort;
}

/**
 * True when the request is a trusted proxy's own (its health check): the
 * client address, after walking X-Forwarded-For, is itself a trusted proxy.
 * Traffic a proxy forwards for someone else is that someone's.
 */
export function fromTrustedProxy(c: Context, proxies: BlockList): boolean {
  const address = requestAddress(c, proxies);
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  return isIP(address) !== 0 && proxies.check(address, family);
}

/** The client's address: the TCP peer, or the first untrusted X-Forwarded-For hop behind a trusted proxy. */
export function requestAddress(c: Context, proxies: BlockList): string {
  return clientAddress(socketAddress(c), c.req.header('X-Forwarded-For'), proxies);
}
