CREATE TABLE "action_policies" (
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"mode" text NOT NULL,
	"up_to_risk" text,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_policies_org_id_kind_pk" PRIMARY KEY("org_id","kind")
);
--> statement-breakpoint
ALTER TABLE "action_policies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"original_payload" jsonb NOT NULL,
	"edited_payload" jsonb,
	"customer_id" uuid,
	"for_user_id" uuid NOT NULL,
	"proposed_by" jsonb NOT NULL,
	"untrusted" boolean DEFAULT true NOT NULL,
	"reason" text NOT NULL,
	"risk" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"policy_decision" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"outcome" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "actions_org_id_key" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "actions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "action_policies" ADD CONSTRAINT "action_policies_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_policies" ADD CONSTRAINT "action_policies_org_id_updated_by_users_org_id_id_fk" FOREIGN KEY ("org_id","updated_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_org_id_for_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","for_user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_org_id_decided_by_users_org_id_id_fk" FOREIGN KEY ("org_id","decided_by") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actions_org_status_time_idx" ON "actions" USING btree ("org_id","status","created_at");--> statement-breakpoint
CREATE INDEX "actions_for_user_time_idx" ON "actions" USING btree ("org_id","for_user_id","created_at");--> statement-breakpoint
CREATE INDEX "actions_customer_time_idx" ON "actions" USING btree ("org_id","customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "actions_idempotency_key" ON "actions" USING btree ("org_id","idempotency_key");--> statement-breakpoint
CREATE POLICY "action_policies_org_isolation" ON "action_policies" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "actions_org_isolation" ON "actions" AS PERMISSIVE FOR ALL TO "cscx_app" USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid) WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);--> statement-breakpoint
ALTER TABLE "action_policies" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "actions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON action_policies TO cscx_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON actions TO cscx_app;
