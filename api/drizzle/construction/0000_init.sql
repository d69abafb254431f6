CREATE SCHEMA "construction";
--> statement-breakpoint
CREATE TABLE "construction"."alert_rules" (
	"rule" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"severity" text NOT NULL,
	"params" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "construction"."companies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "construction"."companies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"district_id" integer NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"qualification_no" text NOT NULL,
	"qualification_valid_from" date NOT NULL,
	"qualification_valid_to" date NOT NULL,
	"qualification_status" text DEFAULT 'VALID' NOT NULL,
	"suspended_at" timestamp with time zone,
	"suspension_reason" text,
	"cross_district" boolean DEFAULT false NOT NULL,
	"credit_score" integer DEFAULT 100 NOT NULL,
	"credit_grade" text DEFAULT 'A' NOT NULL,
	"vehicle_count" integer DEFAULT 0 NOT NULL,
	"fleet_load_m3" numeric(14, 2) DEFAULT '0' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "companies_status_check" CHECK ("construction"."companies"."qualification_status" in ('VALID','SUSPENDED','REVOKED')),
	CONSTRAINT "companies_grade_check" CHECK ("construction"."companies"."credit_grade" in ('A','B','C','D')),
	CONSTRAINT "companies_validity_check" CHECK ("construction"."companies"."qualification_valid_to" >= "construction"."companies"."qualification_valid_from")
);
--> statement-breakpoint
CREATE TABLE "construction"."credit_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "construction"."credit_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"company_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"cause" text NOT NULL,
	"violation_type" text,
	"case_id" integer,
	"delta" integer NOT NULL,
	"score_before" integer NOT NULL,
	"score_after" integer NOT NULL,
	"grade_before" text NOT NULL,
	"grade_after" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"actor" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "construction"."disposal_places" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "construction"."disposal_places_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"district_id" integer NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"lon" numeric(10, 6) NOT NULL,
	"lat" numeric(10, 6) NOT NULL,
	"geofence" jsonb NOT NULL,
	"bbox" jsonb NOT NULL,
	"capacity_basis" text DEFAULT 'TOTAL' NOT NULL,
	"capacity" numeric(14, 2) NOT NULL,
	"capacity_unit" text DEFAULT 'M3' NOT NULL,
	"daily_capacity" numeric(14, 2),
	"alert_threshold_pct" integer DEFAULT 90 NOT NULL,
	"received_m3" numeric(14, 2) DEFAULT '0' NOT NULL,
	"received_t" numeric(14, 2) DEFAULT '0' NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"open_from" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disposal_places_kind_check" CHECK ("construction"."disposal_places"."kind" in ('DISPOSAL_SITE','SOLIDIFICATION_CENTRE','UTILISATION_PLANT','WHARF','GREEN_COMPLEX')),
	CONSTRAINT "disposal_places_status_check" CHECK ("construction"."disposal_places"."status" in ('OPEN','FULL','CLOSED')),
	CONSTRAINT "disposal_places_capacity_check" CHECK ("construction"."disposal_places"."capacity" > 0 and "construction"."disposal_places"."received_m3" >= 0)
);
--> statement-breakpoint
CREATE TABLE "construction"."district_daily" (
	"district_id" integer NOT NULL,
	"day" date NOT NULL,
	"moved_m3" numeric(14, 2) DEFAULT '0' NOT NULL,
	"trips" integer DEFAULT 0 NOT NULL,
	"permits_issued" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "district_daily_district_id_day_pk" PRIMARY KEY("district_id","day")
);
--> statement-breakpoint
CREATE TABLE "construction"."manifests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "construction"."manifests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"number" text NOT NULL,
	"vehicle_id" integer NOT NULL,
	"company_id" integer NOT NULL,
	"permit_id" integer,
	"site_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"planned_place_id" integer,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"opened_via" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"sent_volume_m3" numeric(14, 2) NOT NULL,
	"closed_at" timestamp with time zone,
	"disposal_place_id" integer,
	"received_volume_m3" numeric(14, 2),
	"received_weight_t" numeric(14, 2),
	"volume_diff_m3" numeric(14, 2),
	"void_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "manifests_status_check" CHECK ("construction"."manifests"."status" in ('OPEN','CLOSED','VOIDED')),
	CONSTRAINT "manifests_volume_check" CHECK ("construction"."manifests"."sent_volume_m3" > 0 and ("construction"."manifests"."received_volume_m3" is null or "construction"."manifests"."received_volume_m3" >= 0))
);
--> statement-breakpoint
CREATE TABLE "construction"."permit_scans" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "construction"."permit_scans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"permit_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_at_scan" boolean NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "construction"."permits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "construction"."permits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"number" text,
	"vehicle_id" integer NOT NULL,
	"company_id" integer NOT NULL,
	"site_id" integer NOT NULL,
	"disposal_place_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"route" jsonb NOT NULL,
	"route_bbox" jsonb NOT NULL,
	"route_length_km" numeric(8, 2) NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"verify_token" text,
	"applied_by" text NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"revoked_at" timestamp with time zone,
	"revocation_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "permits_status_check" CHECK ("construction"."permits"."status" in ('PENDING','ACTIVE','REJECTED','REVOKED','EXPIRED','WITHDRAWN')),
	CONSTRAINT "permits_period_check" CHECK ("construction"."permits"."valid_to" > "construction"."permits"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "construction"."pickup_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "construction"."pickup_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"tracking_code" text NOT NULL,
	"district_id" integer NOT NULL,
	"resident_name" text NOT NULL,
	"phone" text NOT NULL,
	"address" text NOT NULL,
	"waste_kind" text NOT NULL,
	"estimated_weight_kg" integer,
	"preferred_date" date NOT NULL,
	"status" text DEFAULT 'REQUESTED' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"scheduled_for" timestamp with time zone,
	"crew" text,
	"collected_at" timestamp with time zone,
	"weight_kg" integer,
	"facility_id" integer,
	"delivered_at" timestamp with time zone,
	"cancel_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pickup_requests_status_check" CHECK ("construction"."pickup_requests"."status" in ('REQUESTED','SCHEDULED','COLLECTED','DELIVERED','CANCELLED'))
);
--> statement-breakpoint
CREATE TABLE "construction"."place_daily" (
	"place_id" integer NOT NULL,
	"day" date NOT NULL,
	"district_id" integer NOT NULL,
	"received_m3" numeric(14, 2) DEFAULT '0' NOT NULL,
	"received_t" numeric(14, 2) DEFAULT '0' NOT NULL,
	"trips" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "place_daily_place_id_day_pk" PRIMARY KEY("place_id","day")
);
--> statement-breakpoint
CREATE TABLE "construction"."service_problems" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "construction"."service_problems_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"visit_id" integer NOT NULL,
	"company_id" integer NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"solution" text,
	"solved_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "construction"."service_visits" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "construction"."service_visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"company_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"visitor" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "construction"."site_carriers" (
	"site_id" integer NOT NULL,
	"company_id" integer NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_carriers_site_id_company_id_pk" PRIMARY KEY("site_id","company_id")
);
--> statement-breakpoint
CREATE TABLE "construction"."sites" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "construction"."sites_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text,
	"name" text NOT NULL,
	"district_id" integer NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"lon" numeric(10, 6) NOT NULL,
	"lat" numeric(10, 6) NOT NULL,
	"geofence" jsonb NOT NULL,
	"bbox" jsonb NOT NULL,
	"material" text DEFAULT 'SPOIL' NOT NULL,
	"planned_volume_m3" numeric(14, 2) NOT NULL,
	"moved_volume_m3" numeric(14, 2) DEFAULT '0' NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"builder" text NOT NULL,
	"contractor" text DEFAULT '' NOT NULL,
	"gate_cameras" integer DEFAULT 0 NOT NULL,
	"washing_facility" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'APPLIED' NOT NULL,
	"rejection_reason" text,
	"registered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sites_status_check" CHECK ("construction"."sites"."status" in ('APPLIED','REGISTERED','ACTIVE','COMPLETED','REJECTED')),
	CONSTRAINT "sites_period_check" CHECK ("construction"."sites"."period_to" >= "construction"."sites"."period_from"),
	CONSTRAINT "sites_volume_check" CHECK ("construction"."sites"."planned_volume_m3" > 0 and "construction"."sites"."moved_volume_m3" >= 0)
);
--> statement-breakpoint
CREATE TABLE "construction"."track_state" (
	"vehicle_id" integer PRIMARY KEY NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"last_lon" numeric(10, 6) NOT NULL,
	"last_lat" numeric(10, 6) NOT NULL,
	"off_route_count" integer DEFAULT 0 NOT NULL,
	"stopped_since" timestamp with time zone,
	"stop_lon" numeric(10, 6),
	"stop_lat" numeric(10, 6),
	"inside_site_id" integer,
	"overspeed_count" integer DEFAULT 0 NOT NULL,
	"no_permit_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "construction"."vehicles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "construction"."vehicles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plate" text NOT NULL,
	"company_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"kind" text DEFAULT 'DUMP_TRUCK' NOT NULL,
	"load_m3" numeric(6, 2) NOT NULL,
	"terminal_id" text,
	"standard_compliant" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'ACTIVE' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicles_status_check" CHECK ("construction"."vehicles"."status" in ('ACTIVE','SUSPENDED','RETIRED')),
	CONSTRAINT "vehicles_load_check" CHECK ("construction"."vehicles"."load_m3" > 0 and "construction"."vehicles"."load_m3" <= 60)
);
--> statement-breakpoint
ALTER TABLE "construction"."credit_entries" ADD CONSTRAINT "credit_entries_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "construction"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "construction"."manifests" ADD CONSTRAINT "manifests_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "construction"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "construction"."manifests" ADD CONSTRAINT "manifests_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "construction"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "construction"."permits" ADD CONSTRAINT "permits_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "construction"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "construction"."permits" ADD CONSTRAINT "permits_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "construction"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "construction"."permits" ADD CONSTRAINT "permits_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "construction"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "construction"."permits" ADD CONSTRAINT "permits_disposal_place_id_disposal_places_id_fk" FOREIGN KEY ("disposal_place_id") REFERENCES "construction"."disposal_places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "construction"."service_problems" ADD CONSTRAINT "service_problems_visit_id_service_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "construction"."service_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "construction"."service_visits" ADD CONSTRAINT "service_visits_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "construction"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "construction"."site_carriers" ADD CONSTRAINT "site_carriers_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "construction"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "construction"."site_carriers" ADD CONSTRAINT "site_carriers_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "construction"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "construction"."vehicles" ADD CONSTRAINT "vehicles_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "construction"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "companies_credit_code_key" ON "construction"."companies" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "companies_district_idx" ON "construction"."companies" USING btree ("district_id","id");--> statement-breakpoint
CREATE INDEX "companies_updated_idx" ON "construction"."companies" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "credit_entries_company_idx" ON "construction"."credit_entries" USING btree ("company_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_entries_case_key" ON "construction"."credit_entries" USING btree ("case_id") WHERE "construction"."credit_entries"."case_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "disposal_places_code_key" ON "construction"."disposal_places" USING btree ("code");--> statement-breakpoint
CREATE INDEX "disposal_places_district_idx" ON "construction"."disposal_places" USING btree ("district_id","id");--> statement-breakpoint
CREATE INDEX "disposal_places_updated_idx" ON "construction"."disposal_places" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "district_daily_day_idx" ON "construction"."district_daily" USING btree ("day");--> statement-breakpoint
CREATE UNIQUE INDEX "manifests_number_key" ON "construction"."manifests" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "manifests_one_open_per_vehicle" ON "construction"."manifests" USING btree ("vehicle_id") WHERE "construction"."manifests"."status" = 'OPEN';--> statement-breakpoint
CREATE INDEX "manifests_site_idx" ON "construction"."manifests" USING btree ("site_id","opened_at");--> statement-breakpoint
CREATE INDEX "manifests_place_idx" ON "construction"."manifests" USING btree ("disposal_place_id","closed_at");--> statement-breakpoint
CREATE INDEX "manifests_company_idx" ON "construction"."manifests" USING btree ("company_id","opened_at");--> statement-breakpoint
CREATE INDEX "manifests_open_idx" ON "construction"."manifests" USING btree ("opened_at") WHERE "construction"."manifests"."status" = 'OPEN';--> statement-breakpoint
CREATE INDEX "manifests_district_idx" ON "construction"."manifests" USING btree ("district_id","opened_at");--> statement-breakpoint
CREATE INDEX "manifests_updated_idx" ON "construction"."manifests" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "permit_scans_permit_idx" ON "construction"."permit_scans" USING btree ("permit_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "permits_number_key" ON "construction"."permits" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "permits_verify_token_key" ON "construction"."permits" USING btree ("verify_token");--> statement-breakpoint
CREATE INDEX "permits_vehicle_idx" ON "construction"."permits" USING btree ("vehicle_id","valid_from");--> statement-breakpoint
CREATE INDEX "permits_company_idx" ON "construction"."permits" USING btree ("company_id","id");--> statement-breakpoint
CREATE INDEX "permits_site_idx" ON "construction"."permits" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "permits_status_idx" ON "construction"."permits" USING btree ("status","valid_to");--> statement-breakpoint
CREATE INDEX "permits_district_idx" ON "construction"."permits" USING btree ("district_id","id");--> statement-breakpoint
CREATE INDEX "permits_updated_idx" ON "construction"."permits" USING btree ("updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "pickup_requests_code_key" ON "construction"."pickup_requests" USING btree ("tracking_code");--> statement-breakpoint
CREATE INDEX "pickup_requests_status_idx" ON "construction"."pickup_requests" USING btree ("status","requested_at");--> statement-breakpoint
CREATE INDEX "pickup_requests_district_idx" ON "construction"."pickup_requests" USING btree ("district_id","requested_at");--> statement-breakpoint
CREATE INDEX "pickup_requests_updated_idx" ON "construction"."pickup_requests" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "place_daily_day_idx" ON "construction"."place_daily" USING btree ("day","district_id");--> statement-breakpoint
CREATE INDEX "service_problems_visit_idx" ON "construction"."service_problems" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "service_problems_status_idx" ON "construction"."service_problems" USING btree ("status","solved_at");--> statement-breakpoint
CREATE INDEX "service_visits_company_idx" ON "construction"."service_visits" USING btree ("company_id","visited_at");--> statement-breakpoint
CREATE INDEX "service_visits_at_idx" ON "construction"."service_visits" USING btree ("visited_at");--> statement-breakpoint
CREATE INDEX "service_visits_updated_idx" ON "construction"."service_visits" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "site_carriers_company_idx" ON "construction"."site_carriers" USING btree ("company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sites_code_key" ON "construction"."sites" USING btree ("code");--> statement-breakpoint
CREATE INDEX "sites_district_idx" ON "construction"."sites" USING btree ("district_id","id");--> statement-breakpoint
CREATE INDEX "sites_status_idx" ON "construction"."sites" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "sites_updated_idx" ON "construction"."sites" USING btree ("updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicles_plate_key" ON "construction"."vehicles" USING btree ("plate");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicles_terminal_key" ON "construction"."vehicles" USING btree ("terminal_id");--> statement-breakpoint
CREATE INDEX "vehicles_company_idx" ON "construction"."vehicles" USING btree ("company_id","id");--> statement-breakpoint
CREATE INDEX "vehicles_district_idx" ON "construction"."vehicles" USING btree ("district_id","id");--> statement-breakpoint
CREATE INDEX "vehicles_updated_idx" ON "construction"."vehicles" USING btree ("updated_at","id");