import { createHash, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../crypto/canonical-json.ts';
import { proofHeader } from '../../src/shared/flood/proof.ts';
import { checkProof, issueChallenge, proofBits } from '../forms/challenge.ts';
import { floodStatus, type FloodMonitor } from '../forms/flood-monitor.ts';
import { clientNetworks } from '../http/client-address.ts';
import { Hono, type Context } from 'hono';
import { concernSchema } from '../../src/shared/forms/concern.schema.ts';
import { contactSchema } from '../../src/shared/forms/contact.schema.ts';
import { formKinds, splitSubmission, submissionMetaSchema } from '../../src/shared/forms/submission.ts';
import type { LocaleCode } from '../../src/i18n/locales.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { clientHash, type RateLimits } from '../forms/rate-limit.ts';
import { readJsonBody } from '../http/read-json-body.ts';
import { requestAddress } from '../http/request-address.ts';
import { requireSameOrigin } from '../http/same-origin.ts';
import { prepareCase, spamReasons, type ValidSubmission } from '../forms/prepare-case.ts';
import { recordHeld } from '../casework/spam.ts';
import { storeCase } from '../forms/store-case.ts';
import { responseLocale, translate } from '../i18n.ts';
import type { IntakePublicKey } from '../crypto/keys.ts';
import { newReference } from '../intake/reference.ts';
import { promisedBy, type DueUrgency, type ServiceCommitments } from '../intake/due-date.ts';
import { submissions } from '../metrics/metrics.ts';
import type { BlockList } from 'node:net';

/** What the form routes need. */
export interface FormRouteDeps {
  database: Pick<DatabaseHandle, 'query'>;
  publicOrigin: string;
  intakeKey: () => IntakePublicKey;
  proxies: BlockList;
  clientKey: KeyObject;
  /** The key of the flood challenges (CHALLENGE_KEY). */
  challengeKey: KeyObject;
  limits: RateLimits;
  flood: FloodMonitor;
  minFillMs: number;
  cutoff: string;
  /** The staff queue's internal targets in working days (DUE_WORKING_DAYS_*); never told to the sender. */
  targets?: Readonly<Record<DueUrgency, number>>;
  /** What the deployer has agreed to tell senders (config/deployment.json); null: no promise. */
  commitments: ServiceCommitments;
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

/** The answers a submission's Idempotency-Key is bound to: the body without the moment Send was pressed. */
function bodyHash(kind: string, fields: Record<string, unknown>, meta: { locale: string; website: string; startedAt: number }): string {
  const { locale, website, startedAt } = meta;
  return createHash('sha256').update(canonicalJson({ kind, fields, meta: { locale, website, startedAt } })).digest('base64url');
}

/**
 * `POST /api/forms/contact` and `POST /api/forms/concern`: same-origin JSON
 * of at most 64 KB, validated with the schema the form itself uses, stored
 * encrypted in one transaction, answered 201 with the reference only after
 * the commit, and with `promisedBy` (an ISO date) only when the deployer has
 * a service commitment for the request's urgency. In flood mode a submission without a valid, unused proof of
 * work is answered 428 with a challenge. `GET /api/forms/challenge?kind=`
 * gives a challenge at the current difficulty.
 */

/** Counts an answered submission for /metrics (a form, an outcome, and for a refusal why). */
function countSubmission(form: string, outcome: 'stored' | 'spam' | 'spam_dropped' | 'replayed' | 'refused', reason = ''): void {
  submissions.inc({ form, outcome, reason });
}
export function formRoutes(deps: FormRouteDeps) {
  const now = deps.now ?? (() => new Date());
  const { limits } = deps;
  const challengeFor = (kind: string, peak: number, at: Date) => {
    const bits = proofBits(limits.proofBits, peak, limits.floodThresholdPerMinute);
    return { challenge: issueChallenge(deps.challengeKey, kind, bits, at), bits };
  };
  return new Hono()
    .get('/challenge', async (c) => {
      const kind = c.req.query('kind');
      c.header('Cache-Control', 'no-store');
      if (!formKinds.includes(kind as (typeof formKinds)[number])) return c.json({ error: 'unknown_form' as const }, 400);
      const at = now();
      const status = await floodStatus(deps.database, at);
      return c.json({ ...challengeFor(kind!, status.peakPerMinute, at), flood: status.active }, 200);
    })
    .post(
      '/:kind{contact|concern}',
      requireSameOrigin(deps.publicOrigin),
      async (c, next) => {
        const type = (c.req.header('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (type !== 'application/json') {
          countSubmission(c.req.param('kind'), 'refused', 'unsupported_media_type');
          return c.json({ error: 'unsupported_media_type' }, 415);
        }
        await next();
      },
      async (c) => {
        const kind = c.req.param('kind') as keyof typeof schemas;
        const read = await readJsonBody(c, MAX_BODY_BYTES);
        if (!read.ok && read.problem === 'too_large') {
          countSubmission(kind, 'refused', 'too_large');
          return c.json({ error: 'payload_too_large' }, 413);
        }
        if (!read.ok) {
          countSubmission(kind, 'refused', 'invalid');
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
        if (!parsedFields.success || !parsedMeta.success) {
          countSubmission(kind, 'refused', 'invalid');
          return badRequest(c, errors);
        }

        const key = c.req.header('Idempotency-Key');
        if (key !== undefined && !/^[\w-]{8,128}$/.test(key)) {
          countSubmission(kind, 'refused', 'invalid');
          return badRequest(c, [{ path: 'Idempotency-Key', code: 'invalid_header', message: translate(locale, 'form.error.invalid') }]);
        }
        const receivedAt = now();
        const networks = clientNetworks(requestAddress(c, deps.proxies));
        const network = clientHash(networks.network, deps.clientKey);
        const proofText = c.req.header(proofHeader);
        const checked = proofText === undefined ? undefined : checkProof(deps.challengeKey, proofText, kind, receivedAt);
        // A challenge issued while the flood was smaller is too easy for it now (at most a minute's view, this instance's).
        const required = proofBits(limits.proofBits, deps.flood.recentPeak(receivedAt), limits.floodThresholdPerMinute);
        const proof = checked?.ok && checked.bits < required ? ({ ok: false, problem: 'too_easy' } as const) : checked;
        const submission = { kind, fields: parsedFields.data } as ValidSubmission;
        const held = spamReasons(parsedMeta.data, { minFillMs: deps.minFillMs });
        const result = await storeCase(deps.database, {
          build: prepareCase(submission, parsedMeta.data, {
            key: deps.intakeKey(),
            receivedAt,
            cutoff: deps.cutoff,
            targets: deps.targets,
            spam: held.length > 0,
          }),
          newReference,
          network,
          wide: clientHash(networks.wide, deps.clientKey),
          // A key names a case only for the network that sent it, and only with the answers it came with.
          idempotencyKeyHash: key ? createHash('sha256').update(`${kind}:${network}:${key}`).digest('base64url') : undefined,
          // The answers as validated (unknown keys dropped), so nothing outside the form's schema is hashed.
          bodyHash: bodyHash(kind, parsedFields.data as Record<string, unknown>, parsedMeta.data),
          proof: proof?.ok ? { id: proof.id, expiresAt: proof.expiresAt } : undefined,
          now: receivedAt,
        });
        c.header('Cache-Control', 'no-store');
        // The sender learns a date only when the deployer has committed to one, for the urgency the sender chose;
        // the internal target (dueAt) stays with the staff. A replay counts from now: never an earlier date than first told.
        const accepted = (reference: string) => {
          const urgency: DueUrgency = kind === 'concern' ? (parsedFields.data as { urgency: DueUrgency }).urgency : 'normal';
          const promised = promisedBy(receivedAt, urgency, deps.commitments, { cutoff: deps.cutoff });
          return c.json({ reference, ...(promised ? { promisedBy: promised } : {}) }, 201);
        };
        switch (result.outcome) {
          case 'limited':
            countSubmission(kind, 'refused', 'rate_limited');
            c.header('Retry-After', String(result.refusal.retryAfterSeconds));
            return c.json(
              { error: 'rate_limited' as const, scope: result.refusal.scope, message: translate(locale, 'form.error.rateLimited') },
              429,
            );
          case 'conflict':
            countSubmission(kind, 'refused', 'idempotency_key_reused');
            return c.json({ error: 'idempotency_key_reused' as const, message: translate(locale, 'form.error.invalid') }, 409);
          case 'proof_required': {
            countSubmission(kind, 'refused', 'proof_required');
            deps.flood.observe(result.floodPeak, receivedAt);
            const problem = result.used ? 'used' : proof && !proof.ok ? proof.problem : proofText === undefined ? 'missing' : undefined;
            return c.json(
              { error: 'proof_required' as const, problem, ...challengeFor(kind, result.floodPeak, receivedAt), message: translate(locale, 'form.error.busy') },
              428,
            );
          }
          case 'spam_dropped':
            // Answered as if stored, so a bot learns nothing.
            countSubmission(kind, 'spam_dropped');
            deps.flood.spamNotStored();
            deps.flood.observe(result.floodPeak, receivedAt);
            return accepted(result.reference);
          case 'stored':
            countSubmission(kind, held.length > 0 ? 'spam' : 'stored');
            deps.flood.observe(result.floodPeak, receivedAt);
            deps.onStored();
            // Why it was held, for the spam review (after the commit; the answer is the same 201 either way).
            if (held.length > 0) await recordHeld(deps.database, result.reference, held);
            return accepted(result.reference);
          case 'replayed':
            countSubmission(kind, 'replayed');
            return accepted(result.reference);
        }
      },
    );
}
