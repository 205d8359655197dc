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
ALTER TABLE "cases" ADD COLUMN "effective_queue" text GENERATED ALWAYS AS (coalesce(queue, proposed_queue)) STORED;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "first_contact_days" integer;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_case" ON "audit_log" USING btree ("case_id","seq");--> statement-breakpoint
CREATE INDEX "audit_log_reference" ON "audit_log" USING btree ("case_reference","seq");--> statement-breakpoint
CREATE INDEX "case_events_case" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_notes_case" ON "case_notes" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "cases_open_order" ON "cases" USING btree ("priority","due_at","id") WHERE "status" not in ('closed', 'spam');--> statement-breakpoint
CREATE INDEX "cases_open_queue_order" ON "cases" USING btree ("effective_queue","priority","due_at","id") WHERE "status" not in ('closed', 'spam');--> statement-breakpoint
CREATE INDEX "cases_open_assignee_order" ON "cases" USING btree ("assignee_id","priority","due_at","id") WHERE "status" not in ('closed', 'spam');--> statement-breakpoint
CREATE INDEX "cases_listed_order" ON "cases" USING btree ("priority","due_at","id") WHERE "status" <> 'spam';--> statement-breakpoint
CREATE INDEX "cases_closed_at" ON "cases" USING btree ("closed_at") WHERE "cases"."status" = 'closed';--> statement-breakpoint
CREATE INDEX "cases_spam_created" ON "cases" USING btree ("created_at","id") WHERE "cases"."status" = 'spam';--> statement-breakpoint
CREATE INDEX "cases_linked" ON "cases" USING btree ("linked_case_id") WHERE "cases"."linked_case_id" is not null;