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

/** SHA-256's compression of the 64-byte block at `at` into `state`. */
function compress(state: Int32Array, bytes: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++) {
    const j = at + i * 4;
    w[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!, e = state[4]!, f = state[5]!, g = state[6]!, hh = state[7]!;
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
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
  state[5] = (state[5]! + f) | 0;
  state[6] = (state[6]! + g) | 0;
  state[7] = (state[7]! + hh) | 0;
}

/**
 * SHA-256 of a message whose first `done` bytes (a multiple of 64) are
 * already compressed into `midstate`, and whose rest is `tail[0..length)`;
 * `tail` has room for the padding.
 */
function sha256(midstate: Int32Array, done: number, tail: Uint8Array, length: number): Uint8Array {
  const padded = (((length + 8) >> 6) + 1) << 6;
  tail.fill(0, length, padded);
  tail[length] = 0x80;
  const bits = (done + length) * 8;
  tail[padded - 4] = bits >>> 24;
  tail[padded - 3] = bits >>> 16;
  tail[padded - 2] = bits >>> 8;
  tail[padded - 1] = bits;
  h.set(midstate);
  for (let block = 0; block < padded; block += 64) compress(h, tail, block);
  for (let i = 0; i < 8; i++) {
    digest[i * 4] = h[i]! >>> 24;
    digest[i * 4 + 1] = h[i]! >>> 16;
    digest[i * 4 + 2] = h[i]! >>> 8;
    digest[i * 4 + 3] = h[i]!;
  }
  return digest;
}

/**
 * Finds the solution of a challenge; `progress` is told every 16,384 tries.
 * The whole 64-byte blocks of `challenge:` are the same for every try, so
 * they are compressed once (about half the work for a server's challenge).
 */
export function solve(challenge: string, progress: (tried: number) => void = () => {}): number {
  const bits = challengeBits(challenge);
  const prefix = new TextEncoder().encode(proofInput(challenge, ''));
  const done = prefix.length - (prefix.length % 64);
  const midstate = Int32Array.from(INITIAL);
  for (let block = 0; block < done; block += 64) compress(midstate, prefix, block);
  const rest = prefix.length - done;
  const tail = new Uint8Array(rest + 16 + 72);
  tail.set(prefix.subarray(done));
  for (let n = 0; ; n++) {
    let length = rest;
    const digits = String(n);
    for (let i = 0; i < digits.length; i++) tail[length++] = digits.charCodeAt(i);
    if (hasLeadingZeroBits(sha256(midstate, done, tail, length), bits)) return n;
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
