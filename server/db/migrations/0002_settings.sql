CREATE TABLE "database_roles" (
	"kind" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "database_roles_kind" CHECK ("database_roles"."kind" in ('owner', 'public', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "submission_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"per_client" integer NOT NULL,
	"window_seconds" integer NOT NULL,
	"site_per_hour" integer NOT NULL,
	"idempotency_seconds" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submission_settings_one_row" CHECK ("submission_settings"."id"),
	CONSTRAINT "submission_settings_per_client" CHECK ("submission_settings"."per_client" between 1 and 1000000000),
	CONSTRAINT "submission_settings_window" CHECK ("submission_settings"."window_seconds" between 1 and 86400),
	CONSTRAINT "submission_settings_site" CHECK ("submission_settings"."site_per_hour" between 1 and 1000000000),
	CONSTRAINT "submission_settings_idempotency" CHECK ("submission_settings"."idempotency_seconds" between 60 and 604800)
);
