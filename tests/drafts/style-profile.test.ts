import { describe, expect, it } from 'vitest';
import { describeStyleProfile } from '../../backend/drafts/style/describe.ts';
import { formalityOf } from '../../backend/drafts/style/formality.ts';
import {
  emptyStyleProfile,
  learnStyleProfile,
  type StyleSample,
} from '../../backend/drafts/style/learn-profile.ts';
import { letterParts } from '../../backend/drafts/style/letter-parts.ts';
import { sentBody } from '../../backend/drafts/style/sent-body.ts';
import { compareDraftWithSent } from '../../backend/drafts/style/word-diff.ts';

const sender = 'Sam Lee';

function letter(greeting: string, body: string[], signOff: string, name = 'Sam Lee'): string {
  return [greeting, ...body, `${signOff}\n${name}`].join('\n\n');
}

const answers = [
  'You asked for the SSO guide. I will send it by Friday.',
  'You asked about your renewal. It is on June 30.',
  'You asked for the export. It will be ready on Monday.',
  'You asked about seats. Two more are on their way.',
];

/** Drafts as CSCX writes them, and what a CSM who opens "Hey", cuts small talk and signs "Cheers" sent. */
function samples(count: number): StyleSample[] {
  return answers.slice(0, count).map((answer) => ({
    draftText: letter(
      'Hello Priya,',
      [
        'Thank you so much for your note! I hope all is well at Acme.',
        answer,
        'Would you have time for a quick call next week?',
      ],
      'Kind regards,',
    ),
    sentText: letter('Hey Priya,', [answer], 'Cheers,', 'Sam'),
  }));
}

describe('the style profile learned from sent drafts', () => {
  it('takes nothing from one sent draft: a one-off edit is no habit', () => {
    expect(learnStyleProfile(samples(1), sender)).toEqual({ ...emptyStyleProfile, samples: 1 });
  });

  it('learns the greeting, the sign-off and the sentences cut, once two drafts show them', () => {
    const profile = learnStyleProfile(samples(2), sender);
    expect(profile).toMatchObject({ greeting: 'Hey', signOff: 'Cheers,', samples: 2 });
    expect(profile.removedPhrases).toEqual(
      expect.arrayContaining([
        'Thank you so much for your note',
        'I hope all is well at Acme',
        'Would you have time for a quick call next week',
      ]),
    );
    // Words of a sentence cut whole are no habits of their own.
    expect(profile.removedPhrases).not.toContain('call');
  });

  it('learns the length a CSM cuts drafts to, and no length from drafts sent as long as they came', () => {
    const trimmed = learnStyleProfile(samples(3), sender);
    const sentWords = samples(3).map((s) => s.sentText.split(/\s+/).length);
    expect(trimmed.typicalWords).toBe([...sentWords].sort((a, b) => a - b)[1]);

    const asDrafted = samples(3).map((s) => ({ ...s, sentText: s.draftText.replace('Hello', 'Hey') }));
    expect(learnStyleProfile(asDrafted, sender).typicalWords).toBeNull();
    // A length learned before stays while the drafts that follow it are sent as they are.
    expect(learnStyleProfile(asDrafted, sender, trimmed).typicalWords).toBe(trimmed.typicalWords);
  });

  it('learns a word cut from sentences that stay ("so much"), and a sentence always written in', () => {
    const edited = answers.map((answer) => ({
      draftText: letter('Hi Priya,', [`Thanks so much for the update. ${answer}`], 'Best,'),
      sentText: letter(
        'Hi Priya,',
        [`Thanks for the update. ${answer} Let me know if you have any questions.`],
        'Best,',
      ),
    }));
    const profile = learnStyleProfile(edited, sender);
    expect(profile.removedPhrases).toEqual(['so much']);
    expect(profile.addedPhrases).toEqual(['Let me know if you have any questions']);
  });

  it('keeps a habit the drafts now follow, and drops it when the CSM keeps the phrase after all', () => {
    const learned = learnStyleProfile(samples(2), sender);
    const followed = samples(3).map((s) => ({ ...s, draftText: s.sentText }));
    expect(learnStyleProfile(followed, sender, learned).removedPhrases).toEqual(learned.removedPhrases);

    const keptAfterAll = samples(3).map((s) => ({ ...s, sentText: s.draftText }));
    expect(learnStyleProfile(keptAfterAll, sender, learned).removedPhrases).toEqual([]);
  });

  it('learns no phrase from a figure, a date or a register change alone', () => {
    const edited = answers.map((answer) => ({
      draftText: letter('Hi Priya,', [`I will send it by Wednesday, November 25. ${answer}`], 'Best,'),
      sentText: letter('Hi Priya,', [`I'll send it by Wed Nov 25. ${answer}`], 'Best,'),
    }));
    const profile = learnStyleProfile(edited, sender);
    expect(profile.removedPhrases).toEqual([]);
    expect(profile.addedPhrases).toEqual([]);
  });
});

