import type { DraftTone } from '../../../../shared/api/drafts.ts';

/**
 * The wording of a local draft, by tone: concise says it in short sentences with no small talk;
 * warm opens and closes friendly, with appreciation; formal says "Dear", writes no contractions and
 * signs "Kind regards". Several options a slot, so a new seed reads differently.
 */
export interface PhraseBook {
  /** Before the first name; empty: the name alone. */
  salutations: readonly string[];
  /** `{topic}`: the subject. */
  replyOpeners: readonly string[];
  /** A message that asks nothing; `{topic}`. */
  acknowledgements: readonly string[];
  noted: readonly string[];
  /** `{customer}` */
  checkInOpeners: readonly string[];
  /** `{topic}` */
  followUpOpeners: readonly string[];
  renewalOpeners: readonly string[];
  empathy: readonly string[];
  /** An unhappy customer's problem, `{problem}` in our words ("you still cannot export any data"). */
  apology: readonly string[];
  /** `{problem}`, when the customer says it is not the first time. */
  apologyRepeated: readonly string[];
  urgent: readonly string[];
  /** `{core}`: what they asked us to do, in our words. */
  askedUs: readonly string[];
  /** `{core}`: what they asked to do themselves. */
  askedToDo: readonly string[];
  /** `{quote}`: their question as written. */
  askedQuestion: readonly string[];
  /** `{when}`: "by Friday, November 27". */
  deliver: readonly string[];
  findOut: readonly string[];
  sendTimes: readonly string[];
  /** `{topics}` ("the fix date and the credit"), `{when}`: what we must find out, said once. */
  comeBackOn: readonly string[];
  /** `{topic}` ("the credit"): a commercial ask the CSM decides on, raised, never promised. */
  raiseCommercial: readonly string[];
  /** `{before}` (" before we talk about the renewal" or empty): a wish to discuss, met with a call. */
  discussCall: readonly string[];
  /** `{core}` of our earlier promise. */
  promised: readonly string[];
  /** `{core}`, `{when}` */
  promisedLate: readonly string[];
  /** `{quote}` of a promise we could not reword. */
  promisedAsWritten: readonly string[];
  /** `{customer}` */
  checkInPurpose: readonly string[];
  checkInQuestions: readonly string[];
  /** `{ticket}`: an open ticket to settle before the renewal. */
  beforeRenewal: readonly string[];
  renewalCall: readonly string[];
  callOffers: readonly string[];
  followUpNudges: readonly string[];
  /** A request to send the thread or account data elsewhere, declined without repeating it. */
  declineForwarding: readonly string[];
  closers: readonly string[];
  extraClosers: readonly string[];
  /** The closer to an unhappy customer: thanks for their patience, no cheer. */
  patientClosers: readonly string[];
  signOffs: readonly string[];
}

const concise: PhraseBook = {
  salutations: ['Hi', 'Hello', ''],
  replyOpeners: ['', 'Answers below.', 'Quick answers below.'],
  acknowledgements: ['Thanks for the update on {topic}.', 'Got it on {topic}.', 'Noted on {topic}.'],
  noted: ['No action needed from you.', 'Nothing needed from you for now.'],
  checkInOpeners: ['A quick check-in.', 'Checking in on {customer}.'],
  followUpOpeners: ['Following up on {topic}.', 'A quick follow-up on {topic}.'],
  renewalOpeners: ['A note on your renewal.', 'A quick note on your upcoming renewal.'],
  empathy: ['Sorry for the trouble.', 'Sorry about this.'],
  apology: ['Sorry that {problem}.'],
  apologyRepeated: ['Sorry that {problem}, and that it has happened again.'],
  urgent: ['This is a priority for us.', "We're treating this as urgent."],
  askedUs: ['You asked us to {core}.', 'Your request: {core}.'],
  askedToDo: ['You asked to {core}.', 'You want to {core}.'],
  askedQuestion: ['You asked: "{quote}"', 'On "{quote}"'],
  deliver: ["You'll have it {when}.", "I'll send it {when}.", 'Expect it {when}.'],
  findOut: ["I'll check and reply {when}.", "I'm checking. Answer {when}.", "I'll confirm {when}."],
  sendTimes: ["I'll send times {when}.", 'Times to follow {when}.'],
  comeBackOn: ["I'll come back to you on {topics} {when}.", 'Answers on {topics} {when}.'],
  raiseCommercial: ["I'll raise {topic} with our team.", "I'm raising {topic} with our team."],
  discussCall: ["Let's book a call this week to go through it{before}."],
  promised: ['As promised, I will {core}.', 'Still on track: I will {core}.'],
  promisedLate: ['I promised to {core}. Sorry it is late; you will have it {when}.'],
  promisedAsWritten: ['Still on track: "{quote}"'],
  checkInPurpose: ['Checking in on how things are going.', 'A quick check on how {customer} is doing.'],
  beforeRenewal: ['Before then, I want "{ticket}" fully resolved.', 'I want "{ticket}" closed before then.'],
  renewalCall: ['Can we book 30 minutes to plan it?', 'Could we find 30 minutes to review it?'],
  checkInQuestions: ['Anything you need from us?', 'Any blockers on your side?'],
  callOffers: ['Happy to do a 20-minute call.', 'Open to a short call.'],
  followUpNudges: ['Any thoughts on my last note?', 'Did you get a chance to review my last note?'],
  declineForwarding: [
    'I will not forward or share account information by email. I will confirm with you directly.',
  ],
  closers: ['Let me know if you need anything else.', 'Questions? Just reply.', ''],
  extraClosers: [''],
  patientClosers: ['Thanks for your patience.'],
  signOffs: ['Best,', 'Thanks,'],
};

