-- The limits submit_case applies, with the defaults of server/env.ts; every
-- migration run writes the configured values over them (server/db/submission-settings.ts).
INSERT INTO "submission_settings" ("id", "per_network", "per_wide_network", "window_seconds", "spam_per_hour",
	"flood_threshold_per_minute", "flood_hold_minutes", "idempotency_seconds")
VALUES (true, 5, 50, 600, 200, 30, 10, 86400);
--> statement-breakpoint
-- What a host whose login may read no table (ROLE=public) needs to know: the
-- migration level (the start-up check and GET /api/health) and flood mode (the
-- busiest minute of the hold window, counted as submit_case counts it, and the
-- threshold). SECURITY DEFINER runs it as the owner; the fixed search_path keeps
-- a caller's objects out of it. The caller's time is taken within the settings'
-- tolerance, as submit_case takes it.
CREATE FUNCTION "portal_health"(p_now timestamptz)
RETURNS TABLE ("migrations" integer, "flood_peak" integer, "flood_threshold" integer)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
	s public.submission_settings%ROWTYPE;
BEGIN
	SELECT * INTO STRICT s FROM public.submission_settings WHERE id;
	IF p_now IS NULL OR abs(extract(epoch FROM p_now - now())) > s.clock_tolerance_seconds THEN
		RAISE EXCEPTION 'portal_health: now is not acceptable' USING ERRCODE = 'check_violation';
	END IF;
	RETURN QUERY SELECT
		(SELECT count(*)::integer FROM drizzle.__drizzle_migrations),
		(SELECT coalesce(max(m."n"), 0)::integer FROM (
			SELECT sum(c."count") AS "n" FROM public.rate_counters c
			WHERE c."scope" = 'case' AND c."window" >= date_trunc('minute', p_now) - make_interval(mins => s.flood_hold_minutes - 1)
			GROUP BY c."window") m),
		s.flood_threshold_per_minute;
END
$$;
--> statement-breakpoint
-- Nobody executes a function of this database unless granted (npm run db:roles):
-- PostgreSQL lets every role execute a new function by default.
REVOKE EXECUTE ON FUNCTION "portal_health"(timestamptz) FROM PUBLIC;
--> statement-breakpoint
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA "public" FROM PUBLIC;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
