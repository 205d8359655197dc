CREATE TABLE "database_roles" (
	"kind" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "database_roles_kind" CHECK ("database_roles"."kind" in ('owner', 'public', 'staff'))
);
--> statement-breakpoint
CREATE TABLE "submission_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"per_network" integer NOT NULL,
	"per_wide_network" integer NOT NULL,
	"window_seconds" integer NOT NULL,
	"spam_per_hour" integer NOT NULL,
	"flood_threshold_per_minute" integer NOT NULL,
	"flood_hold_minutes" integer NOT NULL,
	"idempotency_seconds" integer NOT NULL,
	"clock_tolerance_seconds" integer DEFAULT 120 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submission_settings_one_row" CHECK ("submission_settings"."id"),
	CONSTRAINT "submission_settings_per_network" CHECK ("submission_settings"."per_network" between 1 and 1000000000),
	CONSTRAINT "submission_settings_per_wide_network" CHECK ("submission_settings"."per_wide_network" between 1 and 1000000000),
	CONSTRAINT "submission_settings_window" CHECK ("submission_settings"."window_seconds" between 60 and 86400),
	CONSTRAINT "submission_settings_spam" CHECK ("submission_settings"."spam_per_hour" between 0 and 1000000000),
	CONSTRAINT "submission_settings_flood_threshold" CHECK ("submission_settings"."flood_threshold_per_minute" between 1 and 1000000000),
	CONSTRAINT "submission_settings_flood_hold" CHECK ("submission_settings"."flood_hold_minutes" between 1 and 60),
	CONSTRAINT "submission_settings_idempotency" CHECK ("submission_settings"."idempotency_seconds" between 60 and 604800),
	CONSTRAINT "submission_settings_clock" CHECK ("submission_settings"."clock_tolerance_seconds" between 1 and 315360000)
);
