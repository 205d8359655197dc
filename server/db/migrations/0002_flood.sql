-- Flood protection (issue 13) and the rate and idempotency holes of issue 15.
--
-- Rate events are counted per network with two hashes and kept by the minute,
-- so they can no longer be joined to a case's created_at; the rows written
-- before (full timestamps, per-address hashes) go now: at most one window of
-- per-client counting is forgotten.
DELETE FROM "rate_events";--> statement-breakpoint
ALTER TABLE "rate_events" ALTER COLUMN "at" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "rate_events" ADD COLUMN "wide_hash" text NOT NULL;--> statement-breakpoint
CREATE INDEX "rate_events_wide_at" ON "rate_events" USING btree ("wide_hash","at");--> statement-breakpoint
CREATE INDEX "rate_events_at" ON "rate_events" USING btree ("at");--> statement-breakpoint
-- The site's hourly ceiling is gone; the counters now count accepted
-- submissions per minute (scope 'case', for flood mode) and stored spam per
-- hour (scope 'spam'). The old hourly rows mean neither.
DELETE FROM "rate_counters";--> statement-breakpoint
ALTER TABLE "rate_counters" DROP CONSTRAINT "rate_counters_window_shard_pk";--> statement-breakpoint
ALTER TABLE "rate_counters" ADD COLUMN "scope" text NOT NULL;--> statement-breakpoint
ALTER TABLE "rate_counters" ADD CONSTRAINT "rate_counters_scope_window_shard_pk" PRIMARY KEY("scope","window","shard");--> statement-breakpoint
-- A key's hash now includes the client's network, so keys stored before can
-- no longer be found; they expire within a day. Their body hash is empty,
-- which matches no body.
ALTER TABLE "idempotency_keys" ADD COLUMN "body_hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ALTER COLUMN "body_hash" DROP DEFAULT;--> statement-breakpoint
CREATE TABLE "challenge_uses" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "challenge_uses_expires_at" ON "challenge_uses" USING btree ("expires_at");--> statement-breakpoint
DROP FUNCTION "submit_case"(text, timestamptz, integer, timestamptz, integer, integer, text, timestamptz, timestamptz,
	text, text, text, text, text, text[], text, text, boolean, text, text, integer, timestamptz, text, bytea, bytea, bytea);--> statement-breakpoint
-- A submission is stored by one call of this function: one round trip, one
-- implicit transaction (see 0001_submit_case.sql for why a function), all or
-- nothing. server/forms/store-case.ts is the only caller. The limits come in
-- as parameters.
--
-- In order:
-- 1. An Idempotency-Key already known for this network (p_key_hash includes
--    it) is answered before anything else, so the replay of an accepted
--    request is never refused or challenged: 'replay' with the case when the
--    body hash is the same, 'conflict' (nothing revealed) when it is not.
-- 2. Rate events and used challenges that have left their window are deleted,
--    a few per call, skipping rows another call is deleting.
-- 3. The wide network's lock (it holds the network too), then the limits:
--    'network' or 'wide', with `oldest`, the oldest counted minute.
-- 4. Flood mode: when the busiest minute since p_flood_since reached
--    p_flood_threshold accepted submissions, a proof of work is needed:
--    'proof' without one, 'proof_used' when its challenge was used before;
--    otherwise the challenge is recorded as used. `flood_peak` is that minute's count.
-- 5. Spam, one at a time (a lock only spam takes), past its hourly ceiling
--    is counted against the network but not stored: 'spam_dropped'.
-- 6. The idempotency claim, the case, its outbox row (not for spam), the
--    rate event (by the minute) and the minute's or hour's counter: 'stored'.
CREATE FUNCTION "submit_case"(
	p_network text,
	p_wide text,
	p_window_start timestamptz,
	p_per_network integer,
	p_per_wide integer,
	p_spam_per_hour integer,
	p_flood_threshold integer,
	p_flood_since timestamptz,
	p_proof_id text,
	p_proof_expires_at timestamptz,
	p_key_hash text,
	p_body_hash text,
	p_key_expires_at timestamptz,
	p_now timestamptz,
	p_shard integer,
	p_reference text,
	p_kind text,
	p_locale text,
	p_status text,
	p_writer text,
	p_categories text[],
	p_age_band text,
	p_urgency text,
	p_interpreter_needed boolean,
	p_contact_language text,
	p_proposed_queue text,
	p_priority integer,
	p_due_at timestamptz,
	p_sealed_key_id text,
	p_sealed_ephemeral_key bytea,
	p_sealed_nonce bytea,
	p_sealed_ciphertext bytea
) RETURNS TABLE ("outcome" text, "oldest" timestamptz, "reference" text, "due_at" timestamptz, "flood_peak" integer)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	v_minute timestamptz := date_trunc('minute', p_now);
	v_hour timestamptz := date_trunc('hour', p_now);
	v_count integer;
	v_oldest timestamptz;
	v_peak integer;
	v_case uuid;
	v_reference text;
	v_due_at timestamptz;
	v_body text;
