CREATE TABLE "zoom_recording_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"call_record_id" uuid NOT NULL,
	"token" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "zoom_recording_links_org_id_key" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "zoom_recording_links" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "zoom_recording_links" ADD CONSTRAINT "zoom_recording_links_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zoom_recording_links" ADD CONSTRAINT "zoom_recording_links_org_id_call_record_id_call_records_org_id_id_fk" FOREIGN KEY ("org_id","call_record_id") REFERENCES "public"."call_records"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "zoom_recording_links_token_key" ON "zoom_recording_links" USING btree ("org_id","token");--> statement-breakpoint
CREATE INDEX "zoom_recording_links_record_idx" ON "zoom_recording_links" USING btree ("org_id","call_record_id");--> statement-breakpoint
CREATE POLICY "zoom_recording_links_org_isolation" ON "zoom_recording_links" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "zoom_recording_links" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON zoom_recording_links TO cscx_app;
