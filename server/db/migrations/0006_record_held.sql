-- Why the forms held a stored case as spam (honeypot, fill time), for the
-- spam review. A ROLE=public host reads and writes no table, so it records
-- the reasons through this function, as it stores the case through
-- submit_case. What a hostile caller can do with it is small: add one `held`
-- event, with reasons from the two fixed values, to a spam case that has
-- none yet; the event is dated when the case arrived.
CREATE FUNCTION "record_held"(p_reference text, p_reasons text[]) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF p_reasons IS NULL OR cardinality(p_reasons) NOT BETWEEN 1 AND 2
		OR NOT (p_reasons <@ ARRAY['honeypot', 'fill-time']::text[]) THEN
		RAISE EXCEPTION 'record_held: reasons must be honeypot and/or fill-time' USING ERRCODE = '23514';
	END IF;
	INSERT INTO public.case_events (case_id, at, type, detail)
	SELECT c.id, c.created_at, 'held', jsonb_build_object('reasons', to_jsonb(p_reasons))
	FROM public.cases c
	WHERE c.reference = p_reference AND c.status = 'spam'
		AND NOT EXISTS (SELECT 1 FROM public.case_events e WHERE e.case_id = c.id AND e.type = 'held');
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "record_held"(text, text[]) FROM PUBLIC;
