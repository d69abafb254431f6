-- 一车一线一证: at most one ACTIVE permit per vehicle at any moment. Range types have native GiST
-- operator classes, so the vehicle id is compared as a one-point int4range (no btree_gist needed;
-- works on PGlite and the server alike). Concurrent approvals wait on each other and all but one fail.
ALTER TABLE "construction"."permits" ADD CONSTRAINT "permits_one_active_per_vehicle"
  EXCLUDE USING gist (int4range("vehicle_id", "vehicle_id", '[]') WITH &&, tstzrange("valid_from", "valid_to") WITH &&)
  WHERE ("status" = 'ACTIVE');
--> statement-breakpoint
CREATE SEQUENCE "construction"."permit_number_seq";
--> statement-breakpoint
CREATE SEQUENCE "construction"."manifest_number_seq";
--> statement-breakpoint
CREATE SEQUENCE "construction"."site_code_seq";
--> statement-breakpoint
-- Plate format (GA 36): province character, letter, 5–6 letters/digits (new-energy plates have 6).
ALTER TABLE "construction"."vehicles" ADD CONSTRAINT "vehicles_plate_format" CHECK ("plate" ~ '^[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警]$');
