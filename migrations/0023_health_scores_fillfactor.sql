-- Every recompute rewrites each customer's current score, and the embedded database has no
-- autovacuum: at the default fillfactor (100) each new row version lands on a fresh page at the end
-- of the table (the free space map only learns of pruned space from VACUUM), so the table grew by
-- its own size with every full recompute (496 MB for 60,000 scores after a few bench runs). With
-- room left on each page the new version goes beside the old one, the page prunes the old on its
-- next visit, and the table keeps its size (docs/benchmarks.md). Pages written from now on.
ALTER TABLE "health_scores" SET (fillfactor = 50);
