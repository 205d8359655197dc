-- A submission is stored by one call of this function, so it costs the server
-- one round trip and one implicit transaction (the call is a single statement
-- in autocommit): the per-client lock, the rate limits, the idempotency claim,
-- the case, its outbox row and the rate counters, all or nothing.
--
-- Why a function and not a statement: the per-client limit must count the
-- submissions that a parallel request of the same client committed while this
-- one waited for the client's lock. A single statement reads one snapshot taken
-- before the wait; a VOLATILE PL/pgSQL function takes a fresh snapshot for each
-- statement in it (READ COMMITTED), so the count after the lock is exact. Its
-- plans are cached per connection, which also spares planning the inserts on
-- every submission. server/forms/store-case.ts is the only caller.
--
-- Outcomes: 'stored' (committed), 'client' (per-client limit; `oldest` is the
-- oldest counted submission, for Retry-After), 'site' (hourly ceiling) and
-- 'replay' (the Idempotency-Key already names a case, maybe claimed by a
-- parallel request while this one waited; `reference` and `due_at` are that
-- case's, and nothing was written). A replay is answered before the limits, so
-- a repeated submit of an accepted request is never refused.
CREATE FUNCTION "submit_case"(
	p_client text,
	p_window_start timestamptz,
	p_per_client integer,
	p_hour timestamptz,
	p_site_per_hour integer,
	p_shard integer,
	p_key_hash text,
	p_key_expires_at timestamptz,
	p_now timestamptz,
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
) RETURNS TABLE ("outcome" text, "oldest" timestamptz, "reference" text, "due_at" timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	v_recent integer;
	v_oldest timestamptz;
	v_case uuid;
	v_reference text;
	v_due_at timestamptz;
BEGIN
	IF p_key_hash IS NOT NULL THEN
		SELECT c."reference", c."due_at" INTO v_reference, v_due_at
		FROM "idempotency_keys" k JOIN "cases" c ON c."reference" = k."reference"
		WHERE k."key_hash" = p_key_hash AND k."expires_at" > p_now;
		IF FOUND THEN
			RETURN QUERY SELECT 'replay'::text, NULL::timestamptz, v_reference, v_due_at;
			RETURN;
		END IF;
	END IF;
	-- Parallel submissions of one client are counted one after another;
	-- different clients never wait for each other.
	PERFORM pg_advisory_xact_lock(hashtextextended(p_client, 0));
	SELECT count(*), min(r."at") INTO v_recent, v_oldest
	FROM (
		SELECT e."at" FROM "rate_events" e
		WHERE e."client_hash" = p_client AND e."at" > p_window_start
		ORDER BY e."at" LIMIT p_per_client
	) r;
	IF v_recent >= p_per_client THEN
		RETURN QUERY SELECT 'client'::text, v_oldest, NULL::text, NULL::timestamptz;
		RETURN;
	END IF;
	-- The site's ceiling sums the shards without locking them: no submission waits on another's counter row.
	IF (SELECT coalesce(sum(c."count"), 0) FROM "rate_counters" c WHERE c."window" = p_hour) >= p_site_per_hour THEN
		RETURN QUERY SELECT 'site'::text, NULL::timestamptz, NULL::text, NULL::timestamptz;
		RETURN;
	END IF;
	IF p_key_hash IS NOT NULL THEN
		-- Waits for a parallel claim of the same key to commit or roll back; a
		-- key past its expiry that retention has not yet deleted is claimed anew.
		INSERT INTO "idempotency_keys" ("key_hash", "reference", "created_at", "expires_at")
		VALUES (p_key_hash, p_reference, p_now, p_key_expires_at)
		ON CONFLICT ("key_hash") DO UPDATE
		SET "reference" = excluded."reference", "created_at" = excluded."created_at", "expires_at" = excluded."expires_at"
		WHERE "idempotency_keys"."expires_at" <= p_now;
		IF NOT FOUND THEN
			-- A parallel request claimed the key and committed while this one waited.
			SELECT c."reference", c."due_at" INTO v_reference, v_due_at
			FROM "idempotency_keys" k JOIN "cases" c ON c."reference" = k."reference"
			WHERE k."key_hash" = p_key_hash;
			RETURN QUERY SELECT 'replay'::text, NULL::timestamptz, v_reference, v_due_at;
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
	INSERT INTO "rate_events" ("client_hash", "at") VALUES (p_client, p_now);
	INSERT INTO "rate_counters" ("window", "shard", "count") VALUES (p_hour, p_shard, 1)
	ON CONFLICT ("window", "shard") DO UPDATE SET "count" = "rate_counters"."count" + 1;
	RETURN QUERY SELECT 'stored'::text, NULL::timestamptz, p_reference, p_due_at;
END
$$;