const warm: PhraseBook = {
  salutations: ['Hi', 'Hello', 'Hi'],
  replyOpeners: [
    'Thanks so much for your note!',
    'Great to hear from you, and thanks for reaching out!',
    'Thank you for getting in touch, I really appreciate it!',
    'Thanks for your message, it is always good to hear from you!',
  ],
  acknowledgements: [
    "Thanks so much for the update on {topic}, that's really helpful!",
    'I really appreciate you keeping me posted on {topic}!',
    'Thank you for the update on {topic}, great to hear how things are going!',
  ],
  noted: [
    "I've made a note of it on our side.",
    "I've noted it on our side, nothing needed from you for now.",
  ],
  checkInOpeners: [
    'I hope all is well at {customer}!',
    'I hope your week is off to a great start!',
    "I hope things are going well on your side! I wanted to check in and see how you're doing.",
  ],
  followUpOpeners: [
    'I wanted to follow up on {topic}, and I hope you are having a good week!',
    'Just following up on {topic}. I hope all is well!',
  ],
  renewalOpeners: [
    'I hope you are doing well! With your renewal coming up, I wanted to reach out.',
    "I hope all is well! Your renewal is around the corner, so I'd love to make sure everything is on track.",
  ],
  empathy: [
    "I'm really sorry for the trouble this has caused.",
    "I'm sorry you've had to deal with this, and thank you for your patience.",
  ],
  apology: ["I'm sorry that {problem}. I know how much this is disrupting your team."],
  apologyRepeated: [
    "I'm sorry that {problem}. I know this is not the first time, and how much it is disrupting your team.",
  ],
  urgent: ["I know this is time-sensitive, so it's at the top of my list.", "I know this can't wait."],
  askedUs: [
    'You asked us to {core}.',
    'Thanks for asking us to {core}.',
    "You mentioned you'd like us to {core}.",
  ],
  askedToDo: ['You asked about being able to {core}.', "You mentioned you'd like to {core}."],
  askedQuestion: ['You asked, "{quote}"', 'Great question: "{quote}"', 'On your question, "{quote}"'],
  deliver: [
    "I'll get that over to you {when}.",
    "Happy to! You'll have it {when}.",
    "Of course, I'll have it to you {when}.",
  ],
  findOut: [
    "Let me check with the team, and I'll get back to you {when}.",
    "I'm looking into it and will get back to you {when}.",
    "Let me find out for you. I'll follow up {when}.",
  ],
  sendTimes: ["I'll send over a few times that work {when}.", "I'd love to! I'll share some times {when}."],
  comeBackOn: ["I'll come back to you on {topics} {when}.", "I'll get back to you on {topics} {when}."],
  raiseCommercial: ["I'll raise {topic} with our team.", "I'm raising {topic} with our team."],
  discussCall: ["Let's set up a call this week to go through it{before}."],
  promised: ["As promised, I'll {core}.", "I haven't forgotten: I'll {core}."],
  promisedLate: ["I know I promised to {core}. I'm sorry it's late, and you'll have it {when}."],
  promisedAsWritten: ['I haven\'t forgotten what I said earlier: "{quote}"'],
  checkInPurpose: [
    "I wanted to check in and see how everything's going at {customer}.",
    'I wanted to see how things are going with the team.',
  ],
  beforeRenewal: [
    'Before then, I want to make sure "{ticket}" is fully behind you.',
    'I\'d love to have "{ticket}" sorted well before then.',
  ],
  renewalCall: [
    "I'd love to set up some time to look back on the year and plan ahead. Would you have 30 minutes in the next couple of weeks?",
    "Could we find 30 minutes soon to go over how things are going and plan the renewal together? I'd really appreciate it!",
  ],
  checkInQuestions: [
    'How are things going with the team?',
    "Is there anything we can help with? I'd love to hear how things are going.",
  ],
  callOffers: ['Would you have time for a quick call in the next couple of weeks? I would love to catch up!'],
  followUpNudges: [
    'Did you have a chance to look at my last note?',
    "I'd love to hear your thoughts on my last note when you have a moment.",
  ],
  declineForwarding: [
    "To keep your account safe, I won't forward or share account information by email. I'll confirm with you directly first.",
  ],
  closers: [
    "Let me know if there's anything else I can do, always happy to help!",
    'Thanks again, and have a wonderful rest of your week!',
    'Looking forward to hearing from you!',
  ],
  extraClosers: ['I really appreciate your partnership!', 'Thank you for being such a great partner!'],
  patientClosers: [
    'Thank you for your patience while we get this sorted.',
    'Thank you for bearing with us while we fix this.',
  ],
  signOffs: ['Warm regards,', 'Best wishes,', 'Cheers,', 'Many thanks,'],
};

