import { companyQualifiers, companyRoots, companyTrades, domainVariants, regions } from './names.ts';

export interface CompanyIdentity {
  name: string;
  /** Primary domain first. */
  domains: string[];
}

const perTier = companyRoots.length * companyTrades.length;

/**
 * The company at position `index` of the book, unique for any index. Every 23rd company is a regional
 * division of the one before it, at a subdomain of its parent (`emea.northwind-logistics.example`),
 * so matching has longest-domain cases to get right; every 7th has a second domain.
 */
export function companyAt(index: number): CompanyIdentity {
  if (index % 23 === 11) {
    const parent = baseCompany(index - 1);
    const region = regions[Math.floor(index / 23) % regions.length]!;
    return {
      name: `${parent.name} ${region.label}`,
      domains: [`${region.code}.${parent.slug}.example`],
    };
  }
  const { name, slug } = baseCompany(index);
  const domains = [`${slug}.example`];
  if (index % 7 === 3) domains.push(`${slug}-${domainVariants[index % domainVariants.length]}.example`);
  return { name, domains };
}

function baseCompany(index: number): { name: string; slug: string } {
  const tier = Math.floor(index / perTier);
  const within = index % perTier;
  const r = within % companyRoots.length;
  const q = Math.floor(within / companyRoots.length);
  // Shifting the trade by the root keeps neighbours from all sharing one trade.
  const parts = [companyRoots[r]!, companyTrades[(q + r) % companyTrades.length]!];
  if (tier > 0) parts.push(companyQualifiers[(tier - 1) % companyQualifiers.length]!);
  if (tier > companyQualifiers.length)
    parts.push(String(Math.floor((tier - 1) / companyQualifiers.length) + 1));
  const name = parts.join(' ');
  return { name, slug: slugify(name) };
}

export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
