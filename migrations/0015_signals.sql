CREATE TYPE "public"."signal_kind" AS ENUM('usage.active_users', 'usage.logins', 'usage.feature_adoption', 'usage.seats', 'survey.nps', 'survey.csat', 'stakeholder.left', 'stakeholder.joined', 'billing.status', 'call.risk', 'call.expansion', 'call.competitor');--> statement-breakpoint
CREATE TYPE "public"."signal_period" AS ENUM('instant', 'day', 'week');--> statement-breakpoint
CREATE TABLE "health_signals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" "signal_kind" NOT NULL,
	"period" "signal_period" DEFAULT 'instant' NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"event_id" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_signals_org_id_key" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "health_signals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "ingest_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" uuid NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ingest_tokens_org_id_key" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "ingest_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "health_signals" ADD CONSTRAINT "health_signals_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_signals" ADD CONSTRAINT "health_signals_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ingest_tokens" ADD CONSTRAINT "ingest_tokens_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ingest_tokens" ADD CONSTRAINT "ingest_tokens_org_id_created_by_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "health_signals_event_key" ON "health_signals" USING btree ("org_id","event_id");--> statement-breakpoint
CREATE INDEX "health_signals_customer_kind_time_idx" ON "health_signals" USING btree ("org_id","customer_id","kind","observed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ingest_tokens_hash_key" ON "ingest_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "ingest_tokens_org_idx" ON "ingest_tokens" USING btree ("org_id");--> statement-breakpoint
CREATE POLICY "health_signals_org_isolation" ON "health_signals" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "ingest_tokens_org_isolation" ON "ingest_tokens" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "ingest_tokens_auth_lookup" ON "ingest_tokens" AS PERMISSIVE FOR SELECT TO "cscx_auth" USING (true);--> statement-breakpoint
ALTER TABLE "health_signals" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "ingest_tokens" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON health_signals TO cscx_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON ingest_tokens TO cscx_app;--> statement-breakpoint
GRANT SELECT ON ingest_tokens TO cscx_auth;
