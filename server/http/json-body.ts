import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import type { LocaleCode } from '../../src/i18n/locales.ts';
import { responseLocale, translate } from '../i18n.ts';

/** One field's error: where, a stable code for the UI, and the message in the request's language. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
  /** For a weak password: zxcvbn's warning key (e.g. `similarToCommon`), when it has one. */
  warning?: string;
}

/** The language of a staff API answer: the browser's Accept-Language, Finnish by default. */
export const staffLocale = (c: Context): LocaleCode => responseLocale(undefined, c.req.header('Accept-Language'));

/** One error, its message looked up from the UI strings by key. */
export function fieldError(locale: LocaleCode, path: string, code: string, key: string, warning?: string): FieldError {
  return warning ? { path, code, message: translate(locale, key), warning } : { path, code, message: translate(locale, key) };
}

type Issue = z.core.$ZodIssue;
// The schemas' messages are UI string keys.
const issueErrors = (issues: readonly Issue[], locale: LocaleCode): FieldError[] =>
  issues.map((i) => fieldError(locale, i.path.map(String).join('.'), i.code, i.message));

/** JSON bodies of at most 8 KB (a sign-in or a new user is far smaller); 415 for anything but JSON. */
export function jsonOnly(maxSize = 8 * 1024): MiddlewareHandler[] {
  return [
    async (c, next) => {
      const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') return c.json({ error: 'unsupported_media_type' }, 415);
      await next();
    },
    bodyLimit({ maxSize, onError: (c) => c.json({ error: 'payload_too_large' }, 413) }),
  ];
}

/**
 * The request body checked by a schema, or the 400 answer
 * `{ errors: [{ path, code, message }] }` to send instead.
 */
export async function parseBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<{ data: z.output<S>; response?: undefined } | { data?: undefined; response: Response }> {
  const locale = staffLocale(c);
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return { response: c.json({ errors: [fieldError(locale, '', 'invalid_json', 'form.error.invalid')] }, 400) };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { response: c.json({ errors: issueErrors(parsed.error.issues, locale) }, 400) };
  return { data: parsed.data };
}
