-- submit_case of migration 0002_flood, hardened for a caller that may be
-- hostile (a compromised ROLE=public host holds only the right to call it):
-- - it runs as the owner (SECURITY DEFINER), with a search_path nobody can
--   plant objects in;
-- - it takes no limit, window, ceiling, threshold, expiry or counter shard
--   from the caller: the limits are in submission_settings, which only the
--   owner writes;
-- - the caller's time is used only within clock_tolerance_seconds (two
--   minutes) of the database's now(): no backdated or future submission;
-- - only the statuses new and spam;
-- - every field must fit what the forms store: lengths, fixed values, the
--   sealed envelope's shape (a 32-byte X25519 key, a 12-byte nonce, a
--   ciphertext with its 16-byte tag), and a due date in the band that
--   server/intake/due-date.ts gives from the time of arrival (urgent: 1 to 8
--   days, normal: 9 to 20 days, with an hour's slack; held by
--   server/db/submit-case.test.ts).
-- A refusal is SQLSTATE 23514 (check_violation) naming the field; nothing is
-- written. The steps and outcomes are those of 0002_flood; a refusal for the
-- network or the wide network carries the seconds to wait, since only the
-- database knows the window.
DROP FUNCTION "submit_case"(text, text, timestamptz, integer, integer, integer, integer, timestamptz, text, timestamptz,
	text, text, timestamptz, timestamptz, integer, text, text, text, text, text, text[], text, text, boolean, text, text,
	integer, timestamptz, text, bytea, bytea, bytea);
