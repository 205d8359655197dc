import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson } from './canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    const a = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } };
    const b = { a: { c: 'x', d: [3, { y: null, z: true }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('keeps array order, which is meaningful', () => {
    expect(canonicalJson([2, 1])).toBe('[2,1]');
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 does', () => {
    // "é" (U+00E9) sorts after "z"; an uppercase letter before a lowercase one.
    expect(canonicalJson({ z: 1, é: 2, Z: 3, a: 4 })).toBe('{"Z":3,"a":4,"z":1,"é":2}');
  });

  it('escapes strings as JSON and writes numbers in their shortest form', () => {
    expect(canonicalJson({ s: 'line\n"quote" Åsa ☃', n: 1e21, m: 0.1, neg: -0 })).toBe(
      '{"m":0.1,"n":1e+21,"neg":0,"s":"line\\n\\"quote\\" Åsa ☃"}',
    );
  });

  it('leaves out undefined properties, like JSON.stringify', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('accepts objects without a prototype', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.k = 'v';
    expect(canonicalJson(o)).toBe('{"k":"v"}');
  });

  it.each([
    ['NaN', { n: Number.NaN }, /\$\.n is NaN/],
    ['Infinity', [Number.POSITIVE_INFINITY], /\$\[0\] is Infinity/],
    ['a Date', { at: new Date(0) }, /\$\.at is a Date/],
    ['a Map', new Map(), /\$ is a Map/],
    ['a bigint', { n: 1n }, /bigint/],
    ['a function', { f: () => 1 }, /function/],
    ['undefined at the top', undefined, /undefined/],
    ['undefined in an array', [1, undefined], /\$\[1\] is undefined/],
  ])('rejects %s', (_what, value, message) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(value)).toThrow(message);
  });

  it('rejects a cycle but accepts the same object twice side by side', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/refers back to itself/);
  });

  it('round-trips through JSON.parse to an equal value', () => {
    const value = { name: 'Matti', phone: '+358 40 123', tags: ['a', 'b'], nested: { ok: false } };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});
