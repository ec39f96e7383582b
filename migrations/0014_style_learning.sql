CREATE TABLE "draft_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"draft_id" uuid NOT NULL,
	"sent_text" text NOT NULL,
	"edit_distance" double precision NOT NULL,
	"diff" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "draft_feedback" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "style_profiles" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"profile" jsonb NOT NULL,
	"samples" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "style_profiles_org_id_user_id_pk" PRIMARY KEY("org_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "style_profiles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "draft_feedback" ADD CONSTRAINT "draft_feedback_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_feedback" ADD CONSTRAINT "draft_feedback_org_id_draft_id_drafts_org_id_id_fk" FOREIGN KEY ("org_id","draft_id") REFERENCES "public"."drafts"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "draft_feedback" ADD CONSTRAINT "draft_feedback_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "style_profiles" ADD CONSTRAINT "style_profiles_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "style_profiles" ADD CONSTRAINT "style_profiles_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "draft_feedback_draft_key" ON "draft_feedback" USING btree ("org_id","draft_id");--> statement-breakpoint
CREATE INDEX "draft_feedback_user_time_idx" ON "draft_feedback" USING btree ("org_id","user_id","created_at");--> statement-breakpoint
CREATE POLICY "draft_feedback_org_isolation" ON "draft_feedback" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "style_profiles_org_isolation" ON "style_profiles" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "draft_feedback" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "style_profiles" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- A reset of the style profile forgets the sent texts it was learned from: delete, as well as the rest.
GRANT SELECT, INSERT, UPDATE, DELETE ON draft_feedback TO cscx_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON style_profiles TO cscx_app;
