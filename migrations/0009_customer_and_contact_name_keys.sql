ALTER TABLE "contacts" ADD COLUMN "name_key" text GENERATED ALWAYS AS (cscx_name_key(name)) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "name_key" text GENERATED ALWAYS AS (cscx_name_key(name)) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "contacts_org_name_key_idx" ON "contacts" USING btree ("org_id","name_key");--> statement-breakpoint
CREATE INDEX "customers_org_name_key_idx" ON "customers" USING btree ("org_id","name_key");