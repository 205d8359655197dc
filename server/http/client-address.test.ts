import { describe, expect, it } from 'vitest';
import { clientAddress, clientNetworks, normaliseAddress, trustedProxyList } from './client-address.ts';

describe('clientAddress', () => {
  const proxies = trustedProxyList(['10.0.0.5', '10.1.0.0/16', 'fd00::/8']);

  it('uses the socket address when there is no trusted proxy in front', () => {
    expect(clientAddress('203.0.113.7', undefined, trustedProxyList([]))).toBe('203.0.113.7');
  });

  it('ignores X-Forwarded-For sent by an untrusted peer (a client can write anything there)', () => {
    expect(clientAddress('203.0.113.7', '198.51.100.1', proxies)).toBe('203.0.113.7');
    expect(clientAddress('203.0.113.7', '198.51.100.1', trustedProxyList([]))).toBe('203.0.113.7');
  });

  it('behind a trusted proxy takes the right-most address that is not a trusted proxy', () => {
    expect(clientAddress('10.0.0.5', '198.51.100.1', proxies)).toBe('198.51.100.1');
    // A client's forged left-most entry is skipped: the right-most untrusted hop is the real peer of our proxies.
    expect(clientAddress('10.0.0.5', '1.2.3.4, 198.51.100.1, 10.1.2.3', proxies)).toBe('198.51.100.1');
  });

  it('understands IPv6 and IPv4-mapped addresses', () => {
    expect(clientAddress('::ffff:10.0.0.5', '2001:db8::1', proxies)).toBe('2001:db8::1');
    expect(clientAddress('fd00::1', '2001:db8::2, fd12::3', proxies)).toBe('2001:db8::2');
    expect(clientAddress('::ffff:127.0.0.2', undefined, proxies)).toBe('127.0.0.2');
  });

  it('falls back to the peer when a hop is not an address', () => {
    expect(clientAddress('10.0.0.5', 'garbage', proxies)).toBe('10.0.0.5');
  });

  it('rejects a malformed TRUSTED_PROXIES entry', () => {
    expect(() => trustedProxyList(['not-an-ip'])).toThrow(/TRUSTED_PROXIES/);
  });
});

describe('normaliseAddress', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['203.0.113.7:51234', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:203.0.113.7', '203.0.113.7'],
    ['::ffff:cb00:7107', '203.0.113.7'],
    ['[::ffff:203.0.113.7]:443', '203.0.113.7'],
    ['2001:DB8::77', '2001:db8::77'],
    ['2001:0db8::77', '2001:db8::77'],
    ['2001:0db8:0000:0000:0000:0000:0000:0077', '2001:db8::77'],
    ['[2001:db8::77]:8080', '2001:db8::77'],
    ['[2001:DB8:0:0:1::1]', '2001:db8::1:0:0:1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8::1%eth0', '2001:db8::1'],
    ['fe80::1:0:0:0:1', 'fe80:0:0:1::1'],
    ['::1', '::1'],
    ['::', '::'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['1:0:3:4:5:6:7:8', '1:0:3:4:5:6:7:8'],
  ])('%s is %s', (input, expected) => {
    expect(normaliseAddress(input)).toBe(expected);
  });

  it.each(['garbage', '', 'unknown', '300.1.1.1', '2001:db8::77:8080:1:2:3:4:5', '[2001:db8::77', '203.0.113.7:port'])('%j is not an address', (input) => {
    expect(normaliseAddress(input)).toBeUndefined();
  });
});

describe('clientNetworks', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7', '203.0.113.0/24'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64', '2001:db8:1::/48'],
    ['2001:db8:1:2::77', '2001:db8:1:2::/64', '2001:db8:1::/48'],
    ['2001:db8::77', '2001:db8::/64', '2001:db8::/48'],
    ['2001:db8:0:ffff::1', '2001:db8:0:ffff::/64', '2001:db8::/48'],
  ])('%s counts in %s and %s', (address, network, wide) => {
    expect(clientNetworks(address)).toEqual({ network, wide });
  });

  it('puts every address of one /64 in one network, and different /64s of a /48 in one wide network', () => {
    const a = clientNetworks(normaliseAddress('2001:DB8:0:1:aaaa::1')!);
    const b = clientNetworks(normaliseAddress('2001:0db8:0000:0001:ffff:ffff:ffff:ffff')!);
    const c = clientNetworks(normaliseAddress('2001:db8:0:2::1')!);
    expect(a).toEqual(b);
    expect(c.network).not.toBe(a.network);
    expect(c.wide).toBe(a.wide);
  });
});

describe('clientAddress with forwarded-for chains', () => {
  const proxies = trustedProxyList(['10.0.0.5', '10.1.0.0/16', 'fd00::/8']);
  it.each([
    ['10.0.0.5', '198.51.100.1:4711', '198.51.100.1'],
    ['10.0.0.5', '[2001:DB8::77]:443', '2001:db8::77'],
    ['10.0.0.5', '2001:0db8::77', '2001:db8::77'],
    ['10.0.0.5', '::ffff:198.51.100.1', '198.51.100.1'],
    ['::ffff:10.0.0.5', '198.51.100.9, 10.1.0.7:80', '198.51.100.9'],
    ['10.0.0.5', '1.2.3.4, [2001:db8::1]:1234, 10.1.2.3:5000', '2001:db8::1'],
    ['10.0.0.5', 'garbage, 10.1.2.3', '10.1.2.3'],
    ['10.0.0.5', '10.1.2.4, 10.1.2.3', '10.1.2.4'],
    ['203.0.113.1', '198.51.100.1:4711', '203.0.113.1'],
    ['::FFFF:203.0.113.1', undefined, '203.0.113.1'],
    ['2001:0DB8::1', undefined, '2001:db8::1'],
  ])('peer %s, X-Forwarded-For %j: %s', (peer, forwarded, expected) => {
    expect(clientAddress(peer, forwarded, proxies)).toBe(expected);
  });
});
