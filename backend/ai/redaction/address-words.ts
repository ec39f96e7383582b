/**
 * Street vocabulary. English suffixes are the USPS Publication 28 (appendix C1) primary names and
 * their standard abbreviations, with plurals; the others are the generic street words of European
 * languages. Lowercase; a trailing period is stripped before look-up.
 */
const uspsSuffixes =
  'alley aly allee annex anx arcade arc avenue ave av avn bayou beach bend bluff bottom boulevard blvd boul branch ' +
  'bridge brg brook burg bypass byp camp canyon cape causeway cswy center ctr circle cir cliff club common corner ' +
  'course court ct cove creek crescent cres crest crossing xing crossroad curve dale dam divide drive dr drv estate ' +
  'expressway expy extension ext falls ferry field flat ford forest forge fork fort freeway fwy garden gdn gardens ' +
  'gdns gateway glen green grove grv harbor haven heights hts highway hwy hill hollow inlet island isle junction jct ' +
  'key knoll lake land landing lndg lane ln light loaf lock lodge loop mall manor mnr meadow mews mill mission ' +
  'motorway mount mountain neck orchard oval overpass park parkway pkwy pass passage path pike pine place pl plain ' +
  'plaza plz point pt port prairie radial ramp ranch rapid rest ridge rdg river road rd route row rue run shoal ' +
  'shore skyway spring spur square sq station sta stravenue stream street st str summit terrace ter terr ' +
  'throughway trace track trafficway trail trl tunnel turnpike tpke underpass union valley via viaduct view ' +
  'village ville vista walk wall way wy well close';

export const streetSuffixes: ReadonlySet<string> = new Set(
  uspsSuffixes.split(' ').flatMap((word) => (word.length > 3 ? [word, `${word}s`, `${word}es`] : [word])),
);

/** Words that come before the street's name: "Rue de la Paix", "Via Roma", "ul. Długa". */
export const streetPrefixes: ReadonlySet<string> = new Set(
  (
    'rue rua rúa via viale vicolo calle carrer avenida avda avinguda avenue av piazza piazzale largo corso strada ' +
    'str praça praca travessa rambla paseo plaza ulica ul aleja boulevard bd bvd chemin chaussée impasse allée ' +
    'quai cours estrada camino carretera vía calea bulevardul piata ulitsa prospekt λ λεωφ λεωφόρος οδός'
  ).split(' '),
);

/** Street words written after the name as a separate word: "Erzsébet tér 19.", "Villacher Strasse 89". */
export const streetWordsAfterName: ReadonlySet<string> = new Set(
  (
    'utca u út tér körút krt rkp sor köz fasor sétány kapu strasse straße str weg gasse allee platz terrasse ' +
    'tee tänav põik puiestee maantee iela gatvė ulica cesta vej gade gata gate laan straat vei veien'
  ).split(' '),
);

/** Endings of one-word street names: Koskikatu, Puruntie, Søndergade, Hafnarstraeti, Bahnhofstraße. */
export const compoundStreetEndings: readonly string[] = (
  'katu tie kuja polku väylä raitti vej gade gate gata gatan veien vegen vägen väg stræde stræti straeti ' +
  'strasse straße weg gasse platz allee ring damm ufer graben brücke straat laan gracht plein kade singel ' +
  'vegur braut stígur torv torget tee'
).split(' ');

export const unitWords: ReadonlySet<string> = new Set(
  'apt apartment suite ste unit floor fl flat room rm bldg building box dept department lot space level'.split(
    ' ',
  ),
);

/** Particles inside place and street names: "Mora de Rubielos", "Rua do Arenque". */
export const nameParticles: ReadonlySet<string> = new Set(
  'de del della delle dello degli dei di da do dos das du des la le les van von der den am an im sur en e y al el ter ten zu z u v nad pod na pri'.split(
    ' ',
  ),
);

/** Phrases after which a house-number-and-name is an address even without a street word. */
export const addressCues =
  /\b(address(?:es)?(?: is| are)?|lives? (?:at|on|in)|living (?:at|on|in)|located (?:at|on)|situated (?:at|on)|is (?:at|on)|are (?:at|on)|based at|(?:send|sent|ship|shipped|deliver|delivered|mail|mailed|post|posted|forward)\b[\w ]{0,24}\bto|moved to|move to|meet (?:you |me )?at|stop at|return (?:it )?to|arrived at|visit (?:us )?at|here they are|once lived in|now live in)\W{0,3}$/i;

/** Labels that start a line that belongs to a signature, not to the address above it. */
export const nonAddressLabels: ReadonlySet<string> = new Set(
  (
    'mobile mob cell phone tel telephone fax desk office work home email e-mail web website www tax vat ' +
    'thanks thank regards best cheers sincerely hi hello dear sent from to cc subject date'
  ).split(' '),
);
