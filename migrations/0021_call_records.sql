-- A call record points at its meeting on the timeline within its own org: activities gets the
-- (org_id, id) key every other org-owned table has.
ALTER TABLE "activities" ADD CONSTRAINT "activities_org_id_key" UNIQUE("org_id","id");--> statement-breakpoint
CREATE TABLE "call_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"source" text NOT NULL,
	"conference_id" text,
	"zoom_meeting_uuid" text,
	"meeting_at" timestamp with time zone NOT NULL,
	"transcript_hash" text NOT NULL,
	"turns" jsonb NOT NULL,
	"analysis" jsonb NOT NULL,
	"edits" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"speakers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"analysed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "call_records_org_id_key" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "call_records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "speaker_aliases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"speaker_key" text NOT NULL,
	"contact_id" uuid,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "speaker_aliases_org_id_key" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "speaker_aliases" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "call_records" ADD CONSTRAINT "call_records_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_records" ADD CONSTRAINT "call_records_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_records" ADD CONSTRAINT "call_records_org_id_activity_id_activities_org_id_id_fk" FOREIGN KEY ("org_id","activity_id") REFERENCES "public"."activities"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "speaker_aliases" ADD CONSTRAINT "speaker_aliases_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "speaker_aliases" ADD CONSTRAINT "speaker_aliases_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "call_records_activity_key" ON "call_records" USING btree ("org_id","activity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "call_records_zoom_uuid_key" ON "call_records" USING btree ("org_id","zoom_meeting_uuid");--> statement-breakpoint
CREATE INDEX "call_records_conference_idx" ON "call_records" USING btree ("org_id","conference_id","meeting_at");--> statement-breakpoint
CREATE INDEX "call_records_customer_idx" ON "call_records" USING btree ("org_id","customer_id","meeting_at");--> statement-breakpoint
CREATE UNIQUE INDEX "speaker_aliases_key" ON "speaker_aliases" USING btree ("org_id","speaker_key");--> statement-breakpoint
CREATE POLICY "connections_zoom_account_lookup" ON "connections" AS PERMISSIVE FOR SELECT TO "cscx_auth" USING (provider = 'zoom');--> statement-breakpoint
CREATE POLICY "call_records_org_isolation" ON "call_records" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "speaker_aliases_org_isolation" ON "speaker_aliases" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "call_records" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "speaker_aliases" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON call_records TO cscx_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON speaker_aliases TO cscx_app;--> statement-breakpoint
-- A Zoom webhook is routed by its account id before the org is known: cscx_auth may read only
-- these three columns of Zoom connections, never their tokens.
GRANT SELECT (org_id, provider, external_id) ON connections TO cscx_auth;