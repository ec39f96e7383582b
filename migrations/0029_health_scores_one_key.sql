ALTER TABLE "health_score_history" DROP CONSTRAINT "health_score_history_org_id_orgs_id_fk";
--> statement-breakpoint
ALTER TABLE "health_scores" DROP CONSTRAINT "health_scores_org_id_orgs_id_fk";
