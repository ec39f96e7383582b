CREATE TYPE "public"."ai_feature" AS ENUM('thread.analysis', 'draft.reply', 'meeting.brief', 'meeting.summary', 'embedding');--> statement-breakpoint
CREATE TYPE "public"."ai_provider" AS ENUM('local', 'anthropic', 'gemini');--> statement-breakpoint
CREATE TYPE "public"."ai_run_status" AS ENUM('ok', 'failed', 'fell_back', 'aborted');--> statement-breakpoint
CREATE TABLE "ai_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid,
	"feature" "ai_feature" NOT NULL,
	"provider" "ai_provider" NOT NULL,
	"model" text NOT NULL,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"latency_ms" integer NOT NULL,
	"first_token_ms" integer,
	"cost_usd" double precision DEFAULT 0 NOT NULL,
	"status" "ai_run_status" NOT NULL,
	"error_class" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ai_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "org_ai_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"provider" "ai_provider",
	"model" text,
	"anthropic_key_sealed" text,
	"gemini_key_sealed" text,
	"redaction" boolean DEFAULT true NOT NULL,
	"log_gmail_threads" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "org_ai_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "analysis" jsonb;--> statement-breakpoint
ALTER TABLE "ai_runs" ADD CONSTRAINT "ai_runs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_runs" ADD CONSTRAINT "ai_runs_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_ai_settings" ADD CONSTRAINT "org_ai_settings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_runs_org_time_idx" ON "ai_runs" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE POLICY "ai_runs_org_isolation" ON "ai_runs" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "org_ai_settings_org_isolation" ON "org_ai_settings" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "org_ai_settings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "ai_runs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON org_ai_settings TO cscx_app;--> statement-breakpoint
-- Usage records are history: written once, never changed by the app.
GRANT SELECT, INSERT ON ai_runs TO cscx_app;
