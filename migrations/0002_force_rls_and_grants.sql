-- What drizzle-kit does not emit: FORCE (so the owning login role obeys the policies too),
-- grants to the roles of 0000, and planner statistics for the (org_id, …) keys.
ALTER TABLE "orgs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "password_credentials" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "auth_tokens" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "invitations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "customers" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "customer_domains" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "contacts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "contracts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "activities" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tasks" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO cscx_app, cscx_auth;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON
  orgs, users, password_credentials, auth_tokens, invitations, customers, customer_domains,
  contacts, contracts, activities, tasks
  TO cscx_app;--> statement-breakpoint
GRANT SELECT, INSERT ON audit_log TO cscx_app;--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO cscx_app;--> statement-breakpoint
GRANT SELECT ON orgs, users, password_credentials, auth_tokens, invitations TO cscx_auth;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON sign_in_attempts TO cscx_auth;--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS activities_org_customer_stats (dependencies) ON org_id, customer_id FROM activities;--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS contacts_org_customer_stats (dependencies) ON org_id, customer_id FROM contacts;--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS tasks_org_customer_stats (dependencies) ON org_id, customer_id FROM tasks;
