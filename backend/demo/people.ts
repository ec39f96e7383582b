import type { ContactRole, Segment } from '../../shared/enums.ts';
import { slugify } from './company.ts';
import { firstNames, lastNames, titlesByRole } from './names.ts';
import type { Random } from './random.ts';

export interface DemoContact {
  externalId: string;
  email: string;
  name: string;
  firstName: string;
  title: string;
  role: ContactRole;
}

const contactCount: Record<Segment, [number, number]> = {
  enterprise: [6, 9],
  mid_market: [4, 6],
  smb: [3, 5],
};

/** Who the CSM works with after the first three: mostly people who use the product. */
const laterRoles: readonly ContactRole[] = ['technical', 'user', 'billing', 'user', 'technical', 'user'];

/** The people at one customer: a champion and an executive sponsor always, then a decision maker and others. */
export function generateContacts(
  random: Random,
  segment: Segment,
  domains: readonly string[],
  externalPrefix: string,
): DemoContact[] {
  const [min, max] = contactCount[segment];
  const count = random.int(min, max);
  const usedEmails = new Set<string>();
  const contacts: DemoContact[] = [];
  for (let n = 0; n < count; n++) {
    const role: ContactRole =
      n === 0
        ? 'champion'
        : n === 1
          ? 'executive_sponsor'
          : n === 2
            ? 'decision_maker'
            : laterRoles[(n - 3) % laterRoles.length]!;
    const firstName = random.pick(firstNames);
    const lastName = random.pick(lastNames);
    // Most people use the primary domain; a few the second one, as in any company with two.
    const domain = domains.length > 1 && random.chance(0.3) ? domains[1]! : domains[0]!;
    const local = `${slugify(firstName).replace(/-/g, '')}.${slugify(lastName).replace(/-/g, '')}`;
    let email = `${local}@${domain}`;
    for (let k = 2; usedEmails.has(email); k++) email = `${local}${k}@${domain}`;
    usedEmails.add(email);
    contacts.push({
      externalId: `${externalPrefix}-p${n + 1}`,
      email,
      name: `${firstName} ${lastName}`,
      firstName,
      title: random.pick(titlesByRole[role]),
      role,
    });
  }
  return contacts;
}
