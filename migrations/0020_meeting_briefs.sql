CREATE TABLE "meeting_briefs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"event_key" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone,
	"attendees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"brief" jsonb NOT NULL,
	"provider" "ai_provider" NOT NULL,
	"model" text NOT NULL,
	"data_version" text NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_briefs_org_id_key" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "meeting_briefs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "meeting_briefs" ADD CONSTRAINT "meeting_briefs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_briefs" ADD CONSTRAINT "meeting_briefs_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_briefs_event_key" ON "meeting_briefs" USING btree ("org_id","event_key");--> statement-breakpoint
CREATE INDEX "meeting_briefs_org_start_idx" ON "meeting_briefs" USING btree ("org_id","starts_at");--> statement-breakpoint
CREATE POLICY "meeting_briefs_org_isolation" ON "meeting_briefs" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "meeting_briefs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON meeting_briefs TO cscx_app;