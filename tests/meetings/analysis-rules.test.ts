import { describe, expect, it } from 'vitest';
import type { MeetingAnalysis, TranscriptTurn } from '../../shared/api/meetings.ts';
import { analyseLocally, call } from './local-analysis.ts';

/** A Wednesday: "today" is the 25th, "by the end of the month" the 30th, five in the afternoon. */
const meetingDate = '2026-11-25T10:00:00+01:00';
const renewalDate = '2027-01-31T00:00:00+00:00';

function analyse(transcript: TranscriptTurn[]): Promise<MeetingAnalysis> {
  return analyseLocally({ transcript, meetingDate, renewalDate, competitors: [] });
}

const risks = async (...lines: string[]) =>
  (await analyse(call(...lines))).signals.filter((s) => s.kind === 'risk').map((s) => s.label);

describe('risk signals read risk words in their noun phrase', () => {
  it('hears no escalation in an "escalation report", a kind of report', async () => {
    expect(await risks('Jordan: I will send you the escalation report with root causes by Friday.')).toEqual(
      [],
    );
  });

  it('still hears an escalation, and a churn risk, when one is there', async () => {
    expect(
      await risks(
        'Sam: Two escalations are still not resolved.',
        'Robin: Honestly there is a churn risk if this drags on.',
      ),
    ).toEqual(['escalation', 'churn']);
  });

  it('hears none where the risk is denied', async () => {
    expect(await risks('Sam: We had no escalations this quarter, and zero churn on our side.')).toEqual([]);
  });
});

describe('action items say what is to be done', () => {
  it('takes "Sure, I\'ll share it" as the request it answers: one item, owned by whoever took it', async () => {
    const { actionItems } = await analyse(
      call(
        'Priya: Marco, can you share the list of admins before the renewal?',
        "Marco: Sure, I'll share it.",
      ),
    );
    expect(actionItems).toEqual([
      {
        text: 'Marco, can you share the list of admins before the renewal?',
        owner: 'Marco',
        due: renewalDate,
        turn: 0,
      },
    ]);
  });

  it('keeps the answer when it names the thing itself, with the date its owner gave', async () => {
    const { actionItems } = await analyse(
      call(
        'Jordan: Could you share the list of admins who still have trouble with single sign-on?',
        'Sam: Yes, I will share the admin list by the end of the month.',
      ),
    );
    expect(actionItems).toEqual([
      {
        text: 'Yes, I will share the admin list by the end of the month.',
        owner: 'Sam',
        due: '2026-11-30T17:00:00+01:00',
        turn: 1,
      },
    ]);
  });

  it('glosses "it" with the thing the turn before named', async () => {
    const { actionItems } = await analyse(
      call('Robin: We still need the signed order form.', "Jordan: Sure, I'll send it today."),
    );
    expect(actionItems).toEqual([
      {
        text: "Sure, I'll send it [the signed order form] today.",
        owner: 'Jordan',
        due: '2026-11-25T17:00:00+01:00',
        turn: 1,
      },
    ]);
  });

  it('drops a promise that names nothing and answers no request', async () => {
    const { actionItems } = await analyse(
      call('Robin: The numbers look odd this month.', 'Jordan: Let me check.', "Jordan: I'll follow up."),
    );
    expect(actionItems).toEqual([]);
  });

  it('drops "I\'ll do that" when what "that" is cannot be told', async () => {
    const { actionItems } = await analyse(call('Robin: Hmm, okay.', "Jordan: Yes, I'll do that."));
    expect(actionItems).toEqual([]);
  });
});

const decided = async (...lines: string[]) =>
  (await analyse(call(...lines))).decisions.map((d) => [d.turn, d.text]);

