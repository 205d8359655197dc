import { readFileSync } from 'node:fs';

/**
 * How long a connection may take, in milliseconds. Node's defaults (60 s for
 * the headers, 300 s for a whole request, no cap on connections) let a
 * client trickling a body at one byte every 10 s hold a connection for
 * about 330 s; a form's body is a few kilobytes and its headers are sent at
 * once, so 10 s and 30 s leave a slow phone plenty.
 */
export const connectionTimeouts = {
  /** From the connection (or the previous response) to the end of the request's headers. */
  headersMs: 10_000,
  /** From the same start to the end of the request's body. */
  requestMs: 30_000,
  /** An idle kept-alive connection is closed after this. */
  keepAliveMs: 5_000,
  /** How often Node checks the two above (its default, 30 s, would let a slow client stay 40 s). */
  checkEveryMs: 1_000,
} as const;

/** The soft limit of open files ("Max open files" in /proc/self/limits), or undefined where there is none to read. */
export function openFilesLimit(limitsText?: string): number | undefined {
  let text = limitsText;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return undefined;
    }
  }
  const match = /^Max open files\s+(\S+)/m.exec(text);
  if (!match) return undefined;
  return match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
}

/** Descriptors kept aside from client connections: database, listening sockets, log, files, mail. */
export function reservedDescriptors(poolSize: number, listenSockets: number): number {
  return 128 + poolSize + listenSockets;
}

/** Below this soft limit the start-up warns: the cap leaves little room for visitors. */
export const lowOpenFilesLimit = 4_096;

/** The connection cap for one process, and what start-up should warn about. */
export interface ConnectionCap {
  maxConnections: number;
  openFiles: number | undefined;
  warning?: string;
}

/**
 * MAX_CONNECTIONS when set; otherwise the open-file limit less the reserved
 * descriptors, so that the process refuses a connection (closing it at once)
 * before it runs out of descriptors (EMFILE), which would fail database
 * queries and health along with it. A process cannot raise its own hard
 * limit: the service manager sets it (systemd `LimitNOFILE`).
 */
export function connectionCap(options: { configured?: number | undefined; poolSize: number; listenSockets: number; limitsText?: string }): ConnectionCap {
  const openFiles = openFilesLimit(options.limitsText);
  const reserved = reservedDescriptors(options.poolSize, options.listenSockets);
  const room = openFiles === undefined || openFiles === Number.POSITIVE_INFINITY ? 10_000 : Math.max(16, openFiles - reserved);
  const maxConnections = options.configured ?? room;
  let warning: string | undefined;
  if (options.configured !== undefined && openFiles !== undefined && options.configured > room) {
    warning = `MAX_CONNECTIONS=${options.configured} is more than the open-file limit (${openFiles}) leaves room for (${room}): connections may fail with EMFILE; raise LimitNOFILE or lower MAX_CONNECTIONS`;
  } else if (openFiles !== undefined && openFiles < lowOpenFilesLimit) {
    warning = `The open-file limit is ${openFiles}: at most ${maxConnections} connections at a time; raise it (systemd: LimitNOFILE=65536) for more`;
  }
  return { maxConnections, openFiles, warning };
}
