import { BlockList, isIP } from 'node:net';

/** Which proxies' X-Forwarded-For to believe: addresses or CIDR ranges. */
export function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (!isIP(address)) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

function normalise(address: string): string {
  // IPv4 clients on a dual-stack socket appear as ::ffff:a.b.c.d.
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function trusted(list: BlockList, address: string): boolean {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  return isIP(address) !== 0 && list.check(address, family);
}

/**
 * The client's address: walking X-Forwarded-For from the right, the first
 * address that is not a trusted proxy; the socket address when the socket
 * peer itself is not a trusted proxy (then X-Forwarded-For is the client's
 * own claim and is ignored).
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, proxies: BlockList): string {
  const peer = normalise(socketAddress ?? 'unknown');
  if (!trusted(proxies, peer) || !forwardedFor) return peer;
  const hops = forwardedFor
    .split(',')
    .map((h) => normalise(h.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return peer;
    if (!trusted(proxies, hop)) return hop;
  }
  // Every hop is a trusted proxy: the left-most is as close to the client as we know.
  return hops[0] ?? peer;
}
