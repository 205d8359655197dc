/**
 * The flood challenge's solver, run in a Web Worker so the page stays
 * responsive: counts up from 0 until SHA-256 of `challenge:n` has the
 * challenge's leading zero bits (src/shared/flood/proof.ts), telling the page
 * how many it has tried every 16,384. SHA-256 is written out here because
 * crypto.subtle's digest is a promise per hash, many times slower for
 * millions of short inputs. Loaded only when the server asks for a proof.
 */
import { challengeBits, hasLeadingZeroBits, proofInput } from '../../shared/flood/proof.ts';

const K = Int32Array.from(
  '428a2f98 71374491 b5c0fbcf e9b5dba5 3956c25b 59f111f1 923f82a4 ab1c5ed5 d807aa98 12835b01 243185be 550c7dc3 72be5d74 80deb1fe 9bdc06a7 c19bf174 e49b69c1 efbe4786 0fc19dc6 240ca1cc 2de92c6f 4a7484aa 5cb0a9dc 76f988da 983e5152 a831c66d b00327c8 bf597fc7 c6e00bf3 d5a79147 06ca6351 14292967 27b70a85 2e1b2138 4d2c6dfc 53380d13 650a7354 766a0abb 81c2c92e 92722c85 a2bfe8a1 a81a664b c24b8b70 c76c51a3 d192e819 d6990624 f40e3585 106aa070 19a4c116 1e376c08 2748774c 34b0bcb5 391c0cb3 4ed8aa4a 5b9cca4f 682e6ff3 748f82ee 78a5636f 84c87814 8cc70208 90befffa a4506ceb bef9a3f7 c67178f2'
    .split(' ')
    .map((h) => parseInt(h, 16) | 0),
);
const INITIAL = Int32Array.from('6a09e667 bb67ae85 3c6ef372 a54ff53a 510e527f 9b05688c 1f83d9ab 5be0cd19'.split(' ').map((h) => parseInt(h, 16) | 0));
const w = new Int32Array(64);
const h = new Int32Array(8);
const digest = new Uint8Array(32);

/** SHA-256 of the first `length` bytes of `buffer`, which has room for the padding. */
function sha256(buffer: Uint8Array, length: number): Uint8Array {
  const padded = (((length + 8) >> 6) + 1) << 6;
  buffer.fill(0, length, padded);
  buffer[length] = 0x80;
  const bits = length * 8;
  buffer[padded - 4] = bits >>> 24;
  buffer[padded - 3] = bits >>> 16;
  buffer[padded - 2] = bits >>> 8;
  buffer[padded - 1] = bits;
  h.set(INITIAL);
  for (let block = 0; block < padded; block += 64) {
    for (let i = 0; i < 16; i++) {
      const j = block + i * 4;
      w[i] = (buffer[j]! << 24) | (buffer[j + 1]! << 16) | (buffer[j + 2]! << 8) | buffer[j + 3]!;
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as unknown as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
    h[4] = (h[4]! + e) | 0;
    h[5] = (h[5]! + f) | 0;
    h[6] = (h[6]! + g) | 0;
    h[7] = (h[7]! + hh) | 0;
  }
  for (let i = 0; i < 8; i++) {
    digest[i * 4] = h[i]! >>> 24;
    digest[i * 4 + 1] = h[i]! >>> 16;
    digest[i * 4 + 2] = h[i]! >>> 8;
    digest[i * 4 + 3] = h[i]!;
  }
  return digest;
}

/** Finds the solution of a challenge; `progress` is told every 16,384 tries. */
export function solve(challenge: string, progress: (tried: number) => void = () => {}): number {
  const bits = challengeBits(challenge);
  const prefix = new TextEncoder().encode(proofInput(challenge, ''));
  const buffer = new Uint8Array(prefix.length + 16 + 72);
  buffer.set(prefix);
  for (let n = 0; ; n++) {
    let length = prefix.length;
    const digits = String(n);
    for (let i = 0; i < digits.length; i++) buffer[length++] = digits.charCodeAt(i);
    if (hasLeadingZeroBits(sha256(buffer, length), bits)) return n;
    if ((n & 16_383) === 16_383) progress(n + 1);
  }
}

/** The worker's side of the page's messages, typed without the webworker lib. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<{ challenge: string }>) => void) | null;
  postMessage(message: { tried: number } | { solution: string }): void;
}

// In a worker (not when a test imports this module).
if ((globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== undefined) {
  const scope = globalThis as unknown as WorkerScope;
  scope.onmessage = (event) => {
    const solution = solve(event.data.challenge, (tried) => scope.postMessage({ tried }));
    scope.postMessage({ solution: String(solution) });
  };
}
