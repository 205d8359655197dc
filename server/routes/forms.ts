import { createHash, type KeyObject } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { concernSchema } from '../../src/shared/forms/concern.schema.ts';
import { contactSchema } from '../../src/shared/forms/contact.schema.ts';
import { splitSubmission, submissionMetaSchema } from '../../src/shared/forms/submission.ts';
import type { LocaleCode } from '../../src/i18n/locales.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { clientHash } from '../forms/rate-limit.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { requestAddress } from '../http/request-address.ts';
import { requireSameOrigin } from '../http/same-origin.ts';
import { isSpam, prepareCase, type ValidSubmission } from '../forms/prepare-case.ts';
import { storeCase } from '../forms/store-case.ts';
import { responseLocale, translate } from '../i18n.ts';
import type { IntakePublicKey } from '../crypto/keys.ts';
import { newReference } from '../intake/reference.ts';
import type { BlockList } from 'node:net';

/** What the form routes need. */
export interface FormRouteDeps {
  database: Pick<DatabaseHandle, 'query'>;
  publicOrigin: string;
  intakeKey: () => IntakePublicKey;
  proxies: BlockList;
  clientKey: KeyObject;
  minFillMs: number;
  cutoff: string;
  /** Told after a case commits, so the team's mail goes out at once. */
  onStored: () => void;
  now?: () => Date;
}

/** One field's error, its message in the request's language. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

const MAX_BODY_BYTES = 64 * 1024;
const schemas = { contact: contactSchema, concern: concernSchema } as const;

type Issue = { path: readonly PropertyKey[]; code: string; message: string };
const toErrors = (issues: readonly Issue[], locale: LocaleCode, prefix = ''): FieldError[] =>
  issues.map((i) => ({ path: prefix + i.path.map(String).join('.'), code: i.code, message: translate(locale, i.message) }));

function badRequest(c: Context, errors: FieldError[]) {
  return c.json({ errors }, 400);
}

/**
 * `POST /api/forms/contact` and `POST /api/forms/concern`: same-origin JSON
 * of at most 64 KB, validated with the schema the form itself uses, stored
 * encrypted in one transaction, answered 201 with the reference only after
 * the commit.
 */
export function formRoutes(deps: FormRouteDeps) {
  const now = deps.now ?? (() => new Date());
  return new Hono().post(
    '/:kind{contact|concern}',
    requireSameOrigin(deps.publicOrigin),
    async (c, next) => {
      const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') return c.json({ error: 'unsupported_media_type' }, 415);
      await next();
    },
    async (c) => {
      const kind = c.req.param('kind') as keyof typeof schemas;
      const read = await readJsonBody(c, MAX_BODY_BYTES);
      if (!read.ok && read.problem === 'too_large') return c.json({ error: 'payload_too_large' }, 413);
      if (!read.ok) {
        const locale = responseLocale(undefined, c.req.header('Accept-Language'));
        return badRequest(c, [{ path: '', code: 'invalid_json', message: translate(locale, 'form.error.invalid') }]);
      }
      const body = read.value;
      const { fields, meta } = splitSubmission(body);
      const locale = responseLocale((meta as { locale?: unknown } | undefined)?.locale, c.req.header('Accept-Language'));
      const parsedMeta = submissionMetaSchema.safeParse(meta);
      const parsedFields = schemas[kind].safeParse(fields);
      const errors = [
        ...(parsedFields.success ? [] : toErrors(parsedFields.error.issues, locale)),
        ...(parsedMeta.success ? [] : toErrors(parsedMeta.error.issues, locale, 'meta.')),
      ];
      if (!parsedFields.success || !parsedMeta.success) return badRequest(c, errors);

      const key = c.req.header('Idempotency-Key');
      if (key !== undefined && !/^[\w-]{8,128}$/.test(key)) {
        return badRequest(c, [{ path: 'Idempotency-Key', code: 'invalid_header', message: translate(locale, 'form.error.invalid') }]);
      }
      const receivedAt = now();
      const address = requestAddress(c, deps.proxies);
      const submission = { kind, fields: parsedFields.data } as ValidSubmission;
      const result = await storeCase(deps.database, {
        build: prepareCase(submission, parsedMeta.data, {
          key: deps.intakeKey(),
          receivedAt,
          cutoff: deps.cutoff,
          spam: isSpam(parsedMeta.data, { minFillMs: deps.minFillMs }),
        }),
        newReference,
        client: clientHash(address, deps.clientKey),
        idempotencyKeyHash: key ? createHash('sha256').update(`${kind}:${key}`).digest('base64url') : undefined,
      });
      if (result.outcome === 'limited') {
        c.header('Retry-After', String(result.refusal.retryAfterSeconds));
        return c.json(
          { error: 'rate_limited' as const, scope: result.refusal.scope, message: translate(locale, 'form.error.rateLimited') },
          429,
        );
      }
      if (result.outcome === 'stored') deps.onStored();
      c.header('Cache-Control', 'no-store');
      return c.json({ reference: result.reference, dueAt: result.dueAt.toISOString() }, 201);
    },
  );
}
