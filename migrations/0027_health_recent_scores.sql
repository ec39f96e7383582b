-- Each current score keeps the scores of its last 91 days (and the latest before them), so a
-- recompute reads the deltas' reference scores and the week's peak from the row it rewrites anyway
-- instead of four history look-ups per customer. Rows written before stay null; their first
-- recompute reads these from the history (backend/health/score-writes.ts).
ALTER TABLE "health_scores" ADD COLUMN "recent_scores" double precision[];--> statement-breakpoint
ALTER TABLE "health_scores" ADD COLUMN "earlier_day" date;--> statement-breakpoint
ALTER TABLE "health_scores" ADD COLUMN "earlier_score" double precision;
