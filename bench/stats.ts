export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles, in the unit the samples are in. */
export function summarise(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  return {
    n: sorted.length,
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export function formatMs(value: number): string {
  return value.toFixed(2);
}

export interface BenchRow {
  name: string;
  summary: Summary;
  unit: 'ms';
  budget?: string;
  verdict?: 'within budget' | 'over budget' | 'floor';
  note?: string;
}

export function markdownTable(rows: BenchRow[]): string {
  const lines = [
    '| what | n | p50 | p95 | p99 | max | budget | verdict |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const r of rows) {
    const s = r.summary;
    lines.push(
      `| ${r.name} | ${s.n} | ${formatMs(s.p50)} | ${formatMs(s.p95)} | ${formatMs(s.p99)} | ${formatMs(s.max)} | ${r.budget ?? ''} | ${r.verdict ?? ''} |`,
    );
  }
  return lines.join('\n');
}
