/** Display rules for the account card; amounts arrive in minor units, dates as ISO strings. */
export function formatArr(arrMinor: number, currency: string): string {
  return new Intl.NumberFormat('en', {
    style: 'currency',
    currency,
    notation: arrMinor >= 100_000_00 ? 'compact' : 'standard',
    maximumFractionDigits: arrMinor >= 100_000_00 ? 1 : 0,
  }).format(arrMinor / 100);
}

export function formatDate(isoDate: string): string {
  return new Intl.DateTimeFormat('en', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(isoDate));
}

export function renewalCountdown(days: number | null): string {
  if (days === null) return 'no renewal date';
  if (days === 0) return 'renews today';
  if (days < 0) return `renewal passed ${-days} d ago`;
  return `in ${days} d`;
}

const labels: Record<string, string> = {
  smb: 'SMB',
  mid_market: 'Mid-market',
  at_risk: 'At risk',
  nps: 'NPS',
};

export function labelOf(value: string): string {
  const known = labels[value];
  if (known) return known;
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "acme-robotics.example" → "Acme Robotics": a starting point for the create form. */
export function nameFromDomain(domain: string): string {
  const label = domain.split('.')[0] ?? domain;
  return label
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}
