import { describe, expect, it } from 'vitest';
import { connectionCap, openFilesLimit } from './connection-limits.ts';

const limits = (soft: string, hard = soft) => `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            ${soft.padEnd(20)} ${hard.padEnd(20)} files
Max locked memory         8388608              8388608              bytes
`;

describe('the connection cap', () => {
  it('reads the soft open-file limit from /proc/self/limits', () => {
    expect(openFilesLimit(limits('1024', '4096'))).toBe(1024);
    expect(openFilesLimit(limits('unlimited'))).toBe(Number.POSITIVE_INFINITY);
    expect(openFilesLimit('nothing here')).toBeUndefined();
  });

  it('by default leaves the database, sockets and files their descriptors, and warns when the limit is low', () => {
    const low = connectionCap({ poolSize: 10, listenSockets: 16, limitsText: limits('1024') });
    expect(low.maxConnections).toBe(1024 - 128 - 10 - 16);
    expect(low.warning).toMatch(/open-file limit is 1024: at most 870 connections .*LimitNOFILE/);
    const high = connectionCap({ poolSize: 10, listenSockets: 16, limitsText: limits('65536') });
    expect(high).toMatchObject({ maxConnections: 65536 - 154, warning: undefined });
  });

  it('takes MAX_CONNECTIONS, warning when the limit leaves no room for it', () => {
    expect(connectionCap({ configured: 500, poolSize: 10, listenSockets: 16, limitsText: limits('65536') })).toMatchObject({ maxConnections: 500, warning: undefined });
    const over = connectionCap({ configured: 5000, poolSize: 10, listenSockets: 16, limitsText: limits('1024') });
    expect(over.maxConnections).toBe(5000);
    expect(over.warning).toMatch(/MAX_CONNECTIONS=5000 is more than .*EMFILE/);
  });
});
