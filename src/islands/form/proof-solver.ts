/**
 * Solves a flood challenge in a Web Worker (proof-worker.ts). The worker's
 * script is fetched only here, that is only when the server answered 428, so
 * a page outside flood mode never loads it. Resolves the `Proof-Of-Work`
 * value, or undefined when the browser cannot run the worker.
 */
export function solveInWorker(challenge: string, onProgress: (tried: number) => void = () => {}): Promise<string | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./proof-worker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(undefined);
      return;
    }
    worker.onmessage = (event: MessageEvent<{ tried?: number; solution?: string }>) => {
      if (event.data.solution === undefined) {
        onProgress(event.data.tried ?? 0);
        return;
      }
      worker.terminate();
      resolve(`${challenge}:${event.data.solution}`);
    };
    worker.onerror = () => {
      worker.terminate();
      resolve(undefined);
    };
    worker.postMessage({ challenge });
  });
}
