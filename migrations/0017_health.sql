CREATE TYPE "public"."customer_outcome" AS ENUM('churned', 'renewed');--> statement-breakpoint
CREATE TYPE "public"."health_alert_cause" AS ENUM('drop', 'at_risk', 'champion_left', 'renewal_at_risk');--> statement-breakpoint
CREATE TYPE "public"."health_band" AS ENUM('healthy', 'watch', 'at_risk');--> statement-breakpoint
CREATE TYPE "public"."health_model_source" AS ENUM('default', 'admin', 'calibrated');--> statement-breakpoint
CREATE TABLE "customer_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"outcome" "customer_outcome" NOT NULL,
	"at" date NOT NULL,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_outcomes_org_id_key" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "customer_outcomes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "health_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"cause" "health_alert_cause" NOT NULL,
	"score" double precision NOT NULL,
	"previous_score" double precision,
	"band" "health_band" NOT NULL,
	"drivers" jsonb NOT NULL,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"model_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_at" timestamp with time zone,
	CONSTRAINT "health_alerts_org_id_key" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "health_alerts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "health_calibrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"base_version" integer NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"fitted_weights" jsonb NOT NULL,
	"train_count" integer NOT NULL,
	"test_count" integer NOT NULL,
	"adopted_version" integer,
	"adopted_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_calibrations_org_id_key" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "health_calibrations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "health_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"weights" jsonb NOT NULL,
	"thresholds" jsonb NOT NULL,
	"drop_alert_points" smallint NOT NULL,
	"source" "health_model_source" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_models_org_id_key" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "health_models" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "health_score_history" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"day" date NOT NULL,
	"score" double precision NOT NULL,
	"band" "health_band" NOT NULL,
	"confidence" double precision NOT NULL,
	"model_version" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"components" double precision[] NOT NULL,
	CONSTRAINT "health_score_history_org_id_customer_id_day_pk" PRIMARY KEY("org_id","customer_id","day")
);
--> statement-breakpoint
ALTER TABLE "health_score_history" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "health_scores" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"day" date NOT NULL,
	"score" double precision NOT NULL,
	"band" "health_band" NOT NULL,
	"confidence" double precision NOT NULL,
	"model_version" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"drivers" jsonb NOT NULL,
	"delta_7d" double precision,
	"delta_30d" double precision,
	"delta_90d" double precision,
	"alert_conditions" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "health_scores_org_id_customer_id_pk" PRIMARY KEY("org_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "health_scores" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "customer_outcomes" ADD CONSTRAINT "customer_outcomes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_outcomes" ADD CONSTRAINT "customer_outcomes_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_outcomes" ADD CONSTRAINT "customer_outcomes_org_id_created_by_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_alerts" ADD CONSTRAINT "health_alerts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_alerts" ADD CONSTRAINT "health_alerts_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_alerts" ADD CONSTRAINT "health_alerts_org_id_acknowledged_by_users_org_id_id_fk" FOREIGN KEY ("org_id","acknowledged_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_calibrations" ADD CONSTRAINT "health_calibrations_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_calibrations" ADD CONSTRAINT "health_calibrations_org_id_created_by_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_models" ADD CONSTRAINT "health_models_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_models" ADD CONSTRAINT "health_models_org_id_created_by_users_org_id_id_fk" FOREIGN KEY ("org_id","created_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_score_history" ADD CONSTRAINT "health_score_history_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_score_history" ADD CONSTRAINT "health_score_history_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_scores" ADD CONSTRAINT "health_scores_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_scores" ADD CONSTRAINT "health_scores_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_outcomes_key" ON "customer_outcomes" USING btree ("org_id","customer_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "health_alerts_open_key" ON "health_alerts" USING btree ("org_id","customer_id","cause") WHERE acknowledged_at is null;--> statement-breakpoint
CREATE INDEX "health_alerts_org_time_idx" ON "health_alerts" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "health_calibrations_org_time_idx" ON "health_calibrations" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "health_models_version_key" ON "health_models" USING btree ("org_id","version");--> statement-breakpoint
CREATE INDEX "health_scores_org_score_idx" ON "health_scores" USING btree ("org_id","score","customer_id");--> statement-breakpoint
CREATE POLICY "customer_outcomes_org_isolation" ON "customer_outcomes" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "health_alerts_org_isolation" ON "health_alerts" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "health_calibrations_org_isolation" ON "health_calibrations" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "health_models_org_isolation" ON "health_models" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "health_score_history_org_isolation" ON "health_score_history" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "health_scores_org_isolation" ON "health_scores" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "health_models" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "health_score_history" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "health_scores" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "health_alerts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "customer_outcomes" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "health_calibrations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT ON health_models TO cscx_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON health_score_history TO cscx_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON health_scores TO cscx_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON health_alerts TO cscx_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON customer_outcomes TO cscx_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON health_calibrations TO cscx_app;