describe('reading a letter', () => {
  it('finds the greeting before the name and the sign-off above the signature', () => {
    expect(
      letterParts('Good morning Priya,\n\nAll set.\n\nThanks, Sam\nSam Lee\nCSM, Vendor', sender),
    ).toEqual({
      greeting: 'Good morning',
      greetedName: 'Priya',
      signOff: 'Thanks,',
      signature: 'Sam Lee\nCSM, Vendor',
      body: 'All set.',
      paragraphs: ['All set.'],
    });
    expect(letterParts('Priya,\n\nAll set.\n\nSam', sender)).toEqual({
      greeting: null,
      greetedName: null,
      signOff: null,
      signature: 'Sam',
      body: 'Priya,\nAll set.',
      paragraphs: ['Priya,', 'All set.'],
    });
    expect(letterParts('Hi Priya, all set on our side.\n\nBest', sender)).toMatchObject({
      greeting: 'Hi',
      signOff: 'Best',
      body: 'all set on our side.',
    });
  });

  it('compares only what the CSM wrote above the quoted reply', () => {
    const sent =
      'Hey Priya,\r\n\r\nDone.\r\n\r\nOn Fri, Nov 20, 2026 at 9:00 AM Priya Raman <priya@acme.example>\r\nwrote:\r\n> Could you?\r\n';
    expect(sentBody(sent)).toBe('Hey Priya,\n\nDone.');
  });

  it('measures the edit over the longer text, word by word, with what went and what came', () => {
    expect(compareDraftWithSent('Hi Priya, thanks so much!', 'Hey Priya, thanks!')).toEqual({
      distance: 4 / 5,
      diff: { removed: ['Hi', 'thanks so much!'], added: ['Hey', 'thanks!'] },
    });
    expect(compareDraftWithSent('Same text here.', 'Same  text\nhere.').distance).toBe(0);
  });

  it('reads casual mail as casual and formal mail as formal', () => {
    expect(formalityOf("Hey Priya! I'll send it today, it's nearly done! Cheers")).toBeLessThan(-0.5);
    expect(
      formalityOf('Dear Ms Raman, I will send it today. It is nearly complete. Kind regards'),
    ).toBeGreaterThan(0.5);
  });
});

describe('the profile in plain words', () => {
  it('says each habit learned, and how many sent drafts it came from', () => {
    expect(describeStyleProfile(learnStyleProfile(samples(3), sender))).toEqual([
      'Opens with “Hey”',
      'Signs off with “Cheers,”',
      'Signs as “Sam”',
      expect.stringMatching(/^Writes about \d+ words$/),
      expect.stringMatching(/^Writes /),
      'Uses no exclamation marks',
      expect.stringMatching(/^Cuts “/),
      'Learned from the last 3 sent drafts',
    ]);
    expect(describeStyleProfile(emptyStyleProfile)).toEqual([]);
  });
});
