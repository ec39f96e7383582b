import type { BriefPerson } from '../../shared/api/briefs.ts';
import type { AnalysedEmail } from './facts.ts';

/** A move of the latest score from the mean of the ones before that counts as a trend (−1..1 scale). */
const trendThreshold = 0.2;
/** The emails before the latest that its score is compared with. */
const baseline = 5;

/**
 * How a person's analysed emails (newest first) have moved: the latest score against the mean of
 * the few before it. One email gives a score but no trend.
 */
export function sentimentOf(emails: AnalysedEmail[]): BriefPerson['sentiment'] {
  const [latest, ...earlier] = emails;
  if (!latest) return { trend: 'unknown', latest: null, sources: [] };
  const compared = earlier.slice(0, baseline);
  const sources = [latest, ...compared].map((e) => ({ kind: 'activity' as const, id: e.activity.id }));
  const score = latest.analysis.sentiment.score;
  if (compared.length === 0) return { trend: 'unknown', latest: score, sources };
  const mean = compared.reduce((sum, e) => sum + e.analysis.sentiment.score, 0) / compared.length;
  const trend =
    score - mean >= trendThreshold ? 'improving' : mean - score >= trendThreshold ? 'declining' : 'steady';
  return { trend, latest: score, sources };
}
