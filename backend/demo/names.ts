import type { ContactRole } from '../../shared/enums.ts';

/** Word lists for the demo book. Company names are root × trade (× qualifier), so 10,000 stay unique. */
export const companyRoots = list(`
  Northwind, Bluepeak, Harbor, Redwood, Ironbridge, Silverline, Cobalt, Evergreen, Brightwater,
  Summit, Granite, Lakeside, Meridian, Oakridge, Pinecrest, Quarry, Riverstone, Sandhill,
  Tidewater, Upland, Vantage, Westfield, Yellowstone, Zenith, Amberly, Beacon, Cedar, Driftwood,
  Emberly, Foxglove, Goldcrest, Highgate, Juniper, Keystone, Larkspur, Maple, Nimbus, Orchard,
  Parkway, Quill, Rosewood, Stonegate, Thistle, Umber, Valley, Willow, Aspen, Birchwood,
  Copperfield, Dunmore, Eastgate, Fairhaven, Glenrock, Hollow, Inkwell, Jasper, Kestrel, Lumen,
  Mistral, Northstar, Oberon, Prairie, Radiant, Seabright
`);

export const companyTrades = list(`
  Logistics, Analytics, Health, Foods, Robotics, Energy, Capital, Software, Retail, Labs,
  Manufacturing, Insurance, Media, Biotech, Freight, Hospitality, Telecom, Security, Learning,
  Pharma, Outdoors, Mobility, Payments, Construction, Dairy, Dental, Legal, Studios,
  Aerospace, Textiles, Marine, Farms, Consulting, Networks, Apparel, Realty, Clinics, Motors,
  Brewing, Solar
`);

/** Used once root × trade runs out (2,560 names), then a number. */
export const companyQualifiers = ['Group', 'Partners', 'Holdings', 'International', 'Industries'] as const;

export const regions = [
  { code: 'emea', label: 'EMEA' },
  { code: 'apac', label: 'APAC' },
  { code: 'us', label: 'US' },
  { code: 'latam', label: 'LATAM' },
] as const;

/** Second domains: chosen so they can never equal another company's slug. */
export const domainVariants = ['app', 'cloud', 'hq', 'mail'] as const;

export const firstNames = list(`
  Priya, Marcus, Elena, Tomás, Aisha, Jonas, Mei, Daniel, Fatima, Lucas, Sofia, Kwame, Hannah,
  Ravi, Isabel, Oliver, Yuki, Mateo, Amara, Noah, Chloé, Arjun, Leila, Ethan, Ingrid, Diego,
  Nadia, Samuel, Zara, Henrik, Grace, Omar, Lena, Victor, Maya, Tariq, Julia, Kenji, Rosa, Liam,
  Anika, Felix, Camila, Dmitri, Esther, Hugo, Imani, Jakob, Keira, Luca, Mira, Nikhil, Olga,
  Pedro, Rania, Sven, Tara, Uma, Wei, Yara
`);

export const lastNames = list(`
  Sharma, Okafor, Lindqvist, García, Chen, Müller, Haddad, Kowalski, Nakamura, Silva, Johansson,
  Mensah, Rossi, Patel, Dubois, Novak, Andersen, Rahman, Fischer, Moreau, Tanaka, Hughes, Costa,
  Ivanova, Kim, Schmidt, Ali, Bauer, Clarke, Demir, Eriksen, Fernández, Gupta, Hansen, Ibrahim,
  Jensen, Keller, López, Murphy, Nguyen, O'Brien, Park, Quinn, Reyes, Santos, Thompson, Urban,
  Vasquez, Walsh, Xu, Yilmaz, Zhang, Baker, Coleman, Doyle, Ellis
`);

export const titlesByRole: Record<ContactRole, readonly string[]> = {
  champion: [
    'Director of Operations',
    'Head of Customer Experience',
    'Senior Operations Manager',
    'Head of Support',
    'Program Manager',
  ],
  executive_sponsor: ['VP of Operations', 'Chief Operating Officer', 'VP Customer Experience', 'CFO', 'CTO'],
  decision_maker: ['Head of Procurement', 'Director of IT', 'VP Finance', 'Head of Digital'],
  technical: ['Solutions Architect', 'IT Administrator', 'Senior Software Engineer', 'Data Engineer'],
  billing: ['Accounts Payable Specialist', 'Finance Manager', 'Procurement Analyst'],
  user: ['Support Team Lead', 'Operations Analyst', 'Account Manager', 'Customer Success Specialist'],
};

/** The CSM team seed-demo creates: as many as the book needs, at the org's team domain. */
export const csmNames = list(`
  Alex Morgan, Jamie Rivera, Sam Patel, Taylor Brooks, Jordan Lee, Casey Nguyen, Riley Foster,
  Morgan Chen, Avery Kim, Quinn Harper, Drew Santos, Reese Walker, Skyler Adams, Emerson Cole,
  Rowan Price, Hayden Ross, Parker Diaz, Sage Bennett, Cameron Wells, Blake Murphy, Dakota Hayes,
  Finley Ward, Kendall Gray, Logan Reed, Peyton Hughes, Shawn Fisher, Toby Grant, Robin Hale,
  Charlie Stone, Ellis Park
`);

/** Lists are written as comma-separated text so they stay compact and diff line by line. */
function list(text: string): readonly string[] {
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}
