/**
 * Opaque keyset cursors: the sort key of the last row of a page, base64url
 * JSON. The next page starts strictly after it, so rows added or changed in
 * between neither repeat nor shift the pages (unlike OFFSET).
 */

/** The queue's sort key: priority, due date, id. */
export interface QueueKey {
  priority: number;
  dueAt: Date;
  id: string;
}

/** A sort key by time and id (the spam review, the audit trail). */
export interface TimeKey {
  at: Date;
  id: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const encode = (value: unknown[]): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

function decode(text: string): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

// A cursor is typed by the client, so its values are checked against what the
// database can compare: JavaScript dates reach far beyond PostgreSQL's (year 0
// and years past 9999 made the query fail with a 500), and priority is an int4.
const FIRST_DATE = Date.parse('0001-01-01T00:00:00.000Z');
const LAST_DATE = Date.parse('9999-12-31T23:59:59.999Z');
const INT4_MAX = 2 ** 31 - 1;

const date = (value: unknown): Date | undefined => {
  const d = typeof value === 'string' ? new Date(value) : undefined;
  return d && d.getTime() >= FIRST_DATE && d.getTime() <= LAST_DATE ? d : undefined;
};

/** The cursor after a queue row. */
export const queueCursor = (key: QueueKey): string => encode([key.priority, key.dueAt.toISOString(), key.id]);

/** A queue cursor's key, or undefined when it is not one. */
export function parseQueueCursor(text: string): QueueKey | undefined {
  const [priority, dueAt, id, ...rest] = decode(text) ?? [];
  const due = date(dueAt);
  if (rest.length || !Number.isInteger(priority) || Math.abs(priority as number) > INT4_MAX || !due || typeof id !== 'string' || !uuid.test(id)) return undefined;
  return { priority: priority as number, dueAt: due, id };
}

/** The cursor after a row sorted by time. */
export const timeCursor = (key: TimeKey): string => encode([key.at.toISOString(), key.id]);

/** A time cursor's key, or undefined. */
export function parseTimeCursor(text: string): TimeKey | undefined {
  const [at, id, ...rest] = decode(text) ?? [];
  const when = date(at);
  if (rest.length || !when || typeof id !== 'string' || !uuid.test(id)) return undefined;
  return { at: when, id };
}
