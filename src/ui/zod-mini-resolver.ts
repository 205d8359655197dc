import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type * as z from 'zod/mini';

/**
 * A react-hook-form resolver for a zod/mini schema, written here instead of
 * pulling in @hookform/resolvers (which would also bring the full zod).
 *
 * `prepare` turns the form's raw values (strings from inputs, hidden
 * conditional fields) into the body the server will receive, so the browser
 * validates exactly what is sent. On success the resolver yields that parsed
 * body; on failure one error per field (the first, in schema order), keyed by
 * the first segment of the issue's path ("categories.0" belongs to
 * "categories"). Messages stay UI string keys; the island translates them.
 */
export function zodMiniResolver<Values extends FieldValues, Schema extends z.ZodMiniType>(
  schema: Schema,
  prepare: (values: Values) => unknown,
): Resolver<Values, unknown, z.output<Schema>> {
  return (values) => {
    const result = schema.safeParse(prepare(values));
    if (result.success) return { values: result.data, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? '');
      if (!name || errors[name]) continue;
      errors[name] = { type: issue.code, message: issue.message };
    }
    return { values: {}, errors: errors as FieldErrors<Values> };
  };
}
