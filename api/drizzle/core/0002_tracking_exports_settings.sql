CREATE TABLE "core"."export_jobs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "core"."export_jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"format" text NOT NULL,
	"language" text DEFAULT 'zh-CN' NOT NULL,
	"filter" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"principal" jsonb NOT NULL,
	"requested_by" text NOT NULL,
	"status" text DEFAULT 'QUEUED' NOT NULL,
	"row_count" integer DEFAULT 0 NOT NULL,
	"file_path" text,
	"file_bytes" bigint,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "core"."last_positions" (
	"stream" text NOT NULL,
	"vehicle_id" integer NOT NULL,
	"terminal_id" text NOT NULL,
	"plate" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"speed_kmh" real NOT NULL,
	"heading" real NOT NULL,
	"district_id" integer,
	"org_kind" text,
	"org_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "last_positions_stream_vehicle_id_pk" PRIMARY KEY("stream","vehicle_id")
);
--> statement-breakpoint
CREATE TABLE "core"."settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "export_jobs_status_idx" ON "core"."export_jobs" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "export_jobs_requested_idx" ON "core"."export_jobs" USING btree ("requested_by","id");--> statement-breakpoint
CREATE INDEX "last_positions_at_idx" ON "core"."last_positions" USING btree ("at");