BEGIN
	IF p_key_hash IS NOT NULL THEN
		SELECT c."reference", c."due_at", k."body_hash" INTO v_reference, v_due_at, v_body
		FROM "idempotency_keys" k JOIN "cases" c ON c."reference" = k."reference"
		WHERE k."key_hash" = p_key_hash AND k."expires_at" > p_now;
		IF FOUND THEN
			IF v_body = p_body_hash THEN
				RETURN QUERY SELECT 'replay'::text, NULL::timestamptz, v_reference, v_due_at, NULL::integer;
			ELSE
				RETURN QUERY SELECT 'conflict'::text, NULL::timestamptz, NULL::text, NULL::timestamptz, NULL::integer;
			END IF;
			RETURN;
		END IF;
	END IF;
	DELETE FROM "rate_events" WHERE "id" IN (
		SELECT e."id" FROM "rate_events" e WHERE e."at" < p_window_start ORDER BY e."at" LIMIT 20 FOR UPDATE SKIP LOCKED);
	DELETE FROM "challenge_uses" WHERE "id" IN (
		SELECT u."id" FROM "challenge_uses" u WHERE u."expires_at" <= p_now ORDER BY u."expires_at" LIMIT 20 FOR UPDATE SKIP LOCKED);
	-- Parallel submissions of one wide network are counted one after another;
	-- different wide networks never wait for each other.
	PERFORM pg_advisory_xact_lock(hashtextextended(p_wide, 0));
	SELECT count(*), min(r."at") INTO v_count, v_oldest
	FROM (SELECT e."at" FROM "rate_events" e WHERE e."client_hash" = p_network AND e."at" >= p_window_start ORDER BY e."at" LIMIT p_per_network) r;
	IF v_count >= p_per_network THEN
		RETURN QUERY SELECT 'network'::text, v_oldest, NULL::text, NULL::timestamptz, NULL::integer;
		RETURN;
	END IF;
	SELECT count(*), min(r."at") INTO v_count, v_oldest
	FROM (SELECT e."at" FROM "rate_events" e WHERE e."wide_hash" = p_wide AND e."at" >= p_window_start ORDER BY e."at" LIMIT p_per_wide) r;
	IF v_count >= p_per_wide THEN
		RETURN QUERY SELECT 'wide'::text, v_oldest, NULL::text, NULL::timestamptz, NULL::integer;
		RETURN;
	END IF;
	-- The shards are summed without locking them: no submission waits on another's counter row.
	SELECT coalesce(max(m."n"), 0) INTO v_peak
	FROM (SELECT sum(c."count")::integer AS "n" FROM "rate_counters" c
		WHERE c."scope" = 'case' AND c."window" >= p_flood_since GROUP BY c."window") m;
	IF v_peak >= p_flood_threshold THEN
		IF p_proof_id IS NULL THEN
			RETURN QUERY SELECT 'proof'::text, NULL::timestamptz, NULL::text, NULL::timestamptz, v_peak;
			RETURN;
		END IF;
		-- Waits for a parallel use of the same challenge to commit; then it was used.
		INSERT INTO "challenge_uses" ("id", "expires_at") VALUES (p_proof_id, p_proof_expires_at) ON CONFLICT DO NOTHING;
		IF NOT FOUND THEN
			RETURN QUERY SELECT 'proof_used'::text, NULL::timestamptz, NULL::text, NULL::timestamptz, v_peak;
			RETURN;
		END IF;
	END IF;
	-- Spam is counted one at a time, so its ceiling holds exactly; real submissions never take this lock.
	IF p_status = 'spam' THEN
		PERFORM pg_advisory_xact_lock(hashtextextended('anchor:spam-ceiling', 0));
	END IF;
	IF p_status = 'spam' AND (SELECT coalesce(sum(c."count"), 0) FROM "rate_counters" c
		WHERE c."scope" = 'spam' AND c."window" = v_hour) >= p_spam_per_hour THEN
		INSERT INTO "rate_events" ("client_hash", "wide_hash", "at") VALUES (p_network, p_wide, v_minute);
		RETURN QUERY SELECT 'spam_dropped'::text, NULL::timestamptz, NULL::text, NULL::timestamptz, v_peak;
		RETURN;
	END IF;
	IF p_key_hash IS NOT NULL THEN
		-- Waits for a parallel claim of the same key to commit or roll back; a
		-- key past its expiry that retention has not yet deleted is claimed anew.
		INSERT INTO "idempotency_keys" ("key_hash", "reference", "body_hash", "created_at", "expires_at")
		VALUES (p_key_hash, p_reference, p_body_hash, p_now, p_key_expires_at)
		ON CONFLICT ("key_hash") DO UPDATE
		SET "reference" = excluded."reference", "body_hash" = excluded."body_hash",
			"created_at" = excluded."created_at", "expires_at" = excluded."expires_at"
		WHERE "idempotency_keys"."expires_at" <= p_now;
		IF NOT FOUND THEN
			-- A parallel request claimed the key and committed while this one waited.
			SELECT c."reference", c."due_at", k."body_hash" INTO v_reference, v_due_at, v_body
			FROM "idempotency_keys" k JOIN "cases" c ON c."reference" = k."reference"
			WHERE k."key_hash" = p_key_hash;
			IF v_body = p_body_hash THEN
				RETURN QUERY SELECT 'replay'::text, NULL::timestamptz, v_reference, v_due_at, NULL::integer;
			ELSE
				RETURN QUERY SELECT 'conflict'::text, NULL::timestamptz, NULL::text, NULL::timestamptz, NULL::integer;
			END IF;
			RETURN;
		END IF;
	END IF;
	INSERT INTO "cases" ("reference", "kind", "locale", "status", "writer", "categories", "age_band", "urgency",
		"interpreter_needed", "contact_language", "proposed_queue", "priority", "due_at", "sealed_key_id",
		"sealed_ephemeral_key", "sealed_nonce", "sealed_ciphertext", "created_at", "updated_at")
	VALUES (p_reference, p_kind, p_locale, p_status, p_writer, p_categories, p_age_band, p_urgency,
		p_interpreter_needed, p_contact_language, p_proposed_queue, p_priority, p_due_at, p_sealed_key_id,
		p_sealed_ephemeral_key, p_sealed_nonce, p_sealed_ciphertext, p_now, p_now)
	RETURNING "id" INTO v_case;
	-- Spam is stored out of the queue and nobody is told of it.
	IF p_status <> 'spam' THEN
		INSERT INTO "outbox" ("case_id", "kind", "next_attempt_at") VALUES (v_case, 'new-case-mail', p_now);
	END IF;
	INSERT INTO "rate_events" ("client_hash", "wide_hash", "at") VALUES (p_network, p_wide, v_minute);
	IF p_status = 'spam' THEN
		INSERT INTO "rate_counters" ("scope", "window", "shard", "count") VALUES ('spam', v_hour, p_shard, 1)
		ON CONFLICT ("scope", "window", "shard") DO UPDATE SET "count" = "rate_counters"."count" + 1;
	ELSE
		INSERT INTO "rate_counters" ("scope", "window", "shard", "count") VALUES ('case', v_minute, p_shard, 1)
		ON CONFLICT ("scope", "window", "shard") DO UPDATE SET "count" = "rate_counters"."count" + 1;
	END IF;
	RETURN QUERY SELECT 'stored'::text, NULL::timestamptz, p_reference, p_due_at, v_peak;
END
$$;
