import pino, { type Logger } from 'pino';

/**
 * JSON logs (pino). What is logged is chosen field by field where a line is
 * written: never a request body, a personal field, a query string or an IP.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'anchor-portal' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

export type { Logger };
