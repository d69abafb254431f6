CREATE SCHEMA "core";
--> statement-breakpoint
CREATE TABLE "core"."alerts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "core"."alerts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"stream" text NOT NULL,
	"rule" text NOT NULL,
	"severity" text NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"title" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" integer,
	"subject_label" text NOT NULL,
	"district_id" integer,
	"org_kind" text,
	"org_id" integer,
	"lon" numeric(10, 6),
	"lat" numeric(10, 6),
	"dedup_key" text NOT NULL,
	"occurrences" integer DEFAULT 1 NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" integer,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"disposition" text,
	"case_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alerts_status_check" CHECK ("core"."alerts"."status" in ('OPEN','ACKNOWLEDGED','CLOSED')),
	CONSTRAINT "alerts_severity_check" CHECK ("core"."alerts"."severity" in ('LOW','MEDIUM','HIGH'))
);
--> statement-breakpoint
CREATE TABLE "core"."api_keys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "core"."api_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"district_id" integer,
	"org_kind" text,
	"org_id" integer,
	"rate_limit_burst" integer DEFAULT 20000 NOT NULL,
	"rate_limit_per_second" integer DEFAULT 200 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "api_keys_prefix_unique" UNIQUE("prefix")
);
--> statement-breakpoint
CREATE TABLE "core"."audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "core"."audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"api_key_id" integer,
	"actor" text NOT NULL,
	"operation" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"action" text NOT NULL,
	"changes" jsonb,
	"request_id" text,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "core"."cases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "core"."cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"number" text NOT NULL,
	"stream" text NOT NULL,
	"source" text NOT NULL,
	"campaign" text,
	"subject_type" text NOT NULL,
	"subject_id" integer,
	"subject_label" text NOT NULL,
	"district_id" integer NOT NULL,
	"org_kind" text,
	"org_id" integer,
	"violation_type" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"fine_yuan" numeric(14, 2) DEFAULT '0' NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"alert_id" integer,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_number_unique" UNIQUE("number"),
	CONSTRAINT "cases_status_check" CHECK ("core"."cases"."status" in ('OPEN','INVESTIGATING','DECIDED','CLOSED')),
	CONSTRAINT "cases_fine_nonneg" CHECK ("core"."cases"."fine_yuan" >= 0)
);
--> statement-breakpoint
CREATE TABLE "core"."departments" (
	"id" integer PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"streams" text[] DEFAULT '{}'::text[] NOT NULL,
	"sort" integer NOT NULL,
	CONSTRAINT "departments_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "core"."districts" (
	"id" integer PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"level" text NOT NULL,
	"sort" integer NOT NULL,
	CONSTRAINT "districts_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "core"."events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "core"."events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"type" text NOT NULL,
	"stream" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"district_id" integer,
	"org_kind" text,
	"org_id" integer,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "core"."idempotency_keys" (
	"principal" text NOT NULL,
	"key" text NOT NULL,
	"operation" text NOT NULL,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_principal_key_pk" PRIMARY KEY("principal","key")
);
--> statement-breakpoint
CREATE TABLE "core"."sessions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "core"."sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"ip" text,
	CONSTRAINT "sessions_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "core"."users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "core"."users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"department_id" integer,
	"district_id" integer,
	"org_kind" text,
	"org_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role_check" CHECK ("core"."users"."role" in ('ADMIN','LEADERSHIP','STAFF','OPERATOR')),
	CONSTRAINT "users_staff_department" CHECK ("core"."users"."role" <> 'STAFF' or "core"."users"."department_id" is not null),
	CONSTRAINT "users_operator_org" CHECK ("core"."users"."role" <> 'OPERATOR' or ("core"."users"."org_kind" is not null and "core"."users"."org_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "core"."alerts" ADD CONSTRAINT "alerts_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."api_keys" ADD CONSTRAINT "api_keys_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "core"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."cases" ADD CONSTRAINT "cases_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "core"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."users" ADD CONSTRAINT "users_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "core"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core"."users" ADD CONSTRAINT "users_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_dedup_key" ON "core"."alerts" USING btree ("dedup_key") WHERE "core"."alerts"."status" <> 'CLOSED';--> statement-breakpoint
CREATE INDEX "alerts_stream_status_idx" ON "core"."alerts" USING btree ("stream","status","raised_at");--> statement-breakpoint
CREATE INDEX "alerts_district_idx" ON "core"."alerts" USING btree ("district_id","raised_at");--> statement-breakpoint
CREATE INDEX "alerts_raised_idx" ON "core"."alerts" USING btree ("raised_at");--> statement-breakpoint
CREATE INDEX "alerts_updated_idx" ON "core"."alerts" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "core"."audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "core"."audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_user_idx" ON "core"."audit_log" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "cases_stream_opened_idx" ON "core"."cases" USING btree ("stream","opened_at");--> statement-breakpoint
CREATE INDEX "cases_district_opened_idx" ON "core"."cases" USING btree ("district_id","opened_at");--> statement-breakpoint
CREATE INDEX "cases_subject_idx" ON "core"."cases" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "cases_updated_idx" ON "core"."cases" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "events_type_idx" ON "core"."events" USING btree ("type","id");--> statement-breakpoint
CREATE INDEX "events_created_idx" ON "core"."events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "core"."sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_key" ON "core"."users" USING btree (lower("username"));