import { describe, expect, it } from 'vitest';
import { clientAddress, trustedProxyList } from './client-address.ts';

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
