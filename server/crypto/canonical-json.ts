/**
 * Canonical JSON: one byte-exact text for one value, whatever order its keys
 * were built in. Sealing and (later) the audit trail's MAC need a stable form,
 * because a MAC or a test comparing ciphertext inputs must not depend on
 * property insertion order.
 *
 * The output follows RFC 8785 (JSON Canonicalization Scheme) for the values
 * accepted here: object keys sorted by UTF-16 code units (what
 * `Array.prototype.sort` does), no whitespace, strings and numbers written as
 * `JSON.stringify` writes them (ECMAScript number serialisation, as JCS
 * specifies).
 */

/** Thrown for a value that has no single JSON form (a Date, a Map, NaN, a cycle...). */
export class CanonicalJsonError extends TypeError {
  override name = 'CanonicalJsonError';
}

/**
 * The canonical JSON text of a plain JSON value: null, booleans, finite
 * numbers, strings, arrays and plain objects. Object properties whose value is
 * `undefined` are left out, as `JSON.stringify` does (optional form fields);
 * anything else outside JSON throws a {@link CanonicalJsonError} instead of
 * being silently changed (a Map would otherwise become `{}` and lose data).
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}

function write(value: unknown, path: string, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path} is ${value}, which JSON cannot hold`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`${path} is a ${typeof value}, which JSON cannot hold`);
  }
  if (ancestors.has(value)) throw new CanonicalJsonError(`${path} refers back to itself`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items = value.map((item: unknown, i) => {
        // JSON.stringify would write null for a hole or undefined: that changes the data.
        if (item === undefined) throw new CanonicalJsonError(`${path}[${i}] is undefined`);
        return write(item, `${path}[${i}]`, ancestors);
      });
      return `[${items.join(',')}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new CanonicalJsonError(`${path} is a ${name}, not a plain object`);
    }
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const member = record[key];
      if (member === undefined) continue;
      members.push(`${JSON.stringify(key)}:${write(member, `${path}.${key}`, ancestors)}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}
