/**
 * The overview owns no data: it reads the streams' read models through their OverviewProviders. Its
 * schema holds only the trigger functions that announce read-model changes (migration
 * api/drizzle/overview: `pg_notify('zw_overview', '<stream>')`, see cache.ts).
 */
import { pgSchema } from "drizzle-orm/pg-core";

export const overviewSchema = pgSchema("overview");
