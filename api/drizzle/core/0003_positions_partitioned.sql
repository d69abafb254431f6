-- GPS positions, range-partitioned by day on "at". Partitions are created on demand by the API
-- (core/tracking.ts ensurePartitions) before a batch is stored. Idempotency: (terminal_id, at).
CREATE TABLE "core"."positions" (
  "terminal_id" text NOT NULL,
  "at" timestamp with time zone NOT NULL,
  "stream" text NOT NULL,
  "vehicle_id" integer NOT NULL,
  "lon" double precision NOT NULL,
  "lat" double precision NOT NULL,
  "speed_kmh" real NOT NULL,
  "heading" real NOT NULL,
  "received_at" timestamp with time zone DEFAULT now() NOT NULL,
  PRIMARY KEY ("terminal_id", "at")
) PARTITION BY RANGE ("at");
--> statement-breakpoint
CREATE INDEX "positions_vehicle_at_idx" ON "core"."positions" ("stream", "vehicle_id", "at");
