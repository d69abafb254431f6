/**
 * 车辆轨迹 — GPS positions of every tracked vehicle (construction trucks, hazardous-goods vehicles).
 * Range-partitioned by day on `at` (created in a custom migration and on demand by tracking.ts), so
 * the table stays fast at tens of millions of rows and old days can be dropped whole.
 * Kept out of tables.ts on purpose: drizzle-kit cannot express partitioning.
 */
import { doublePrecision, integer, pgSchema, real, text, timestamp } from "drizzle-orm/pg-core";

const core = pgSchema("core");

export const positions = core.table("positions", {
  terminalId: text().notNull(),
  at: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  stream: text().notNull(),
  vehicleId: integer().notNull(),
  lon: doublePrecision().notNull(),
  lat: doublePrecision().notNull(),
  speedKmh: real().notNull(),
  heading: real().notNull(),
  receivedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
