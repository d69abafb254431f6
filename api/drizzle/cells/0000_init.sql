CREATE SCHEMA "cells";
--> statement-breakpoint
CREATE TABLE "cells"."academy_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cells"."academy_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"author" text DEFAULT '' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"doc_number" text,
	"issued_on" date,
	"duration_minutes" integer,
	"lessons" jsonb,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"author_id" integer,
	"review_comment" text,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_by" integer,
	"archived_at" timestamp with time zone,
	"search_vector" "tsvector" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "academy_kind" CHECK ("cells"."academy_items"."kind" in ('ARTICLE','POLICY','COURSE')),
	CONSTRAINT "academy_status" CHECK ("cells"."academy_items"."status" in ('DRAFT','IN_REVIEW','PUBLISHED','ARCHIVED'))
);
--> statement-breakpoint
CREATE TABLE "cells"."applications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cells"."applications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"number" text NOT NULL,
	"unit_id" integer NOT NULL,
	"cell_type_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"kind" text DEFAULT 'NEW' NOT NULL,
	"previous_application_id" integer,
	"checklist_version" integer NOT NULL,
	"pass_mark" numeric(5, 1) NOT NULL,
	"status" text DEFAULT 'DRAFT' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"review_started_at" timestamp with time zone,
	"reviewer_id" integer,
	"total_score" numeric(5, 1),
	"decided_at" timestamp with time zone,
	"decision_comment" text,
	"level" text DEFAULT 'CITY' NOT NULL,
	"certificate_no" text,
	"certified_at" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"expired_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "applications_number_unique" UNIQUE("number"),
	CONSTRAINT "applications_certificateNo_unique" UNIQUE("certificate_no"),
	CONSTRAINT "applications_status_check" CHECK ("cells"."applications"."status" in ('DRAFT','SUBMITTED','UNDER_REVIEW','CERTIFIED','REJECTED','WITHDRAWN','EXPIRED','REVOKED','SUPERSEDED')),
	CONSTRAINT "applications_kind_check" CHECK ("cells"."applications"."kind" in ('NEW','REASSESSMENT')),
	CONSTRAINT "applications_level_check" CHECK ("cells"."applications"."level" in ('CITY','PROVINCIAL')),
	CONSTRAINT "applications_score_range" CHECK ("cells"."applications"."total_score" is null or ("cells"."applications"."total_score" >= 0 and "cells"."applications"."total_score" <= 100)),
	CONSTRAINT "applications_certified_has_certificate" CHECK ("cells"."applications"."status" <> 'CERTIFIED' or ("cells"."applications"."certificate_no" is not null and "cells"."applications"."valid_until" is not null))
);
--> statement-breakpoint
CREATE TABLE "cells"."assessment_items" (
	"application_id" integer NOT NULL,
	"item_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"max_points" integer NOT NULL,
	"self_score" numeric(5, 1),
	"unit_evidence" text DEFAULT '' NOT NULL,
	"score" numeric(5, 1),
	"review_evidence" text DEFAULT '' NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"scored_by" integer,
	"scored_at" timestamp with time zone,
	CONSTRAINT "assessment_items_application_id_item_id_pk" PRIMARY KEY("application_id","item_id"),
	CONSTRAINT "assessment_score_range" CHECK ("cells"."assessment_items"."score" is null or ("cells"."assessment_items"."score" >= 0 and "cells"."assessment_items"."score" <= "cells"."assessment_items"."max_points")),
	CONSTRAINT "assessment_self_score_range" CHECK ("cells"."assessment_items"."self_score" is null or ("cells"."assessment_items"."self_score" >= 0 and "cells"."assessment_items"."self_score" <= "cells"."assessment_items"."max_points"))
);
--> statement-breakpoint
CREATE TABLE "cells"."awareness_surveys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cells"."awareness_surveys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"district_id" integer NOT NULL,
	"surveyed_on" date NOT NULL,
	"population" text NOT NULL,
	"sample_size" integer NOT NULL,
	"awareness_pct" numeric(5, 2) NOT NULL,
	"participation_pct" numeric(5, 2),
	"satisfaction_pct" numeric(5, 2),
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "awareness_sample" CHECK ("cells"."awareness_surveys"."sample_size" > 0),
	CONSTRAINT "awareness_range" CHECK ("cells"."awareness_surveys"."awareness_pct" between 0 and 100 and coalesce("cells"."awareness_surveys"."participation_pct", 0) between 0 and 100 and coalesce("cells"."awareness_surveys"."satisfaction_pct", 0) between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "cells"."cell_targets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cells"."cell_targets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" integer NOT NULL,
	"district_id" integer NOT NULL,
	"cell_type_id" integer,
	"target" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cell_targets_nonneg" CHECK ("cells"."cell_targets"."target" >= 0)
);
--> statement-breakpoint
CREATE TABLE "cells"."cell_types" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cells"."cell_types_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"pass_mark" numeric(5, 1) DEFAULT '85' NOT NULL,
	"validity_years" integer DEFAULT 3 NOT NULL,
	"checklist_version" integer DEFAULT 1 NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cell_types_code_unique" UNIQUE("code"),
	CONSTRAINT "cell_types_pass_mark" CHECK ("cells"."cell_types"."pass_mark" > 0 and "cells"."cell_types"."pass_mark" <= 100),
	CONSTRAINT "cell_types_validity" CHECK ("cells"."cell_types"."validity_years" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "cells"."certificate_counters" (
	"year" integer NOT NULL,
	"cell_type_id" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "certificate_counters_year_cell_type_id_pk" PRIMARY KEY("year","cell_type_id")
);
--> statement-breakpoint
CREATE TABLE "cells"."checklist_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cells"."checklist_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"cell_type_id" integer NOT NULL,
	"version" integer NOT NULL,
	"seq" integer NOT NULL,
	"code" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"points" integer NOT NULL,
	"evidence_zh" text NOT NULL,
	"evidence_en" text NOT NULL,
	"method" text NOT NULL,
	CONSTRAINT "checklist_items_points" CHECK ("cells"."checklist_items"."points" > 0 and "cells"."checklist_items"."points" <= 100),
	CONSTRAINT "checklist_items_method" CHECK ("cells"."checklist_items"."method" in ('RECORDS','SITE_CHECK','RESIDENT_OPINION'))
);
--> statement-breakpoint
CREATE TABLE "cells"."daily_counts" (
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"district_id" integer NOT NULL,
	"dim" text DEFAULT '' NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "daily_counts_metric_day_district_id_dim_pk" PRIMARY KEY("metric","day","district_id","dim")
);
--> statement-breakpoint
CREATE TABLE "cells"."index_components" (
	"district_id" integer NOT NULL,
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"indicator_id" integer NOT NULL,
	"actual" numeric(20, 4),
	"actual_quarter" integer,
	"target" numeric(20, 4),
	"score" numeric(6, 2) NOT NULL,
	"weight" numeric(8, 6) NOT NULL,
	CONSTRAINT "index_components_district_id_year_quarter_indicator_id_pk" PRIMARY KEY("district_id","year","quarter","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "cells"."index_scores" (
	"district_id" integer NOT NULL,
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"value" numeric(6, 2) NOT NULL,
	"rank" integer,
	"group_scores" jsonb NOT NULL,
	"coverage" numeric(5, 4) NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "index_scores_district_id_year_quarter_pk" PRIMARY KEY("district_id","year","quarter")
);
--> statement-breakpoint
CREATE TABLE "cells"."indicator_actuals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cells"."indicator_actuals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"indicator_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"value" numeric(20, 4) NOT NULL,
	"evidence" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"department_id" integer,
	"reported_by" integer,
	"reported_by_label" text NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_actuals_quarter" CHECK ("cells"."indicator_actuals"."quarter" between 1 and 4),
	CONSTRAINT "indicator_actuals_year" CHECK ("cells"."indicator_actuals"."year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "cells"."indicator_groups" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cells"."indicator_groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"weight" numeric(5, 4) NOT NULL,
	"sort" integer NOT NULL,
	CONSTRAINT "indicator_groups_code_unique" UNIQUE("code"),
	CONSTRAINT "indicator_groups_weight" CHECK ("cells"."indicator_groups"."weight" >= 0 and "cells"."indicator_groups"."weight" <= 1)
);
--> statement-breakpoint
CREATE TABLE "cells"."indicator_status" (
	"indicator_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"year" integer NOT NULL,
	"latest_quarter" integer,
	"latest_value" numeric(20, 4),
	"target" numeric(20, 4),
	"expected" numeric(20, 4),
	"progress_pct" numeric(6, 2),
	"status" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_status_indicator_id_district_id_year_pk" PRIMARY KEY("indicator_id","district_id","year")
);
--> statement-breakpoint
CREATE TABLE "cells"."indicator_targets" (
	"indicator_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"year" integer NOT NULL,
	"target" numeric(20, 4) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_targets_indicator_id_district_id_year_pk" PRIMARY KEY("indicator_id","district_id","year"),
	CONSTRAINT "indicator_targets_year" CHECK ("cells"."indicator_targets"."year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "cells"."indicators" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cells"."indicators_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"group_id" integer NOT NULL,
	"category_zh" text NOT NULL,
	"category_en" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" text NOT NULL,
	"direction" text NOT NULL,
	"mandatory" boolean DEFAULT false NOT NULL,
	"formula" text DEFAULT '' NOT NULL,
	"responsible_department_id" integer NOT NULL,
	"weight" numeric(6, 3) DEFAULT '1' NOT NULL,
	"in_index" boolean DEFAULT true NOT NULL,
	"baseline" numeric(20, 4),
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_code_unique" UNIQUE("code"),
	CONSTRAINT "indicators_direction" CHECK ("cells"."indicators"."direction" in ('HIGHER_BETTER','LOWER_BETTER')),
	CONSTRAINT "indicators_weight" CHECK ("cells"."indicators"."weight" >= 0)
);
--> statement-breakpoint
CREATE TABLE "cells"."number_counters" (
	"scope" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "number_counters_scope_year_pk" PRIMARY KEY("scope","year")
);
--> statement-breakpoint
CREATE TABLE "cells"."provincial_index" (
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"city_zh" text NOT NULL,
	"city_en" text NOT NULL,
	"value" numeric(6, 2) NOT NULL,
	"rank" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provincial_index_year_quarter_city_zh_pk" PRIMARY KEY("year","quarter","city_zh"),
	CONSTRAINT "provincial_index_quarter" CHECK ("cells"."provincial_index"."quarter" between 1 and 4)
);
--> statement-breakpoint
CREATE TABLE "cells"."publicity_activities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cells"."publicity_activities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"district_id" integer NOT NULL,
	"organiser" text NOT NULL,
	"department_id" integer,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"participants" integer DEFAULT 0 NOT NULL,
	"posters" integer DEFAULT 0 NOT NULL,
	"leaflets" integer DEFAULT 0 NOT NULL,
	"other_materials" integer DEFAULT 0 NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "publicity_kind" CHECK ("cells"."publicity_activities"."kind" in ('EVENT','CAMPAIGN','SCHOOL','COMMUNITY','MEDIA','TRAINING')),
	CONSTRAINT "publicity_dates" CHECK ("cells"."publicity_activities"."end_date" >= "cells"."publicity_activities"."start_date"),
	CONSTRAINT "publicity_counts" CHECK ("cells"."publicity_activities"."participants" >= 0 and "cells"."publicity_activities"."posters" >= 0 and "cells"."publicity_activities"."leaflets" >= 0 and "cells"."publicity_activities"."other_materials" >= 0)
);
--> statement-breakpoint
CREATE TABLE "cells"."questions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cells"."questions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"number" text NOT NULL,
	"tracking_hash" text NOT NULL,
	"asker_kind" text NOT NULL,
	"asker_name" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"unit_id" integer,
	"district_id" integer,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'NEW' NOT NULL,
	"answer" text,
	"answered_by" integer,
	"answered_at" timestamp with time zone,
	"faq_title" text,
	"published_at" timestamp with time zone,
	"closed_reason" text,
	"client_hash" text NOT NULL,
	"content_hash" text NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questions_number_unique" UNIQUE("number"),
	CONSTRAINT "questions_status" CHECK ("cells"."questions"."status" in ('NEW','ANSWERED','PUBLISHED','CLOSED','REJECTED')),
	CONSTRAINT "questions_kind" CHECK ("cells"."questions"."asker_kind" in ('PUBLIC','UNIT'))
);
--> statement-breakpoint
CREATE TABLE "cells"."stock_counts" (
	"metric" text NOT NULL,
	"district_id" integer NOT NULL,
	"dim" text DEFAULT '' NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "stock_counts_metric_district_id_dim_pk" PRIMARY KEY("metric","district_id","dim"),
	CONSTRAINT "stock_counts_nonneg" CHECK ("cells"."stock_counts"."n" >= 0)
);
--> statement-breakpoint
CREATE TABLE "cells"."tracking_tasks" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cells"."tracking_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"department_id" integer NOT NULL,
	"district_id" integer,
	"owner" text NOT NULL,
	"year" integer NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'OPEN' NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" integer,
	"returned_reason" text,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"closing_note" text,
	"overdue" boolean DEFAULT false NOT NULL,
	"overdue_since" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tracking_tasks_code_unique" UNIQUE("code"),
	CONSTRAINT "tracking_tasks_status" CHECK ("cells"."tracking_tasks"."status" in ('OPEN','SUBMITTED','CLOSED','CANCELLED'))
);
--> statement-breakpoint
CREATE TABLE "cells"."units" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cells"."units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"cell_type_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"lon" numeric(10, 6),
	"lat" numeric(10, 6),
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"credit_code" text,
	"cell_status" text DEFAULT 'NONE' NOT NULL,
	"certificate_no" text,
	"certified_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "units_status_check" CHECK ("cells"."units"."cell_status" in ('NONE','APPLYING','CERTIFIED','EXPIRED','REVOKED'))
);
--> statement-breakpoint
ALTER TABLE "cells"."academy_items" ADD CONSTRAINT "academy_items_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "core"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."academy_items" ADD CONSTRAINT "academy_items_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "core"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."applications" ADD CONSTRAINT "applications_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "cells"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."applications" ADD CONSTRAINT "applications_cell_type_id_cell_types_id_fk" FOREIGN KEY ("cell_type_id") REFERENCES "cells"."cell_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."applications" ADD CONSTRAINT "applications_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."applications" ADD CONSTRAINT "applications_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "core"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."applications" ADD CONSTRAINT "applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "core"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."assessment_items" ADD CONSTRAINT "assessment_items_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "cells"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."assessment_items" ADD CONSTRAINT "assessment_items_item_id_checklist_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "cells"."checklist_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."assessment_items" ADD CONSTRAINT "assessment_items_scored_by_users_id_fk" FOREIGN KEY ("scored_by") REFERENCES "core"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."awareness_surveys" ADD CONSTRAINT "awareness_surveys_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."cell_targets" ADD CONSTRAINT "cell_targets_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."cell_targets" ADD CONSTRAINT "cell_targets_cell_type_id_cell_types_id_fk" FOREIGN KEY ("cell_type_id") REFERENCES "cells"."cell_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."checklist_items" ADD CONSTRAINT "checklist_items_cell_type_id_cell_types_id_fk" FOREIGN KEY ("cell_type_id") REFERENCES "cells"."cell_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."indicator_actuals" ADD CONSTRAINT "indicator_actuals_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "cells"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."indicator_actuals" ADD CONSTRAINT "indicator_actuals_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."indicator_actuals" ADD CONSTRAINT "indicator_actuals_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "core"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."indicator_actuals" ADD CONSTRAINT "indicator_actuals_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "core"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."indicator_targets" ADD CONSTRAINT "indicator_targets_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "cells"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."indicator_targets" ADD CONSTRAINT "indicator_targets_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."indicators" ADD CONSTRAINT "indicators_group_id_indicator_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "cells"."indicator_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."indicators" ADD CONSTRAINT "indicators_responsible_department_id_departments_id_fk" FOREIGN KEY ("responsible_department_id") REFERENCES "core"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."publicity_activities" ADD CONSTRAINT "publicity_activities_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."publicity_activities" ADD CONSTRAINT "publicity_activities_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "core"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."publicity_activities" ADD CONSTRAINT "publicity_activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "core"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."questions" ADD CONSTRAINT "questions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "cells"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."questions" ADD CONSTRAINT "questions_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."questions" ADD CONSTRAINT "questions_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "core"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."tracking_tasks" ADD CONSTRAINT "tracking_tasks_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "core"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."tracking_tasks" ADD CONSTRAINT "tracking_tasks_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."tracking_tasks" ADD CONSTRAINT "tracking_tasks_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "core"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."tracking_tasks" ADD CONSTRAINT "tracking_tasks_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "core"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."units" ADD CONSTRAINT "units_cell_type_id_cell_types_id_fk" FOREIGN KEY ("cell_type_id") REFERENCES "cells"."cell_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cells"."units" ADD CONSTRAINT "units_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "core"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "academy_search_idx" ON "cells"."academy_items" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "academy_tags_idx" ON "cells"."academy_items" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "academy_status_idx" ON "cells"."academy_items" USING btree ("status","published_at","id");--> statement-breakpoint
CREATE INDEX "academy_updated_idx" ON "cells"."academy_items" USING btree ("updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_one_open_per_unit" ON "cells"."applications" USING btree ("unit_id") WHERE "cells"."applications"."status" in ('DRAFT','SUBMITTED','UNDER_REVIEW');--> statement-breakpoint
CREATE UNIQUE INDEX "applications_one_certified_per_unit" ON "cells"."applications" USING btree ("unit_id") WHERE "cells"."applications"."status" = 'CERTIFIED';--> statement-breakpoint
CREATE INDEX "applications_status_idx" ON "cells"."applications" USING btree ("status","district_id","id");--> statement-breakpoint
CREATE INDEX "applications_unit_idx" ON "cells"."applications" USING btree ("unit_id","id");--> statement-breakpoint
CREATE INDEX "applications_district_idx" ON "cells"."applications" USING btree ("district_id","id");--> statement-breakpoint
CREATE INDEX "applications_valid_until_idx" ON "cells"."applications" USING btree ("valid_until") WHERE "cells"."applications"."status" = 'CERTIFIED';--> statement-breakpoint
CREATE INDEX "applications_updated_idx" ON "cells"."applications" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "awareness_district_idx" ON "cells"."awareness_surveys" USING btree ("district_id","surveyed_on");--> statement-breakpoint
CREATE INDEX "awareness_updated_idx" ON "cells"."awareness_surveys" USING btree ("updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "cell_targets_key" ON "cells"."cell_targets" USING btree ("year","district_id",coalesce("cell_type_id", 0));--> statement-breakpoint
CREATE UNIQUE INDEX "checklist_items_type_version_code" ON "cells"."checklist_items" USING btree ("cell_type_id","version","code");--> statement-breakpoint
CREATE INDEX "daily_counts_day_idx" ON "cells"."daily_counts" USING btree ("metric","day");--> statement-breakpoint
CREATE INDEX "index_scores_period_idx" ON "cells"."index_scores" USING btree ("year","quarter");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_actuals_key" ON "cells"."indicator_actuals" USING btree ("indicator_id","district_id","year","quarter");--> statement-breakpoint
CREATE INDEX "indicator_actuals_period_idx" ON "cells"."indicator_actuals" USING btree ("year","quarter","district_id");--> statement-breakpoint
CREATE INDEX "indicator_actuals_updated_idx" ON "cells"."indicator_actuals" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "indicator_status_year_idx" ON "cells"."indicator_status" USING btree ("year","district_id","status");--> statement-breakpoint
CREATE INDEX "indicators_group_idx" ON "cells"."indicators" USING btree ("group_id","sort");--> statement-breakpoint
CREATE INDEX "indicators_department_idx" ON "cells"."indicators" USING btree ("responsible_department_id");--> statement-breakpoint
CREATE INDEX "indicators_updated_idx" ON "cells"."indicators" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "publicity_district_idx" ON "cells"."publicity_activities" USING btree ("district_id","start_date");--> statement-breakpoint
CREATE INDEX "publicity_start_idx" ON "cells"."publicity_activities" USING btree ("start_date","id");--> statement-breakpoint
CREATE INDEX "publicity_updated_idx" ON "cells"."publicity_activities" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "questions_client_idx" ON "cells"."questions" USING btree ("client_hash","created_at");--> statement-breakpoint
CREATE INDEX "questions_content_idx" ON "cells"."questions" USING btree ("content_hash","created_at");--> statement-breakpoint
CREATE INDEX "questions_status_idx" ON "cells"."questions" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "questions_search_idx" ON "cells"."questions" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "questions_updated_idx" ON "cells"."questions" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "tracking_tasks_department_idx" ON "cells"."tracking_tasks" USING btree ("department_id","status","deadline");--> statement-breakpoint
CREATE INDEX "tracking_tasks_district_idx" ON "cells"."tracking_tasks" USING btree ("district_id","id");--> statement-breakpoint
CREATE INDEX "tracking_tasks_due_idx" ON "cells"."tracking_tasks" USING btree ("deadline") WHERE "cells"."tracking_tasks"."status" in ('OPEN','SUBMITTED');--> statement-breakpoint
CREATE INDEX "tracking_tasks_updated_idx" ON "cells"."tracking_tasks" USING btree ("updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "units_name_district" ON "cells"."units" USING btree ("district_id","name");--> statement-breakpoint
CREATE INDEX "units_type_idx" ON "cells"."units" USING btree ("cell_type_id","id");--> statement-breakpoint
CREATE INDEX "units_status_idx" ON "cells"."units" USING btree ("cell_status","district_id");--> statement-breakpoint
CREATE INDEX "units_updated_idx" ON "cells"."units" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "units_name_trgm" ON "cells"."units" USING gin ("name" gin_trgm_ops);