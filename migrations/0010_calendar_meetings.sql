ALTER TABLE "activities" ADD COLUMN "conference_id" text;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "record_calendar_meetings" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "activities_conference_idx" ON "activities" USING btree ("org_id","conference_id","occurred_at") WHERE "activities"."conference_id" is not null;