const formal: PhraseBook = {
  salutations: ['Dear'],
  replyOpeners: [
    'Thank you for your message regarding {topic}.',
    'Thank you for your email concerning {topic}.',
    'I appreciate your message regarding {topic}.',
  ],
  acknowledgements: [
    'Thank you for the update regarding {topic}.',
    'Thank you for keeping me informed regarding {topic}.',
  ],
  noted: ['I have noted it on our side; no action is required from you at this time.'],
  checkInOpeners: ['I hope this message finds you well.', 'I trust all is well at {customer}.'],
  followUpOpeners: [
    'I am writing to follow up on {topic}.',
    'Further to {topic}, I am writing to follow up.',
  ],
  renewalOpeners: [
    'I am writing regarding the upcoming renewal of your agreement.',
    'I am writing in connection with the renewal of your agreement.',
  ],
  empathy: [
    'I sincerely apologize for the inconvenience this has caused.',
    'Please accept my apologies for the difficulty this has caused.',
  ],
  apology: ['I sincerely apologize that {problem}; I understand the disruption this is causing your team.'],
  apologyRepeated: [
    'I sincerely apologize that {problem}, and that this has happened again; I understand the disruption this is causing your team.',
  ],
  urgent: ['I understand the urgency and have given this matter priority.'],
  askedUs: ['You asked us to {core}.', 'You requested that we {core}.'],
  askedToDo: ['You enquired about being able to {core}.', 'You asked to {core}.'],
  askedQuestion: ['Regarding your question, "{quote}"', 'You asked, "{quote}"'],
  deliver: ['I will ensure that you receive it {when}.', 'I will send it to you {when}.'],
  findOut: [
    'I will look into this and respond {when}.',
    'I will confirm this with the team and reply {when}.',
  ],
  sendTimes: ['I will propose suitable times {when}.', 'I will send you several available times {when}.'],
  comeBackOn: ['I will revert to you regarding {topics} {when}.', 'I will reply regarding {topics} {when}.'],
  raiseCommercial: ['I will raise {topic} with our team.'],
  discussCall: ['I would like to arrange a call this week to discuss it{before}.'],
  promised: ['As promised, I will {core}.', 'As previously mentioned, I will {core}.'],
  promisedLate: ['I undertook to {core}. I apologize for the delay; you will receive it {when}.'],
  promisedAsWritten: ['As previously mentioned: "{quote}"'],
  checkInPurpose: [
    'I am writing to enquire how matters are progressing at {customer}.',
    'I wished to check in regarding how things are progressing at {customer}.',
  ],
  beforeRenewal: ['Before then, I intend to ensure that "{ticket}" is fully resolved.'],
  renewalCall: [
    'I would welcome the opportunity to arrange a meeting to review the past year and discuss the renewal.',
    'Would it be possible to arrange a meeting in the coming weeks to discuss the renewal?',
  ],
  checkInQuestions: [
    'Please let me know whether there is anything we can assist with.',
    'I would welcome any feedback on how things are progressing.',
  ],
  callOffers: ['I would be glad to arrange a short call at your convenience.'],
  followUpNudges: [
    'I would be grateful for your thoughts on my previous message.',
    'Please let me know whether you have had the opportunity to review my previous message.',
  ],
  declineForwarding: [
    'For security reasons, I do not forward or share account information by email without first confirming with you directly.',
  ],
  closers: [
    'Please do not hesitate to contact me should you have any further questions.',
    'Should you require anything further, please let me know.',
    'I look forward to hearing from you.',
  ],
  extraClosers: ['Thank you for your continued partnership.'],
  patientClosers: ['Thank you for your patience while we resolve this matter.'],
  signOffs: ['Kind regards,'],
};

export const phraseBooks: Record<DraftTone, PhraseBook> = { concise, warm, formal };
