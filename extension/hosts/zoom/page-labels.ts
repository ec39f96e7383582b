/**
 * Words the Zoom adapter recognises on pages that offer no other handle, in the languages CSMs use
 * most. A missing language costs one fallback (the title, a flag), never the page.
 */
export const topicLabels = ['topic', 'thema', 'sujet', 'tema', 'argomento', 'onderwerp', 'tópico', 'assunto'];

export const meetingIdLabels = [
  'meeting id',
  'meeting-id',
  'besprechungs-id',
  'id de réunion',
  'id de la réunion',
  'id de reunión',
  'id della riunione',
  'id da reunião',
  'vergader-id',
];

/** Page titles that name a list or the app, not a meeting. */
export const genericTitles = [
  'zoom',
  'zoom meeting',
  'zoom workplace',
  'my meetings',
  'meetings',
  'meeting details',
  'meine meetings',
  'mes réunions',
  'mis reuniones',
  'le mie riunioni',
];

export const waitingRoomHeadings = [
  'waiting room',
  'waiting',
  'warteraum',
  "salle d'attente",
  'sala de espera',
  "sala d'attesa",
  'wachtkamer',
];
export const inMeetingHeadings = [
  'in the meeting',
  'in meeting',
  'participants',
  'im meeting',
  'in der besprechung',
  'teilnehmer',
  'dans la réunion',
  'participants à la réunion',
  'en la reunión',
  'participantes',
  'nella riunione',
  'partecipanti',
  'in de vergadering',
  'deelnemers',
];
export const admitActions = ['admit', 'admit all', 'zulassen', 'admettre', 'admitir', 'ammetti', 'toelaten'];

/** Labels Zoom puts in parentheses after a name: "(Host, Me)", "(Gastgeber, ich)". */
export const nameLabels = [
  'host',
  'co-host',
  'cohost',
  'me',
  'guest',
  'gastgeber',
  'co-gastgeber',
  'ich',
  'gast',
  'hôte',
  'co-animateur',
  'moi',
  'invité',
  'anfitrión',
  'coanfitrión',
  'yo',
  'invitado',
  'organizzatore',
  'io',
  'ospite',
];

/** Note-taking and recording bots that join meetings under their product's name. */
export const botName =
  /\b(?:bot|notetaker|note taker|otter(?:\.ai)?|fireflies(?:\.ai)?|fathom|read\.ai|tl;?dv|gong|chorus|grain|avoma|sembly|meetgeek|supernormal|circleback|jamie|krisp)\b/i;

/** Dial-ins are listed under their number ("+1 415 555 0132") or as "Call-in User". */
export const phoneNumberName = /^[+()\d\s.-]+$/;
export const callInName = /^(?:call-in user|telefonbenutzer|utilisateur (?:par )?téléphone)/i;
export const phoneWords = /\b(?:tele)?phone\b|telefon|téléphone|teléfono|telefono/i;