describe('decisions', () => {
  it('reads a decision said with a contraction', async () => {
    expect(await decided("Sam: We've decided to keep the annual plan.")).toEqual([
      [0, "We've decided to keep the annual plan."],
    ]);
  });

  it('takes a proposal someone else accepts as decided, and not one they object to or only hear out', async () => {
    expect(
      await decided('Jordan: I would suggest we keep the annual plan for now.', 'Sam: Sounds good to me.'),
    ).toEqual([[0, 'I would suggest we keep the annual plan for now.']]);
    expect(
      await decided('Jordan: I would suggest we keep the annual plan for now.', "Sam: No, I don't think so."),
    ).toEqual([]);
    expect(await decided('Jordan: We could move the kickoff to March.', 'Sam: Mm-hmm.')).toEqual([]);
  });

  it('takes a proposal put to the room that nobody objects to ("no" there means none)', async () => {
    expect(
      await decided(
        'Robin: So no onsite training this year. Does anybody disagree?',
        "Sam: No, that's fine.",
      ),
    ).toEqual([[0, 'So no onsite training this year.']]);
    expect(
      await decided('Robin: So no onsite training this year. Does anybody disagree?', 'Sam: Actually, I do.'),
    ).toEqual([]);
  });

  it('brings the sentence before along when the choice is only "that"', async () => {
    expect(
      await decided('Jordan: We could run the pilot with the EMEA team.', "Sam: Yeah, we'll go with that."),
    ).toEqual([[1, "We could run the pilot with the EMEA team. Yeah, we'll go with that."]]);
  });

  it('hears a verdict with the thing chosen first, not "I think it is"', async () => {
    expect(await decided('Sam: Tuesday or Thursday?', 'Robin: Thursday it is.')).toEqual([
      [1, 'Thursday it is.'],
    ]);
    expect(await decided('Sam: Is that the latest build?', 'Robin: I think it is.')).toEqual([]);
  });

  it('hears the outcome drawn with a concluding "so" or a closing "then"', async () => {
    expect(await decided('Robin: So we are going for the rubber case.')).toEqual([
      [0, 'So we are going for the rubber case.'],
    ]);
    expect(await decided("Sam: Okay, we'll stick to the annual plan then.")).toEqual([
      [0, "Okay, we'll stick to the annual plan then."],
    ]);
    expect(await decided("Sam: We'll see then.")).toEqual([]);
    expect(await decided("Robin: So let's go for the three presentations.")).toEqual([]);
  });

  it('does not take a condition for a choice', async () => {
    expect(await decided("Sam: If we're going to go with the annual plan, legal needs a week.")).toEqual([]);
  });

  it('reads through the repeats of speech', async () => {
    expect(await decided('Robin: Okay, so then we we decide on on the annual plan.')).toEqual([
      [0, 'Okay, so then we we decide on on the annual plan.'],
    ]);
  });

  it('takes an answer to "this or that?" that someone else repeats as the choice', async () => {
    expect(
      await decided(
        'Jordan: Annual or monthly billing for the new team?',
        'Sam: Annual.',
        'Robin: Annual, yes.',
      ),
    ).toEqual([[1, 'Annual or monthly billing for the new team? Annual.']]);
  });
});

const openQuestions = async (...lines: string[]) =>
  (await analyse(call(...lines))).openQuestions.map((q) => q.text);

describe('open questions: asked of the other side and not answered in the next turns', () => {
  it('keeps a question whose answer is put off', async () => {
    expect(
      await openQuestions(
        'Robin: What I need to see is the backlog under twenty open issues. Can your team commit to that?',
        'Jordan: I will book a session with our support lead and come back with a plan.',
      ),
    ).toEqual(['Can your team commit to that?']);
  });

  it('takes a short answer as an answer, even when the reply goes on to ask something', async () => {
    expect(
      await openQuestions(
        'Jordan: Is there anything blocking the rollout to the regional offices?',
        'Sam: Only the training. Can we get a session for the new admins?',
        'Jordan: Yes, I will schedule it.',
      ),
    ).toEqual([]);
  });

  it('looks past "good question" to what follows it', async () => {
    const question = 'Robin: Who owns the data export issue on your side?';
    expect(await openQuestions(question, 'Jordan: Good question, our solutions engineer does.')).toEqual([]);
    expect(await openQuestions(question, "Jordan: Good question. I don't know yet.")).toEqual([
      'Who owns the data export issue on your side?',
    ]);
  });

  it('takes a bare "okay" as the answer to a yes-no question', async () => {
    expect(
      await openQuestions('Robin: Can you send the signed order form by Friday?', 'Jordan: Okay.'),
    ).toEqual([]);
  });

  it('keeps the question nobody answered before the call ended', async () => {
    expect(
      await openQuestions('Sam: Thanks for the update.', 'Robin: Who owns the migration on your side?'),
    ).toEqual(['Who owns the migration on your side?']);
  });
});
