CREATE TABLE "core"."tombstones" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "core"."tombstones_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"stream" text NOT NULL,
	"district_id" integer,
	"org_kind" text,
	"org_id" integer,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "tombstones_entity_deleted_idx" ON "core"."tombstones" USING btree ("entity","deleted_at","id");