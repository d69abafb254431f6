CREATE SCHEMA "hazardous";
--> statement-breakpoint
CREATE TABLE "hazardous"."carriers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."carriers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"district_id" integer NOT NULL,
	"permit_no" text NOT NULL,
	"permit_valid_to" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carriers_creditCode_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "hazardous"."collection_contracts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."collection_contracts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"operator_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"unit_type" text NOT NULL,
	"district_id" integer NOT NULL,
	"signed_on" date NOT NULL,
	"valid_to" date NOT NULL,
	"terminated_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_operator_unit_key" UNIQUE("operator_id","unit_id"),
	CONSTRAINT "contracts_unit_type_check" CHECK ("hazardous"."collection_contracts"."unit_type" in ('INDUSTRIAL','LABORATORY','AUTO_REPAIR')),
	CONSTRAINT "contracts_dates" CHECK ("hazardous"."collection_contracts"."valid_to" >= "hazardous"."collection_contracts"."signed_on")
);
--> statement-breakpoint
CREATE TABLE "hazardous"."collection_operators" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."collection_operators_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"district_id" integer NOT NULL,
	"licence_no" text NOT NULL,
	"licence_valid_to" date NOT NULL,
	"capacity_t_per_year" numeric(12, 3) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collection_operators_creditCode_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "hazardous"."collection_run_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."collection_run_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"run_id" integer NOT NULL,
	"waste_code" text NOT NULL,
	"quantity_kg" numeric(14, 3) NOT NULL,
	CONSTRAINT "run_lines_qty_positive" CHECK ("hazardous"."collection_run_lines"."quantity_kg" > 0)
);
--> statement-breakpoint
CREATE TABLE "hazardous"."collection_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."collection_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"operator_id" integer NOT NULL,
	"contract_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"unit_type" text NOT NULL,
	"district_id" integer NOT NULL,
	"collected_at" timestamp with time zone NOT NULL,
	"total_kg" numeric(14, 3) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "runs_total_positive" CHECK ("hazardous"."collection_runs"."total_kg" > 0)
);
--> statement-breakpoint
CREATE TABLE "hazardous"."daily_stats" (
	"day" date NOT NULL,
	"district_id" integer NOT NULL,
	"metric" text NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	"amount" numeric(18, 3) DEFAULT '0' NOT NULL,
	CONSTRAINT "daily_stats_district_id_metric_day_pk" PRIMARY KEY("district_id","metric","day")
);
--> statement-breakpoint
CREATE TABLE "hazardous"."decommission_projects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."decommission_projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"old_site" text NOT NULL,
	"new_site" text NOT NULL,
	"current_step" text DEFAULT 'NOT_STARTED' NOT NULL,
	"completed" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decommission_projects_unitId_unique" UNIQUE("unit_id")
);
--> statement-breakpoint
CREATE TABLE "hazardous"."decommission_steps" (
	"project_id" integer NOT NULL,
	"step" text NOT NULL,
	"status" text DEFAULT 'NOT_STARTED' NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"note" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decommission_steps_project_id_step_pk" PRIMARY KEY("project_id","step"),
	CONSTRAINT "steps_status_check" CHECK ("hazardous"."decommission_steps"."status" in ('NOT_STARTED','IN_PROGRESS','DONE'))
);
--> statement-breakpoint
CREATE TABLE "hazardous"."documents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"owner_type" text NOT NULL,
	"owner_id" integer NOT NULL,
	"step" text,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_size_check" CHECK ("hazardous"."documents"."size_bytes" between 1 and 5242880)
);
--> statement-breakpoint
CREATE TABLE "hazardous"."facilities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."facilities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"district_id" integer NOT NULL,
	"licence_no" text NOT NULL,
	"licence_valid_to" date NOT NULL,
	"lon" numeric(10, 6) NOT NULL,
	"lat" numeric(10, 6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facilities_creditCode_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "hazardous"."facility_capacities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."facility_capacities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"facility_id" integer NOT NULL,
	"category" text NOT NULL,
	"method" text NOT NULL,
	"tonnes_per_year" numeric(12, 3) NOT NULL,
	"starts_on" date NOT NULL,
	CONSTRAINT "facility_capacity_key" UNIQUE("facility_id","category","method","starts_on"),
	CONSTRAINT "capacity_method_check" CHECK ("hazardous"."facility_capacities"."method" in ('UTILISATION','DISPOSAL'))
);
--> statement-breakpoint
CREATE TABLE "hazardous"."hazard_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."hazard_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"hazard_id" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor" text NOT NULL,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazardous"."hazards" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."hazards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"unit_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"inspection_id" integer,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"description" text NOT NULL,
	"responsible_unit" text NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'FOUND' NOT NULL,
	"evidence" text,
	"found_on" date NOT NULL,
	"submitted_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"overdue_alerted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hazards_status_check" CHECK ("hazardous"."hazards"."status" in ('FOUND','RECTIFYING','SUBMITTED','VERIFIED')),
	CONSTRAINT "hazards_severity_check" CHECK ("hazardous"."hazards"."severity" in ('LOW','MEDIUM','HIGH'))
);
--> statement-breakpoint
CREATE TABLE "hazardous"."inspections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."inspections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"unit_id" integer,
	"subject_name" text NOT NULL,
	"district_id" integer NOT NULL,
	"inspected_on" date NOT NULL,
	"inspector" text NOT NULL,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"finding_count" integer DEFAULT 0 NOT NULL,
	"case_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inspections_kind_check" CHECK ("hazardous"."inspections"."kind" in ('CENSUS','ROUTINE','PLASTIC_BAN','HOTEL_SUPPLIES'))
);
--> statement-breakpoint
CREATE TABLE "hazardous"."manifest_corrections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."manifest_corrections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"manifest_id" integer NOT NULL,
	"requested_by" text NOT NULL,
	"requested_party" text NOT NULL,
	"reason" text NOT NULL,
	"changes" jsonb NOT NULL,
	"required_parties" text[] NOT NULL,
	"approvals" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazardous"."manifest_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."manifest_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"manifest_id" integer NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"party" text NOT NULL,
	"actor" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazardous"."manifest_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."manifest_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"manifest_id" integer NOT NULL,
	"line_no" smallint NOT NULL,
	"waste_code" text NOT NULL,
	"waste_name" text NOT NULL,
	"physical_form" text NOT NULL,
	"characteristics" text[] NOT NULL,
	"packaging" text NOT NULL,
	"package_count" integer NOT NULL,
	"quantity_kg" numeric(14, 3) NOT NULL,
	"received_kg" numeric(14, 3),
	"rejected_kg" numeric(14, 3),
	CONSTRAINT "manifest_lines_no_key" UNIQUE("manifest_id","line_no"),
	CONSTRAINT "manifest_lines_qty_positive" CHECK ("hazardous"."manifest_lines"."quantity_kg" > 0),
	CONSTRAINT "manifest_lines_packages_positive" CHECK ("hazardous"."manifest_lines"."package_count" > 0),
	CONSTRAINT "manifest_lines_form_check" CHECK ("hazardous"."manifest_lines"."physical_form" in ('SOLID','SEMI_SOLID','LIQUID','GAS'))
);
--> statement-breakpoint
CREATE TABLE "hazardous"."manifests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."manifests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"number" text NOT NULL,
	"state" text DEFAULT 'DRAFT' NOT NULL,
	"producer_id" integer NOT NULL,
	"carrier_id" integer NOT NULL,
	"receiver_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"receiver_district_id" integer NOT NULL,
	"planned_route" jsonb,
	"planned_pickup_at" timestamp with time zone,
	"due_by" timestamp with time zone,
	"vehicle_id" integer,
	"driver_id" integer,
	"escort_id" integer,
	"declared_kg" numeric(14, 3) DEFAULT '0' NOT NULL,
	"received_kg" numeric(14, 3),
	"rejected_kg" numeric(14, 3),
	"discrepancy_pct" numeric(8, 3),
	"discrepancy_flagged" boolean DEFAULT false NOT NULL,
	"rejection_reason" text,
	"disposal_method" text,
	"submitted_at" timestamp with time zone,
	"picked_up_at" timestamp with time zone,
	"received_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"disposed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"qr_token" text NOT NULL,
	"overdue_alerted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "manifests_number_unique" UNIQUE("number"),
	CONSTRAINT "manifests_qrToken_unique" UNIQUE("qr_token"),
	CONSTRAINT "manifests_state_check" CHECK ("hazardous"."manifests"."state" in ('DRAFT','SUBMITTED','PICKED_UP','RECEIVED','ACCEPTED','PARTLY_REJECTED','REJECTED','DISPOSED','CLOSED','CANCELLED')),
	CONSTRAINT "manifests_declared_nonneg" CHECK ("hazardous"."manifests"."declared_kg" >= 0),
	CONSTRAINT "manifests_transport_bound" CHECK ("hazardous"."manifests"."state" in ('DRAFT','SUBMITTED','CANCELLED') or ("hazardous"."manifests"."vehicle_id" is not null and "hazardous"."manifests"."driver_id" is not null and "hazardous"."manifests"."escort_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "hazardous"."qr_scans" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."qr_scans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"manifest_id" integer NOT NULL,
	"package_ref" text,
	"viewer" text NOT NULL,
	"user_id" integer,
	"view" text NOT NULL,
	"ip" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazardous"."road_segments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."road_segments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"district_id" integer,
	"speed_limit_kmh" integer NOT NULL,
	"line" jsonb NOT NULL,
	"buffer_m" integer DEFAULT 30 NOT NULL,
	"min_lon" numeric(10, 6) NOT NULL,
	"min_lat" numeric(10, 6) NOT NULL,
	"max_lon" numeric(10, 6) NOT NULL,
	"max_lat" numeric(10, 6) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segments_limit_check" CHECK ("hazardous"."road_segments"."speed_limit_kmh" between 5 and 130)
);
--> statement-breakpoint
CREATE TABLE "hazardous"."rule_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"discrepancy_tolerance_pct" numeric(5, 2) DEFAULT '5' NOT NULL,
	"off_route_metres" integer DEFAULT 500 NOT NULL,
	"licence_warn_days" integer DEFAULT 30 NOT NULL,
	"overspeed_tolerance_kmh" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazardous"."state_stats" (
	"district_id" integer NOT NULL,
	"subject" text NOT NULL,
	"state" text NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	"amount" numeric(18, 3) DEFAULT '0' NOT NULL,
	CONSTRAINT "state_stats_district_id_subject_state_pk" PRIMARY KEY("district_id","subject","state")
);
--> statement-breakpoint
CREATE TABLE "hazardous"."training_attendance" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."training_attendance_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"session_id" integer NOT NULL,
	"unit_id" integer,
	"person_name" text NOT NULL,
	"role" text DEFAULT '' NOT NULL,
	CONSTRAINT "attendance_person_once" UNIQUE("session_id","person_name","unit_id")
);
--> statement-breakpoint
CREATE TABLE "hazardous"."training_sessions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."training_sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"trainer" text DEFAULT '' NOT NULL,
	"attendee_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazardous"."transport_people" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."transport_people_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"carrier_id" integer NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"qualification_no" text NOT NULL,
	"qualification_valid_to" date NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transport_people_qualificationNo_unique" UNIQUE("qualification_no"),
	CONSTRAINT "people_role_check" CHECK ("hazardous"."transport_people"."role" in ('DRIVER','ESCORT'))
);
--> statement-breakpoint
CREATE TABLE "hazardous"."units" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"credit_code" text NOT NULL,
	"kind" text NOT NULL,
	"small_micro" boolean DEFAULT false NOT NULL,
	"district_id" integer NOT NULL,
	"industry" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"lon" numeric(10, 6),
	"lat" numeric(10, 6),
	"annual_generation_t" numeric(12, 3) DEFAULT '0' NOT NULL,
	"census_checked_on" date,
	"active" boolean DEFAULT true NOT NULL,
	"registered_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_kind_check" CHECK ("hazardous"."units"."kind" in ('ENTERPRISE','LABORATORY','AUTO_REPAIR','HOSPITAL','SCHOOL','OTHER_SOCIAL')),
	CONSTRAINT "units_small_micro_enterprise" CHECK (not "hazardous"."units"."small_micro" or "hazardous"."units"."kind" = 'ENTERPRISE')
);
--> statement-breakpoint
CREATE TABLE "hazardous"."vehicles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."vehicles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"carrier_id" integer NOT NULL,
	"plate" text NOT NULL,
	"terminal_id" text,
	"vehicle_type" text DEFAULT '' NOT NULL,
	"load_kg" numeric(14, 3) NOT NULL,
	"licence_no" text NOT NULL,
	"licence_valid_to" date NOT NULL,
	"district_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vehicles_plate_unique" UNIQUE("plate"),
	CONSTRAINT "vehicles_terminalId_unique" UNIQUE("terminal_id")
);
--> statement-breakpoint
CREATE TABLE "hazardous"."waste_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"category_name_zh" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"characteristics" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazardous"."waybills" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "hazardous"."waybills_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"manifest_id" integer NOT NULL,
	"number" text NOT NULL,
	"carrier_id" integer NOT NULL,
	"vehicle_id" integer NOT NULL,
	"driver_id" integer NOT NULL,
	"escort_id" integer NOT NULL,
	"departed_at" timestamp with time zone NOT NULL,
	"arrived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waybills_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "hazardous"."carriers" ADD CONSTRAINT "carriers_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."collection_contracts" ADD CONSTRAINT "collection_contracts_operator_id_collection_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "hazardous"."collection_operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."collection_contracts" ADD CONSTRAINT "collection_contracts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "hazardous"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."collection_contracts" ADD CONSTRAINT "collection_contracts_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."collection_operators" ADD CONSTRAINT "collection_operators_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."collection_run_lines" ADD CONSTRAINT "collection_run_lines_run_id_collection_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "hazardous"."collection_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."collection_run_lines" ADD CONSTRAINT "collection_run_lines_waste_code_waste_codes_code_fk" FOREIGN KEY ("waste_code") REFERENCES "hazardous"."waste_codes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."collection_runs" ADD CONSTRAINT "collection_runs_operator_id_collection_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "hazardous"."collection_operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."collection_runs" ADD CONSTRAINT "collection_runs_contract_id_collection_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "hazardous"."collection_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."collection_runs" ADD CONSTRAINT "collection_runs_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "hazardous"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."collection_runs" ADD CONSTRAINT "collection_runs_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."decommission_projects" ADD CONSTRAINT "decommission_projects_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "hazardous"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."decommission_projects" ADD CONSTRAINT "decommission_projects_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."decommission_steps" ADD CONSTRAINT "decommission_steps_project_id_decommission_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "hazardous"."decommission_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."facilities" ADD CONSTRAINT "facilities_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."facility_capacities" ADD CONSTRAINT "facility_capacities_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "hazardous"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."hazard_events" ADD CONSTRAINT "hazard_events_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "hazardous"."hazards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."hazards" ADD CONSTRAINT "hazards_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "hazardous"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."hazards" ADD CONSTRAINT "hazards_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."hazards" ADD CONSTRAINT "hazards_inspection_id_inspections_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "hazardous"."inspections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."inspections" ADD CONSTRAINT "inspections_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "hazardous"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."inspections" ADD CONSTRAINT "inspections_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."manifest_corrections" ADD CONSTRAINT "manifest_corrections_manifest_id_manifests_id_fk" FOREIGN KEY ("manifest_id") REFERENCES "hazardous"."manifests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."manifest_events" ADD CONSTRAINT "manifest_events_manifest_id_manifests_id_fk" FOREIGN KEY ("manifest_id") REFERENCES "hazardous"."manifests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."manifest_lines" ADD CONSTRAINT "manifest_lines_manifest_id_manifests_id_fk" FOREIGN KEY ("manifest_id") REFERENCES "hazardous"."manifests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."manifest_lines" ADD CONSTRAINT "manifest_lines_waste_code_waste_codes_code_fk" FOREIGN KEY ("waste_code") REFERENCES "hazardous"."waste_codes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."manifests" ADD CONSTRAINT "manifests_producer_id_units_id_fk" FOREIGN KEY ("producer_id") REFERENCES "hazardous"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."manifests" ADD CONSTRAINT "manifests_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "hazardous"."carriers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."manifests" ADD CONSTRAINT "manifests_receiver_id_facilities_id_fk" FOREIGN KEY ("receiver_id") REFERENCES "hazardous"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."manifests" ADD CONSTRAINT "manifests_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."manifests" ADD CONSTRAINT "manifests_receiver_district_id_districts_id_fk" FOREIGN KEY ("receiver_district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."manifests" ADD CONSTRAINT "manifests_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "hazardous"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."manifests" ADD CONSTRAINT "manifests_driver_id_transport_people_id_fk" FOREIGN KEY ("driver_id") REFERENCES "hazardous"."transport_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."manifests" ADD CONSTRAINT "manifests_escort_id_transport_people_id_fk" FOREIGN KEY ("escort_id") REFERENCES "hazardous"."transport_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."qr_scans" ADD CONSTRAINT "qr_scans_manifest_id_manifests_id_fk" FOREIGN KEY ("manifest_id") REFERENCES "hazardous"."manifests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."road_segments" ADD CONSTRAINT "road_segments_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."training_attendance" ADD CONSTRAINT "training_attendance_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "hazardous"."training_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."training_attendance" ADD CONSTRAINT "training_attendance_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "hazardous"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."training_sessions" ADD CONSTRAINT "training_sessions_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."transport_people" ADD CONSTRAINT "transport_people_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "hazardous"."carriers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."units" ADD CONSTRAINT "units_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."vehicles" ADD CONSTRAINT "vehicles_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "hazardous"."carriers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."vehicles" ADD CONSTRAINT "vehicles_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."waybills" ADD CONSTRAINT "waybills_manifest_id_manifests_id_fk" FOREIGN KEY ("manifest_id") REFERENCES "hazardous"."manifests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."waybills" ADD CONSTRAINT "waybills_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "hazardous"."carriers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."waybills" ADD CONSTRAINT "waybills_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "hazardous"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."waybills" ADD CONSTRAINT "waybills_driver_id_transport_people_id_fk" FOREIGN KEY ("driver_id") REFERENCES "hazardous"."transport_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazardous"."waybills" ADD CONSTRAINT "waybills_escort_id_transport_people_id_fk" FOREIGN KEY ("escort_id") REFERENCES "hazardous"."transport_people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "carriers_updated_idx" ON "hazardous"."carriers" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "contracts_unit_idx" ON "hazardous"."collection_contracts" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "contracts_operator_idx" ON "hazardous"."collection_contracts" USING btree ("operator_id","unit_type");--> statement-breakpoint
