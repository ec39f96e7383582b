/**
 * Display rules for the account card; amounts arrive in the currency's minor units, dates as ISO
 * strings. Money is shown exactly: cents when there are any ("$85,000.50"), none when whole ("$42,000").
 */
export function formatMoney(amountMinor: number, currency: string): string {
  const exact = moneyFormat(currency, 'exact');
  if (!exact) return `${amountMinor / 100} ${currency}`;
  const scale = 10 ** (exact.resolvedOptions().maximumFractionDigits ?? 2);
  const format = amountMinor % scale === 0 ? moneyFormat(currency, 'whole') : exact;
  return (format ?? exact).format(amountMinor / scale);
}

/** Building a formatter costs more than formatting: one per currency and shape, null for a bad code. */
const moneyFormats = new Map<string, Intl.NumberFormat | null>();

function moneyFormat(currency: string, shape: 'exact' | 'whole'): Intl.NumberFormat | null {
  const key = `${currency}/${shape}`;
  if (!moneyFormats.has(key)) {
    try {
      const options: Intl.NumberFormatOptions = { style: 'currency', currency };
      // `exact` keeps the currency's own decimals (2 for USD, 0 for JPY, 3 for KWD).
      if (shape === 'whole') options.maximumFractionDigits = 0;
      moneyFormats.set(key, new Intl.NumberFormat('en', options));
    } catch {
      moneyFormats.set(key, null);
    }
  }
  return moneyFormats.get(key) ?? null;
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
