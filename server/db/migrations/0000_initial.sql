CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"kind" text NOT NULL,
	"locale" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"writer" text NOT NULL,
	"categories" text[] NOT NULL,
	"age_band" text,
	"urgency" text NOT NULL,
	"interpreter_needed" boolean DEFAULT false NOT NULL,
	"contact_language" text,
	"proposed_queue" text NOT NULL,
	"queue" text,
	"effective_queue" text GENERATED ALWAYS AS (coalesce(queue, proposed_queue)) STORED,
	"priority" integer NOT NULL,
	"assignee_id" uuid,
	"outcome" text,
	"closed_at" timestamp with time zone,
	"first_contact_at" timestamp with time zone,
	"first_contact_days" integer,
	"linked_case_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"sealed_key_id" text NOT NULL,
	"sealed_ephemeral_key" "bytea" NOT NULL,
	"sealed_nonce" "bytea" NOT NULL,
	"sealed_ciphertext" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "cases_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"reference" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_counters" (
	"window" timestamp with time zone NOT NULL,
	"shard" integer NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_counters_window_shard_pk" PRIMARY KEY("window","shard")
);
--> statement-breakpoint
CREATE TABLE "rate_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_hash" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"case_id" uuid,
	"case_reference" text,
	"purpose" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"mac" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"type" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sealed_key_id" text,
	"sealed_ephemeral_key" "bytea",
	"sealed_nonce" "bytea",
	"sealed_ciphertext" "bytea"
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"sealed_key_id" text NOT NULL,
	"sealed_ephemeral_key" "bytea" NOT NULL,
	"sealed_nonce" "bytea" NOT NULL,
	"sealed_ciphertext" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_first_contact" (
	"month" text NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"working_days" integer NOT NULL,
	"cases" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_first_contact_month_dimension_value_working_days_pk" PRIMARY KEY("month","dimension","value","working_days")
);
--> statement-breakpoint
CREATE TABLE "stats_monthly" (
	"month" text NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"cases" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"closed_inside_due" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_monthly_month_dimension_value_pk" PRIMARY KEY("month","dimension","value")
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"purpose" text DEFAULT 'enrol' NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrolments_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"account_hash" text NOT NULL,
	"client_hash" text NOT NULL,
	"success" boolean NOT NULL,
	"throttled" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recovery_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"team" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"password_hash" text,
	"totp_secret" text,
	"totp_last_step" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_user_id_staff_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_staff_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_staff_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_queue_order" ON "cases" USING btree ("status","priority","due_at","id");--> statement-breakpoint
CREATE INDEX "cases_created_at" ON "cases" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "cases_open_order" ON "cases" USING btree ("priority","due_at","id") WHERE "status" not in ('closed', 'spam');--> statement-breakpoint
CREATE INDEX "cases_open_queue_order" ON "cases" USING btree ("effective_queue","priority","due_at","id") WHERE "status" not in ('closed', 'spam');--> statement-breakpoint
CREATE INDEX "cases_open_assignee_order" ON "cases" USING btree ("assignee_id","priority","due_at","id") WHERE "status" not in ('closed', 'spam');--> statement-breakpoint
CREATE INDEX "cases_listed_order" ON "cases" USING btree ("priority","due_at","id") WHERE "status" <> 'spam';--> statement-breakpoint
CREATE INDEX "cases_closed_at" ON "cases" USING btree ("closed_at") WHERE "cases"."status" = 'closed';--> statement-breakpoint
CREATE INDEX "cases_spam_created" ON "cases" USING btree ("created_at","id") WHERE "cases"."status" = 'spam';--> statement-breakpoint
CREATE INDEX "cases_linked" ON "cases" USING btree ("linked_case_id") WHERE "cases"."linked_case_id" is not null;--> statement-breakpoint
CREATE INDEX "outbox_pending" ON "outbox" USING btree ("next_attempt_at") WHERE "outbox"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "rate_events_client_at" ON "rate_events" USING btree ("client_hash","at");--> statement-breakpoint
CREATE INDEX "audit_log_case" ON "audit_log" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "audit_log_reference" ON "audit_log" USING btree ("case_reference","seq");--> statement-breakpoint
CREATE INDEX "case_events_case" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_notes_case" ON "case_notes" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "login_attempts_account" ON "login_attempts" USING btree ("account_hash","at");--> statement-breakpoint
CREATE INDEX "login_attempts_client" ON "login_attempts" USING btree ("client_hash","at");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");