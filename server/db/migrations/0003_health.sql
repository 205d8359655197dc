-- The limits submit_case applies, with the defaults of server/env.ts; every
-- migration run writes the configured values over them (server/db/submission-settings.ts).
INSERT INTO "submission_settings" ("id", "per_client", "window_seconds", "site_per_hour", "idempotency_seconds")
VALUES (true, 5, 600, 1000, 86400);
--> statement-breakpoint
-- The migration level, for hosts whose login may read no table (ROLE=public):
-- GET /api/health and the start-up check call this instead of reading
-- drizzle's journal. SECURITY DEFINER runs it as the owner; the fixed
-- search_path keeps a caller's objects out of it.
CREATE FUNCTION "portal_migrations"() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
	SELECT count(*)::integer FROM "drizzle"."__drizzle_migrations"
$$;
--> statement-breakpoint
-- Nobody executes a function of this database unless granted (npm run db:roles):
-- PostgreSQL lets every role execute a new function by default.
REVOKE EXECUTE ON FUNCTION "portal_migrations"() FROM PUBLIC;
--> statement-breakpoint
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA "public" FROM PUBLIC;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
