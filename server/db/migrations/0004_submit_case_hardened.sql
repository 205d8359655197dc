-- submit_case, hardened for a caller that may be hostile (a compromised
-- ROLE=public host holds only the right to call it): it runs as the owner
-- (SECURITY DEFINER, with a search_path nobody can plant objects in), takes no
-- limit, clock, window or expiry from the caller, reads the limits from
-- submission_settings (written by the owner only), uses the database's now(),
-- accepts only the statuses new and spam, and refuses anything that does not
-- fit what the forms store: lengths, fixed values, the sealed envelope's
-- shape (a 32-byte X25519 key, a 12-byte nonce, a ciphertext with its
-- 16-byte tag) and a due date in the band that server/intake/due-date.ts
-- gives from now (urgent: 1 to 8 days, normal: 9 to 20 days; the bands below
-- keep an hour's slack for the clocks, and server/db/submit-case.test.ts
-- holds the TypeScript rule inside them). A refusal is SQLSTATE 23514
-- (check_violation) naming the field; nothing is written.
--
-- The outcomes and the locking are those of migration 0001; the client and the
-- site's refusals now carry the seconds to wait, since only the database knows
-- the window.
DROP FUNCTION "submit_case"(text, timestamptz, integer, timestamptz, integer, integer, text, timestamptz, timestamptz, text, text, text, text, text, text[], text, text, boolean, text, text, integer, timestamptz, text, bytea, bytea, bytea);
--> statement-breakpoint
CREATE FUNCTION "submit_case"(
	p_client text,
	p_key_hash text,
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
) RETURNS TABLE ("outcome" text, "retry_after" integer, "reference" text, "due_at" timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	v_now timestamptz := now();
	v_settings public.submission_settings%ROWTYPE;
	v_recent integer;
	v_oldest timestamptz;
	v_case uuid;
	v_reference text;
	v_due_at timestamptz;
	v_bad text;
BEGIN
	v_bad := CASE
		WHEN p_client IS NULL OR length(p_client) NOT BETWEEN 16 AND 128 THEN 'client'
		WHEN p_key_hash IS NOT NULL AND length(p_key_hash) NOT BETWEEN 16 AND 128 THEN 'key_hash'
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
			OR (p_urgency = 'urgent' AND p_due_at NOT BETWEEN v_now + interval '23 hours' AND v_now + interval '8 days 1 hour')
			OR (p_urgency = 'normal' AND p_due_at NOT BETWEEN v_now + interval '8 days' AND v_now + interval '20 days 1 hour') THEN 'due_at'
		WHEN p_sealed_key_id IS NULL OR p_sealed_key_id !~ '^[A-Za-z0-9_.:-]{1,64}$' THEN 'sealed_key_id'
		WHEN p_sealed_ephemeral_key IS NULL OR octet_length(p_sealed_ephemeral_key) <> 32 THEN 'sealed_ephemeral_key'
		WHEN p_sealed_nonce IS NULL OR octet_length(p_sealed_nonce) <> 12 THEN 'sealed_nonce'
		WHEN p_sealed_ciphertext IS NULL OR octet_length(p_sealed_ciphertext) NOT BETWEEN 17 AND 262144 THEN 'sealed_ciphertext'
	END;
	IF v_bad IS NOT NULL THEN
		RAISE EXCEPTION 'submit_case: % is not acceptable', v_bad USING ERRCODE = 'check_violation';
	END IF;
	SELECT * INTO STRICT v_settings FROM public.submission_settings WHERE id;
	IF p_key_hash IS NOT NULL THEN
		SELECT c."reference", c."due_at" INTO v_reference, v_due_at
		FROM public.idempotency_keys k JOIN public.cases c ON c."reference" = k."reference"
		WHERE k."key_hash" = p_key_hash AND k."expires_at" > v_now;
		IF FOUND THEN
			RETURN QUERY SELECT 'replay'::text, NULL::integer, v_reference, v_due_at;
			RETURN;
		END IF;
	END IF;
	-- Parallel submissions of one client are counted one after another;
	-- different clients never wait for each other.
	PERFORM pg_advisory_xact_lock(hashtextextended(p_client, 0));
	SELECT count(*), min(r."at") INTO v_recent, v_oldest
	FROM (
		SELECT e."at" FROM public.rate_events e
		WHERE e."client_hash" = p_client AND e."at" > v_now - make_interval(secs => v_settings.window_seconds)
		ORDER BY e."at" LIMIT v_settings.per_client
	) r;
	IF v_recent >= v_settings.per_client THEN
		RETURN QUERY SELECT 'client'::text,
			greatest(1, ceil(extract(epoch FROM v_oldest + make_interval(secs => v_settings.window_seconds) - v_now)))::integer,
			NULL::text, NULL::timestamptz;
		RETURN;
	END IF;
	-- The site's ceiling sums the shards without locking them: no submission waits on another's counter row.
	IF (SELECT coalesce(sum(c."count"), 0) FROM public.rate_counters c WHERE c."window" = date_trunc('hour', v_now)) >= v_settings.site_per_hour THEN
		RETURN QUERY SELECT 'site'::text,
			greatest(1, ceil(extract(epoch FROM date_trunc('hour', v_now) + interval '1 hour' - v_now)))::integer,
			NULL::text, NULL::timestamptz;
		RETURN;
	END IF;
	IF p_key_hash IS NOT NULL THEN
		-- Waits for a parallel claim of the same key to commit or roll back; a
		-- key past its expiry that retention has not yet deleted is claimed anew.
		INSERT INTO public.idempotency_keys ("key_hash", "reference", "created_at", "expires_at")
		VALUES (p_key_hash, p_reference, v_now, v_now + make_interval(secs => v_settings.idempotency_seconds))
		ON CONFLICT ("key_hash") DO UPDATE
		SET "reference" = excluded."reference", "created_at" = excluded."created_at", "expires_at" = excluded."expires_at"
		WHERE public.idempotency_keys."expires_at" <= v_now;
		IF NOT FOUND THEN
			-- A parallel request claimed the key and committed while this one waited.
			SELECT c."reference", c."due_at" INTO v_reference, v_due_at
			FROM public.idempotency_keys k JOIN public.cases c ON c."reference" = k."reference"
			WHERE k."key_hash" = p_key_hash;
			RETURN QUERY SELECT 'replay'::text, NULL::integer, v_reference, v_due_at;
			RETURN;
		END IF;
	END IF;
	INSERT INTO public.cases ("reference", "kind", "locale", "status", "writer", "categories", "age_band", "urgency",
		"interpreter_needed", "contact_language", "proposed_queue", "priority", "due_at", "sealed_key_id",
		"sealed_ephemeral_key", "sealed_nonce", "sealed_ciphertext", "created_at", "updated_at")
	VALUES (p_reference, p_kind, p_locale, p_status, p_writer, p_categories, p_age_band, p_urgency,
		p_interpreter_needed, p_contact_language, p_proposed_queue, p_priority, p_due_at, p_sealed_key_id,
		p_sealed_ephemeral_key, p_sealed_nonce, p_sealed_ciphertext, v_now, v_now)
	RETURNING "id" INTO v_case;
	-- Spam is stored out of the queue and nobody is told of it.
	IF p_status <> 'spam' THEN
		INSERT INTO public.outbox ("case_id", "kind", "next_attempt_at") VALUES (v_case, 'new-case-mail', v_now);
	END IF;
	INSERT INTO public.rate_events ("client_hash", "at") VALUES (p_client, v_now);
	INSERT INTO public.rate_counters ("window", "shard", "count") VALUES (date_trunc('hour', v_now), floor(random() * 16)::integer, 1)
	ON CONFLICT ("window", "shard") DO UPDATE SET "count" = public.rate_counters."count" + 1;
	RETURN QUERY SELECT 'stored'::text, NULL::integer, p_reference, p_due_at;
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "submit_case"(text, text, text, text, text, text, text, text[], text, text, boolean, text, text, integer, timestamptz, text, bytea, bytea, bytea) FROM PUBLIC;