--> statement-breakpoint
CREATE FUNCTION "submit_case"(
	p_network text,
	p_wide text,
	p_proof_id text,
	p_proof_expires_at timestamptz,
	p_key_hash text,
	p_body_hash text,
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
) RETURNS TABLE ("outcome" text, "retry_after" integer, "reference" text, "due_at" timestamptz, "flood_peak" integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	s public.submission_settings%ROWTYPE;
	v_window interval;
	v_window_start timestamptz;
	v_minute timestamptz := date_trunc('minute', p_now);
	v_hour timestamptz := date_trunc('hour', p_now);
	v_shard integer := floor(random() * 16)::integer;
	v_count integer;
	v_oldest timestamptz;
	v_peak integer;
	v_case uuid;
	v_reference text;
	v_due_at timestamptz;
	v_body text;
	v_bad text;
BEGIN
	SELECT * INTO STRICT s FROM public.submission_settings WHERE id;
	v_bad := CASE
		WHEN p_now IS NULL OR abs(extract(epoch FROM p_now - now())) > s.clock_tolerance_seconds THEN 'now'
		WHEN p_network IS NULL OR length(p_network) NOT BETWEEN 16 AND 128 THEN 'network'
		WHEN p_wide IS NULL OR length(p_wide) NOT BETWEEN 16 AND 128 THEN 'wide'
		WHEN p_proof_id IS NOT NULL AND length(p_proof_id) NOT BETWEEN 16 AND 128 THEN 'proof_id'
		WHEN p_proof_id IS NOT NULL AND (p_proof_expires_at IS NULL
			OR p_proof_expires_at NOT BETWEEN p_now AND p_now + interval '11 minutes') THEN 'proof_expires_at'
		WHEN p_key_hash IS NOT NULL AND length(p_key_hash) NOT BETWEEN 16 AND 128 THEN 'key_hash'
		WHEN p_body_hash IS NULL OR length(p_body_hash) > 128 THEN 'body_hash'
		WHEN p_reference IS NULL OR p_reference !~ '^[ABCDEFGHJKMNPQRSTVWXYZ23456789]{8}$' THEN 'reference'
		WHEN p_kind IS NULL OR p_kind NOT IN ('contact', 'concern') THEN 'kind'
		WHEN p_locale IS NULL OR p_locale !~ '^[A-Za-z-]{2,16}$' THEN 'locale'
		WHEN p_status IS NULL OR p_status NOT IN ('new', 'spam') THEN 'status'
		WHEN p_writer IS NULL OR p_writer !~ '^[a-z-]{1,32}$' THEN 'writer'
		WHEN p_categories IS NULL OR cardinality(p_categories) NOT BETWEEN 1 AND 32
			OR EXISTS (SELECT 1 FROM unnest(p_categories) c WHERE c IS NULL OR c !~ '^[a-z0-9-]{1,64}$') THEN 'categories'
		WHEN p_age_band IS NOT NULL AND p_age_band !~ '^[a-z0-9+-]{1,16}$' THEN 'age_band'
		WHEN p_urgency IS NULL OR p_urgency NOT IN ('urgent', 'normal') THEN 'urgency'
		WHEN p_interpreter_needed IS NULL THEN 'interpreter_needed'
		WHEN p_contact_language IS NOT NULL AND p_contact_language !~ '^[A-Za-z-]{2,16}$' THEN 'contact_language'
		WHEN p_proposed_queue IS NULL OR p_proposed_queue !~ '^[a-z-]{1,64}$' THEN 'proposed_queue'
		WHEN p_priority IS NULL OR p_priority NOT BETWEEN 1 AND 3 THEN 'priority'
		WHEN p_due_at IS NULL
			OR (p_urgency = 'urgent' AND p_due_at NOT BETWEEN p_now + interval '23 hours' AND p_now + interval '8 days 1 hour')
			OR (p_urgency = 'normal' AND p_due_at NOT BETWEEN p_now + interval '8 days' AND p_now + interval '20 days 1 hour') THEN 'due_at'
		WHEN p_sealed_key_id IS NULL OR p_sealed_key_id !~ '^[A-Za-z0-9_.:-]{1,64}$' THEN 'sealed_key_id'
		WHEN p_sealed_ephemeral_key IS NULL OR octet_length(p_sealed_ephemeral_key) <> 32 THEN 'sealed_ephemeral_key'
		WHEN p_sealed_nonce IS NULL OR octet_length(p_sealed_nonce) <> 12 THEN 'sealed_nonce'
		WHEN p_sealed_ciphertext IS NULL OR octet_length(p_sealed_ciphertext) NOT BETWEEN 17 AND 262144 THEN 'sealed_ciphertext'
	END;
	IF v_bad IS NOT NULL THEN
		RAISE EXCEPTION 'submit_case: % is not acceptable', v_bad USING ERRCODE = 'check_violation';
	END IF;
	v_window := make_interval(secs => s.window_seconds);
	-- An event stored as minute M counts while M >= the minute of (now - window): a whole window and at most a minute more.
	v_window_start := date_trunc('minute', p_now - v_window);
	IF p_key_hash IS NOT NULL THEN
		SELECT c."reference", c."due_at", k."body_hash" INTO v_reference, v_due_at, v_body
		FROM public.idempotency_keys k JOIN public.cases c ON c."reference" = k."reference"
		WHERE k."key_hash" = p_key_hash AND k."expires_at" > p_now;
		IF FOUND THEN
			IF v_body = p_body_hash THEN
				RETURN QUERY SELECT 'replay'::text, NULL::integer, v_reference, v_due_at, NULL::integer;
			ELSE
				RETURN QUERY SELECT 'conflict'::text, NULL::integer, NULL::text, NULL::timestamptz, NULL::integer;
			END IF;
			RETURN;
		END IF;
	END IF;
	DELETE FROM public.rate_events WHERE "id" IN (
		SELECT e."id" FROM public.rate_events e WHERE e."at" < v_window_start ORDER BY e."at" LIMIT 20 FOR UPDATE SKIP LOCKED);
	DELETE FROM public.challenge_uses WHERE "id" IN (
		SELECT u."id" FROM public.challenge_uses u WHERE u."expires_at" <= p_now ORDER BY u."expires_at" LIMIT 20 FOR UPDATE SKIP LOCKED);
	-- Parallel submissions of one wide network are counted one after another;
	-- different wide networks never wait for each other.
	PERFORM pg_advisory_xact_lock(hashtextextended(p_wide, 0));
	SELECT count(*), min(r."at") INTO v_count, v_oldest
	FROM (SELECT e."at" FROM public.rate_events e WHERE e."client_hash" = p_network AND e."at" >= v_window_start ORDER BY e."at" LIMIT s.per_network) r;
	IF v_count >= s.per_network THEN
		RETURN QUERY SELECT 'network'::text, greatest(1, ceil(extract(epoch FROM v_oldest + v_window + interval '1 minute' - p_now)))::integer,
			NULL::text, NULL::timestamptz, NULL::integer;
		RETURN;
	END IF;
	SELECT count(*), min(r."at") INTO v_count, v_oldest
	FROM (SELECT e."at" FROM public.rate_events e WHERE e."wide_hash" = p_wide AND e."at" >= v_window_start ORDER BY e."at" LIMIT s.per_wide_network) r;
	IF v_count >= s.per_wide_network THEN
		RETURN QUERY SELECT 'wide'::text, greatest(1, ceil(extract(epoch FROM v_oldest + v_window + interval '1 minute' - p_now)))::integer,
			NULL::text, NULL::timestamptz, NULL::integer;
		RETURN;
	END IF;
	-- The shards are summed without locking them: no submission waits on another's counter row.
	SELECT coalesce(max(m."n"), 0) INTO v_peak
	FROM (SELECT sum(c."count")::integer AS "n" FROM public.rate_counters c
		WHERE c."scope" = 'case' AND c."window" >= v_minute - make_interval(mins => s.flood_hold_minutes - 1) GROUP BY c."window") m;
	IF v_peak >= s.flood_threshold_per_minute THEN
		IF p_proof_id IS NULL THEN
			RETURN QUERY SELECT 'proof'::text, NULL::integer, NULL::text, NULL::timestamptz, v_peak;
			RETURN;
		END IF;
		-- Waits for a parallel use of the same challenge to commit; then it was used.
		INSERT INTO public.challenge_uses ("id", "expires_at") VALUES (p_proof_id, p_proof_expires_at) ON CONFLICT DO NOTHING;
		IF NOT FOUND THEN
			RETURN QUERY SELECT 'proof_used'::text, NULL::integer, NULL::text, NULL::timestamptz, v_peak;
			RETURN;
		END IF;
	END IF;
	-- Spam is counted one at a time, so its ceiling holds exactly; real submissions never take this lock.
	IF p_status = 'spam' THEN
		PERFORM pg_advisory_xact_lock(hashtextextended('anchor:spam-ceiling', 0));
	END IF;
	IF p_status = 'spam' AND (SELECT coalesce(sum(c."count"), 0) FROM public.rate_counters c
		WHERE c."scope" = 'spam' AND c."window" = v_hour) >= s.spam_per_hour THEN
		INSERT INTO public.rate_events ("client_hash", "wide_hash", "at") VALUES (p_network, p_wide, v_minute);
		RETURN QUERY SELECT 'spam_dropped'::text, NULL::integer, NULL::text, NULL::timestamptz, v_peak;
		RETURN;
	END IF;
	IF p_key_hash IS NOT NULL THEN
		-- Waits for a parallel claim of the same key to commit or roll back; a
		-- key past its expiry that retention has not yet deleted is claimed anew.
		INSERT INTO public.idempotency_keys ("key_hash", "reference", "body_hash", "created_at", "expires_at")
		VALUES (p_key_hash, p_reference, p_body_hash, p_now, p_now + make_interval(secs => s.idempotency_seconds))
		ON CONFLICT ("key_hash") DO UPDATE
		SET "reference" = excluded."reference", "body_hash" = excluded."body_hash",
			"created_at" = excluded."created_at", "expires_at" = excluded."expires_at"
		WHERE public.idempotency_keys."expires_at" <= p_now;
		IF NOT FOUND THEN
			-- A parallel request claimed the key and committed while this one waited.
			SELECT c."reference", c."due_at", k."body_hash" INTO v_reference, v_due_at, v_body
			FROM public.idempotency_keys k JOIN public.cases c ON c."reference" = k."reference"
			WHERE k."key_hash" = p_key_hash;
			IF v_body = p_body_hash THEN
				RETURN QUERY SELECT 'replay'::text, NULL::integer, v_reference, v_due_at, NULL::integer;
			ELSE
				RETURN QUERY SELECT 'conflict'::text, NULL::integer, NULL::text, NULL::timestamptz, NULL::integer;
			END IF;
			RETURN;
		END IF;
	END IF;
	INSERT INTO public.cases ("reference", "kind", "locale", "status", "writer", "categories", "age_band", "urgency",
		"interpreter_needed", "contact_language", "proposed_queue", "priority", "due_at", "sealed_key_id",
		"sealed_ephemeral_key", "sealed_nonce", "sealed_ciphertext", "created_at", "updated_at")
	VALUES (p_reference, p_kind, p_locale, p_status, p_writer, p_categories, p_age_band, p_urgency,
		p_interpreter_needed, p_contact_language, p_proposed_queue, p_priority, p_due_at, p_sealed_key_id,
		p_sealed_ephemeral_key, p_sealed_nonce, p_sealed_ciphertext, p_now, p_now)
	RETURNING "id" INTO v_case;
	-- Spam is stored out of the queue and nobody is told of it.
	IF p_status <> 'spam' THEN
		INSERT INTO public.outbox ("case_id", "kind", "next_attempt_at") VALUES (v_case, 'new-case-mail', p_now);
	END IF;
	INSERT INTO public.rate_events ("client_hash", "wide_hash", "at") VALUES (p_network, p_wide, v_minute);
	IF p_status = 'spam' THEN
		INSERT INTO public.rate_counters ("scope", "window", "shard", "count") VALUES ('spam', v_hour, v_shard, 1)
		ON CONFLICT ("scope", "window", "shard") DO UPDATE SET "count" = public.rate_counters."count" + 1;
	ELSE
		INSERT INTO public.rate_counters ("scope", "window", "shard", "count") VALUES ('case', v_minute, v_shard, 1)
		ON CONFLICT ("scope", "window", "shard") DO UPDATE SET "count" = public.rate_counters."count" + 1;
	END IF;
	RETURN QUERY SELECT 'stored'::text, NULL::integer, p_reference, p_due_at, v_peak;
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "submit_case"(text, text, text, timestamptz, text, text, timestamptz, text, text, text, text, text,
	text[], text, text, boolean, text, text, integer, timestamptz, text, bytea, bytea, bytea) FROM PUBLIC;
