CREATE TABLE "drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"thread_id" text,
	"intent" text NOT NULL,
	"tone" text NOT NULL,
	"length" text NOT NULL,
	"seed" integer NOT NULL,
	"provider" "ai_provider" NOT NULL,
	"model" text NOT NULL,
	"text" text NOT NULL,
	"flagged_links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "drafts_org_id_key" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "drafts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "drafts_user_time_idx" ON "drafts" USING btree ("org_id","user_id","created_at");--> statement-breakpoint
CREATE POLICY "drafts_org_isolation" ON "drafts" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "drafts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- A draft is a record of what was proposed: written once, read back for the feedback on edits.
GRANT SELECT, INSERT ON drafts TO cscx_app;
