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

/** The eight 16-bit groups of an IPv6 address (isIP must have said 6). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const tail: number[] = [];
  // An embedded IPv4 address (::ffff:192.0.2.1) is the last two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    tail.push((a << 8) | b, (c << 8) | d);
    text = text.slice(0, -v4[1]!.length);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const [head = '', rest] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = [...parse(rest ?? ''), ...tail];
  const fill = rest === undefined ? [] : new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...fill, ...right];
}

/** RFC 5952 text of eight groups: lower case, no leading zeros, the longest run (2+) of zero groups as "::". */
function ipv6Text(groups: readonly number[]): string {
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
}

/**
 * One written form per address, so that one client is one key: IPv4 as
 * dotted decimal, an IPv4-mapped IPv6 address as the IPv4 address (an IPv4
 * client on a dual-stack socket), any other IPv6 address in RFC 5952 form
 * (`2001:DB8::77` and `2001:0db8::77` are the same client), a zone index
 * dropped. A hop written `ip:port` or `[v6]:port` (some load balancers add
 * the port) is the address without its port. Anything else is undefined.
 */
export function normaliseAddress(text: string): string | undefined {
  let address = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d{1,5}$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  address = address.replace(/%[\w.-]+$/, '');
  const family = isIP(address);
  if (family === 4) return address.split('.').map(Number).join('.');
  if (family !== 6) return undefined;
  const groups = ipv6Groups(address.toLowerCase());
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  return ipv6Text(groups);
}

/**
 * The networks a client's submissions are counted by: an IPv4 client by its
 * address and, with a higher limit, its /24; an IPv6 client by its /64 (one
 * subscriber's network, however many addresses it uses) and its /48 (a /48
 * holds 65,536 /64s). `address` must be normalised.
 */
export function clientNetworks(address: string): { network: string; wide: string } {
  if (isIP(address) === 4) return { network: address, wide: `${address.split('.').slice(0, 3).join('.')}.0/24` };
  if (isIP(address) !== 6) return { network: address, wide: address };
  const groups = ipv6Groups(address);
  const prefix = (n: number) => `${ipv6Text([...groups.slice(0, n), ...new Array<number>(8 - n).fill(0)])}/${n * 16}`;
  return { network: prefix(4), wide: prefix(3) };
}

function trusted(list: BlockList, address: string): boolean {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  return isIP(address) !== 0 && list.check(address, family);
}

/**
 * The client's address, normalised: walking X-Forwarded-For from the right,
 * the first address that is not a trusted proxy; the socket address when the
 * socket peer itself is not a trusted proxy (then X-Forwarded-For is the
 * client's own claim and is ignored). Every hop is normalised first, so a
 * hop with a port is its address. A hop that is still not an address ends
 * the walk: the trusted hop to its right is the client as far as we know, or
 * the peer when there is none.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, proxies: BlockList): string {
  const peer = normaliseAddress(socketAddress ?? '') ?? 'unknown';
  if (!trusted(proxies, peer) || !forwardedFor) return peer;
  const hops = forwardedFor.split(',').map((h) => normaliseAddress(h));
  let nearest: string | undefined;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (hop === undefined) break;
    nearest = hop;
    if (!trusted(proxies, hop)) return hop;
  }
  // Every readable hop is a trusted proxy: the left-most of them is as close to the client as we know.
  return nearest ?? peer;
}
