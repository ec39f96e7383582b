-- The recent scores become hundredths of a point (scores have two decimals, so nothing is lost).
CREATE FUNCTION "cscx_score_hundredths"(scores double precision[]) RETURNS smallint[]
  LANGUAGE sql IMMUTABLE AS $$
    SELECT array_agg(round(s * 100)::smallint ORDER BY i) FROM unnest(scores) WITH ORDINALITY AS u(s, i)
  $$;--> statement-breakpoint
ALTER TABLE "health_scores" ALTER COLUMN "recent_scores" SET DATA TYPE smallint[] USING "cscx_score_hundredths"("recent_scores");--> statement-breakpoint
DROP FUNCTION "cscx_score_hundredths"(double precision[]);