CREATE INDEX "contracts_updated_idx" ON "hazardous"."collection_contracts" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "operators_updated_idx" ON "hazardous"."collection_operators" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "run_lines_run_idx" ON "hazardous"."collection_run_lines" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "runs_operator_idx" ON "hazardous"."collection_runs" USING btree ("operator_id","collected_at");--> statement-breakpoint
CREATE INDEX "runs_district_idx" ON "hazardous"."collection_runs" USING btree ("district_id","collected_at");--> statement-breakpoint
CREATE INDEX "runs_unit_idx" ON "hazardous"."collection_runs" USING btree ("unit_id","collected_at");--> statement-breakpoint
CREATE INDEX "runs_collected_idx" ON "hazardous"."collection_runs" USING btree ("collected_at","id");--> statement-breakpoint
CREATE INDEX "runs_updated_idx" ON "hazardous"."collection_runs" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "daily_stats_metric_day_idx" ON "hazardous"."daily_stats" USING btree ("metric","day");--> statement-breakpoint
CREATE INDEX "decommission_district_idx" ON "hazardous"."decommission_projects" USING btree ("district_id","id");--> statement-breakpoint
CREATE INDEX "decommission_updated_idx" ON "hazardous"."decommission_projects" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "documents_owner_idx" ON "hazardous"."documents" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE INDEX "facilities_updated_idx" ON "hazardous"."facilities" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "hazard_events_hazard_idx" ON "hazardous"."hazard_events" USING btree ("hazard_id","id");--> statement-breakpoint
CREATE INDEX "hazards_district_status_idx" ON "hazardous"."hazards" USING btree ("district_id","status","deadline");--> statement-breakpoint
CREATE INDEX "hazards_unit_idx" ON "hazardous"."hazards" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "hazards_open_deadline_idx" ON "hazardous"."hazards" USING btree ("deadline") WHERE "hazardous"."hazards"."status" <> 'VERIFIED';--> statement-breakpoint
CREATE INDEX "hazards_updated_idx" ON "hazardous"."hazards" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "inspections_unit_idx" ON "hazardous"."inspections" USING btree ("unit_id","inspected_on");--> statement-breakpoint
CREATE INDEX "inspections_district_idx" ON "hazardous"."inspections" USING btree ("district_id","kind","inspected_on");--> statement-breakpoint
CREATE INDEX "inspections_updated_idx" ON "hazardous"."inspections" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "corrections_manifest_idx" ON "hazardous"."manifest_corrections" USING btree ("manifest_id");--> statement-breakpoint
CREATE UNIQUE INDEX "corrections_one_pending" ON "hazardous"."manifest_corrections" USING btree ("manifest_id") WHERE "hazardous"."manifest_corrections"."status" = 'PENDING';--> statement-breakpoint
CREATE INDEX "manifest_events_manifest_idx" ON "hazardous"."manifest_events" USING btree ("manifest_id","id");--> statement-breakpoint
CREATE INDEX "manifests_district_state_idx" ON "hazardous"."manifests" USING btree ("district_id","state","id");--> statement-breakpoint
CREATE INDEX "manifests_state_idx" ON "hazardous"."manifests" USING btree ("state","id");--> statement-breakpoint
CREATE INDEX "manifests_producer_idx" ON "hazardous"."manifests" USING btree ("producer_id","id");--> statement-breakpoint
CREATE INDEX "manifests_carrier_idx" ON "hazardous"."manifests" USING btree ("carrier_id","id");--> statement-breakpoint
CREATE INDEX "manifests_receiver_idx" ON "hazardous"."manifests" USING btree ("receiver_id","id");--> statement-breakpoint
CREATE INDEX "manifests_created_idx" ON "hazardous"."manifests" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "manifests_updated_idx" ON "hazardous"."manifests" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "manifests_in_transit_vehicle_idx" ON "hazardous"."manifests" USING btree ("vehicle_id") WHERE "hazardous"."manifests"."state" = 'PICKED_UP';--> statement-breakpoint
CREATE INDEX "manifests_in_transit_due_idx" ON "hazardous"."manifests" USING btree ("due_by") WHERE "hazardous"."manifests"."state" = 'PICKED_UP';--> statement-breakpoint
CREATE INDEX "qr_scans_manifest_idx" ON "hazardous"."qr_scans" USING btree ("manifest_id","at");--> statement-breakpoint
CREATE INDEX "attendance_session_idx" ON "hazardous"."training_attendance" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "training_district_idx" ON "hazardous"."training_sessions" USING btree ("district_id","held_on");--> statement-breakpoint
CREATE INDEX "training_updated_idx" ON "hazardous"."training_sessions" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "people_carrier_idx" ON "hazardous"."transport_people" USING btree ("carrier_id","role");--> statement-breakpoint
CREATE INDEX "people_expiry_idx" ON "hazardous"."transport_people" USING btree ("qualification_valid_to");--> statement-breakpoint
CREATE INDEX "people_updated_idx" ON "hazardous"."transport_people" USING btree ("updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "units_credit_code_key" ON "hazardous"."units" USING btree ("credit_code");--> statement-breakpoint
CREATE INDEX "units_district_idx" ON "hazardous"."units" USING btree ("district_id","kind","id");--> statement-breakpoint
CREATE INDEX "units_updated_idx" ON "hazardous"."units" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "units_name_trgm" ON "hazardous"."units" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "vehicles_carrier_idx" ON "hazardous"."vehicles" USING btree ("carrier_id");--> statement-breakpoint
CREATE INDEX "vehicles_expiry_idx" ON "hazardous"."vehicles" USING btree ("licence_valid_to");--> statement-breakpoint
CREATE INDEX "vehicles_updated_idx" ON "hazardous"."vehicles" USING btree ("updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "waybills_manifest_key" ON "hazardous"."waybills" USING btree ("manifest_id");--> statement-breakpoint
CREATE INDEX "waybills_vehicle_idx" ON "hazardous"."waybills" USING btree ("vehicle_id","departed_at");