-- The overview's answer cache (api/src/modules/overview/cache.ts) is invalidated by the database itself:
-- every change of a read model the overview reads announces its stream on channel zw_overview when the
-- writing transaction commits (NOTIFY collapses repeats within a transaction; nothing on rollback).
-- Statement-level triggers on the streams' rollup and register tables; row-level on core.alerts and
-- core.cases (shared by every stream: the row says which stream), only for the columns the figures read.
-- A test (overview/notify.test.ts) keeps this list equal to what the providers read.
create or replace function overview.notify_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('zw_overview', TG_ARGV[0]);
  return null;
end
$$;
--> statement-breakpoint
create or replace function overview.notify_row_stream() returns trigger language plpgsql as $$
begin
  if TG_OP <> 'DELETE' then perform pg_notify('zw_overview', NEW.stream); end if;
  if TG_OP <> 'INSERT' then perform pg_notify('zw_overview', OLD.stream); end if;
  return null;
end
$$;
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on construction.district_daily for each statement execute function overview.notify_changed('construction');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on construction.disposal_places for each statement execute function overview.notify_changed('construction');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on construction.sites for each statement execute function overview.notify_changed('construction');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on construction.permits for each statement execute function overview.notify_changed('construction');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on hazardous.daily_stats for each statement execute function overview.notify_changed('hazardous');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on hazardous.state_stats for each statement execute function overview.notify_changed('hazardous');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on hazardous.facilities for each statement execute function overview.notify_changed('hazardous');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on hazardous.facility_capacities for each statement execute function overview.notify_changed('hazardous');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on recycling.roll_district_day for each statement execute function overview.notify_changed('recycling');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on recycling.roll_points_day for each statement execute function overview.notify_changed('recycling');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on recycling.roll_active_cards for each statement execute function overview.notify_changed('recycling');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on recycling.card_days for each statement execute function overview.notify_changed('recycling');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on recycling.stations for each statement execute function overview.notify_changed('recycling');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on recycling.materials for each statement execute function overview.notify_changed('recycling');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on cells.stock_counts for each statement execute function overview.notify_changed('cells');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on cells.daily_counts for each statement execute function overview.notify_changed('cells');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on cells.cell_types for each statement execute function overview.notify_changed('cells');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on cells.indicator_status for each statement execute function overview.notify_changed('cells');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on cells.index_scores for each statement execute function overview.notify_changed('cells');
--> statement-breakpoint
create trigger zw_overview_notify after insert or update or delete or truncate on cells.provincial_index for each statement execute function overview.notify_changed('cells');
--> statement-breakpoint
create trigger zw_overview_notify after insert or delete or update of status, stream, district_id, raised_at on core.alerts for each row execute function overview.notify_row_stream();
--> statement-breakpoint
create trigger zw_overview_notify after insert or delete or update of stream, district_id, opened_at, fine_yuan on core.cases for each row execute function overview.notify_row_stream();
--> statement-breakpoint
create trigger zw_overview_notify_truncate after truncate on core.alerts for each statement execute function overview.notify_changed('*');
--> statement-breakpoint
create trigger zw_overview_notify_truncate after truncate on core.cases for each statement execute function overview.notify_changed('*');
