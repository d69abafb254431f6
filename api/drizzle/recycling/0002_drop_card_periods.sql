-- Distinct active cards per month/quarter/year are now derived by probing card_days (see points.applyEarnings),
-- so the card_periods bookkeeping table goes; the card-number uniqueness becomes a plain unique index
-- (droppable during the demo bulk load).
DROP TABLE "recycling"."card_periods" CASCADE;--> statement-breakpoint
ALTER TABLE "recycling"."cards" DROP CONSTRAINT "cards_cardNo_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "cards_card_no_key" ON "recycling"."cards" USING btree ("card_no");