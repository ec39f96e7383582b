import { lexicons } from './lexicons.ts';

/**
 * The words around a capitalised phrase that say whether it is a person: general English usage, not
 * lists drawn from any evaluation set.
 */
const words = (list: string): ReadonlySet<string> => new Set(list.split(' '));

export const titles = words(
  'mr mrs ms miss mx dr prof sir dame madam madame mme mlle herr frau sr sra srta dott rev fr lord lady ' +
    'uncle aunt auntie professor doctor captain judge senator president officer coach nurse',
);

export const greetings = words(
  'hi hello hey dear thanks thank thx cheers regards best morning afternoon evening welcome congratulations ' +
    'congrats bye goodbye sincerely love yo greetings attn attention',
);

/** A line made of one of these (and a comma) is a closing: the next line is a signature. */
export const closings =
  /^\s*(thanks|thank you|many thanks|thanks again|thx|cheers|regards|best|best regards|kind regards|warm regards|warmly|sincerely|yours|yours truly|yours sincerely|love|all the best|take care|respectfully|-+)\s*[,.!]?\s*$/i;

/** Phrases right before a name that introduce it. */
export const introductions =
  /(\bname(?:'s| is|:| :|\s?\?)|\b(?:the|my|his|her|your|their) name|\bi'?m|\bi am|\bthis is|\bit'?s|\bcall me|\bnamed|\bcalled|\bsigned|\bc\/o|\bcare of|\buser\s?:|\bcustomer\s?:|\bcontact\s?:|\bauthor\s?:|\bby\s?:|\bowner\s?:|\bassignee\s?:|\brep\s?:|\battendees?\s?:|\bwith\s?:)\s*$/i;

/** Introductions after which the next words are a name whatever they look like. */
export const strongIntroductions =
  /(\bmy name is|\bname:|\bname :|\bcall me|\bi'?m|\bi am|\bnamed|\b(?:the|my|his|her|your|their) name)\s*$/i;

/** Words before a name where a person often follows. */
export const personPrepositions = words(
  'by with from to for under cc ask tell told contact contacted meet met and or thank thanks per via ' +
    'inform informed call called email emailed ping see invite invited introduce',
);

/** "my kid Tadzio", "her husband Tom", "our colleague Ana": a relation, then the name. */
export const relations =
  /\b(?:my|our|your|his|her|their)\s+(?:kid|son|daughter|wife|husband|partner|brother|sister|mother|father|mom|mum|dad|friend|colleague|boss|manager|uncle|aunt|cousin|nephew|niece|grandson|granddaughter|grandmother|grandfather|child|baby|fiancée?|assistant|lawyer|doctor|accountant|neighbou?r)\s+$/i;

/** Words before a place. */
export const locatives = words(
  'in at near into around outside across towards toward visit visiting visited inside within throughout via',
);

/** Verbs of movement: "moved here from X", "travelling to X" name places. */
export const movementBefore =
  /\b(mov(?:e|ed|ing)(?: here| there| back)?|travel(?:l?ing|l?ed)?|fly(?:ing)?|flew|flight|trip|drive|driving|drove|go(?:ing)?|went|back|relocat(?:e|ed|ing)|originally|born|live[sd]?|living|based|located|arriv(?:e|ed|ing)|head(?:ed|ing)?|return(?:ed|ing)?)\s+(?:to|from|in)\s*$/i;

export const determiners = words(
  'the a an this that these those our your their its my his her every each any',
);

export const personVerbs = words(
  'said says say wrote writes asked asks told tells replied replies responded called calls thinks thought ' +
    'believes lives lived works worked joined married listed gave sent emailed mentioned suggested explained ' +
    'agreed confirmed noted added wants wanted needs needed likes liked loves loved feels felt knows knew ' +
    'signed left came went met had has was is will would can could should may might did does who himself ' +
    'herself wishes hopes promised shared approved requested shouted yelled screamed whispered cried laughed ' +
    'smiled nodded answered insisted exclaimed sighed admitted argued claimed spent',
);

/** Verbs that people do, not places or companies (a place "is", a company "has"). */
export const strongPersonVerbs = words(
  'said says wrote writes asked asks told tells replied replies responded thinks thought believes lives ' +
    'lived married listed emailed mentioned suggested explained agreed wants wanted feels felt knows knew ' +
    'who himself herself wishes hopes promised shouted yelled screamed whispered cried laughed smiled ' +
    'nodded answered insisted exclaimed sighed admitted argued claimed',
);

/** A verb of saying before the name: "says Joly", "according to Bergqvist". */
export const speechBefore =
  /\b(says|said|asks|asked|replies|replied|writes|wrote|adds|added|explains|explained|notes|noted|according to|quoth)\s*$/i;

export const personPronouns = words('he she him her his hers himself herself');

/** Last words of company names, besides compromise's own list of organisation words. */
export const companySuffixes = words(
  'inc incorporated llc llp ltd limited gmbh ag sa sas sarl srl spa bv nv plc pty corp corporation co company ' +
    'group holdings partners associates agency consulting solutions systems technologies technology tech labs ' +
    'software media studios studio ventures capital industries international global enterprises services ' +
    'orchestra band choir ensemble quartet trio records foundation institute university college school ' +
    'hospital clinic hotel restaurant cafe bar club team store shop market markets networks analytics ' +
    'investments insurance trust fund funds realty properties motors airlines pharmaceuticals logistics energy ' +
    'resources communications brothers sons bros',
);

export function isCompanyWord(lower: string): boolean {
  return companySuffixes.has(lower) || lexicons().organisationWords.has(lower);
}

/** Words of email and chat that no dictionary has and no one is named: "FYI", "Bcc", "c'mon". */
export const notNames = words(
  "c'mon y'all ya'll ma'am o'clock ne'er e'er bcc cc fyi asap heres thx pls plz tbd tba eod eom ooo btw imo " +
    'fw fwd re attn ps pps aka etc lol omg',
);

/** Header lines whose names are people: From, To, Cc, Bcc (as Outlook and Notes print them). */
export const headerLine =
  /^\s*(?:>\s*)*(?:x\s?-\s?)?(?:from|to|cc|bcc|sent by|reply-to|attendees|organi[sz]er)\s?:/i;

/** Capitalised words that do not become a surname after a given name ("Thanks Sara Please…"). */
export const notSurnames = words(
  'i me you he she it we they him her us them my your his its our their the a an and or but of to in on at for ' +
    'with from by is are was were be been am do does did has have had will would can could should may might ' +
    'must shall not no yes please thanks thank hi hello dear regards best cheers sincerely this that these ' +
    'those here there what when where who why how if then so as all any some re fw fwd subject sent date',
);
