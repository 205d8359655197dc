/**
 * The flood challenge's cost: solve time of the form's own worker in
 * Chromium at the difficulty the server gives (FLOOD_PROOF_BITS, 16 by
 * default; each doubling of the flood adds a bit), and the server's check.
 * Part of `npm run bench`; needs the built site and Chromium (CHROMIUM_PATH).
 */
import { createSecretKey } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { checkProof, issueChallenge } from '../../server/forms/challenge.ts';
import { startBenchServer } from './load.ts';

const SOLVES = 40;
const worker = readdirSync('dist/_astro').find((f) => /^proof-worker.*\.js$/.test(f));
if (!worker) throw new Error('no proof-worker script in dist/_astro: build first');

const server = await startBenchServer(4506, {});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/en/contact-form/`);
  const byBits = new Map<number, { ms: number; tries: number }[]>();
  for (const extra of [0, 2]) {
    for (let i = 0; i < SOLVES; i++) {
      const { challenge, bits } = (await (await fetch(`${server.url}/api/forms/challenge?kind=contact`)).json()) as { challenge: string; bits: number };
      // The same challenge format at more bits, as a bigger flood asks (signed by no one: only the work is measured).
      const asked = extra ? challenge.replace(/^(c1\.\w+\.\d+\.)(\d+)\./, (_, head: string, b: string) => `${head}${Number(b) + extra}.`) : challenge;
      const run = await page.evaluate(
        ({ url, challenge }) =>
          new Promise<{ ms: number; solution: number }>((resolve) => {
            const started = performance.now();
            const w = new Worker(url, { type: 'module' });
            w.onmessage = (event: MessageEvent<{ solution?: string }>) => {
              if (event.data.solution === undefined) return;
              w.terminate();
              resolve({ ms: performance.now() - started, solution: Number(event.data.solution) });
            };
            w.postMessage({ challenge });
          }),
        { url: `/_astro/${worker}`, challenge: asked },
      );
      const list = byBits.get(bits + extra) ?? [];
      list.push({ ms: run.ms, tries: run.solution + 1 });
      byBits.set(bits + extra, list);
    }
  }
  const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  console.log(`\nFlood challenge in Chromium (the form's worker, ${SOLVES} solves per difficulty, worker start included)`);
  for (const [bits, runs] of byBits) {
    const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
    const rate = runs.reduce((s, r) => s + r.tries, 0) / (runs.reduce((s, r) => s + r.ms, 0) / 1000);
    console.log(`  ${bits} bits: median ${pct(ms, 50).toFixed(0)} ms, p90 ${pct(ms, 90).toFixed(0)} ms, max ${ms.at(-1)!.toFixed(0)} ms; ${(rate / 1e6).toFixed(2)} M hashes/s`);
  }
} finally {
  await browser.close();
  await server.stop();
}

// The server's side: one HMAC and one SHA-256 per submission.
const key = createSecretKey(Buffer.alloc(32, 3));
const now = new Date();
const proof = `${issueChallenge(key, 'contact', 1, now)}:0`;
const N = 200_000;
for (let i = 0; i < 10_000; i++) checkProof(key, proof, 'contact', now);
const started = process.hrtime.bigint();
for (let i = 0; i < N; i++) checkProof(key, proof, 'contact', now);
console.log(`  server check: ${(Number(process.hrtime.bigint() - started) / N / 1000).toFixed(1)} µs a proof (${N.toLocaleString('en')} checks)`);
