import { describe, expect, it } from 'vitest';
import type { LocalTaskInputs } from '../../backend/ai/local-tasks.ts';
import type { ObjectCall } from '../../backend/ai/provider.ts';
import { localModelId, localProvider } from '../../backend/ai/providers/local/index.ts';
import { type ThreadAnalysis, type ThreadMessage, threadAnalysis } from '../../shared/api/threads.ts';

type ThreadInput = LocalTaskInputs['thread.analysis'];

const csm = { email: 'anna@vendor.example', name: 'Anna Lee' };
const customer = { email: 'dana@acme.example', name: 'Dana Kim' };
/** A Wednesday, in Paris in winter. */
const wednesday = '2026-11-25T10:00:00+01:00';

function message(from: typeof csm, text: string, sentAt: string | null = wednesday): ThreadMessage {
  return { from, sentAt, text };
}

function thread(messages: ThreadMessage[], overrides: Partial<ThreadInput> = {}): ThreadInput {
  return {
    subject: 'Usage report',
    messages,
    ownAddresses: [csm.email],
    now: '2026-11-25T16:00:00+01:00',
    ...overrides,
  };
}

function analysisCall(input: ThreadInput, signal = new AbortController().signal): ObjectCall<ThreadAnalysis> {
  return {
    model: localModelId,
    system: '',
    blocks: [],
    maxOutputTokens: 2000,
    signal,
    task: { kind: 'thread.analysis', input },
    schema: threadAnalysis,
    schemaName: 'thread_analysis',
    schemaDescription: 'the analysis of an email thread',
  };
}

async function analyze(input: ThreadInput): Promise<ThreadAnalysis> {
  return (await localProvider.generateObject(analysisCall(input))).object;
}

function expectQuotedFromTheirMessages(analysis: ThreadAnalysis, input: ThreadInput): void {
  for (const ask of analysis.asks) expect(input.messages[ask.messageIndex]!.text).toContain(ask.quote);
}

describe('the local provider analysing a thread', () => {
  it('finds no ask in a customer update that asks nothing, and needs no reply', async () => {
    const input = thread([
      message(
        customer,
        'Hi Anna,\n\nWe rolled the new dashboards out to the whole finance team on Monday. Everyone has been using them since and the feedback is good.\n\nBest,\nDana',
      ),
    ]);
    const analysis = await analyze(input);
    expect(analysis.asks).toEqual([]);
    expect(analysis.needsReply).toBe(false);
    expect(analysis.urgency).toBe('low');
  });

  it('quotes the one ask of a message, word for word', async () => {
    const input = thread([
      message(
        customer,
        'Hi Anna,\n\nThe quarterly review went well and the team liked the new reports. Could you send me the invoice for November?\n\nThanks,\nDana',
      ),
    ]);
    const analysis = await analyze(input);
    expect(analysis.asks).toEqual([
      { quote: 'Could you send me the invoice for November?', messageIndex: 0, kind: 'request' },
    ]);
    expectQuotedFromTheirMessages(analysis, input);
  });

  it('finds three asks across the customer’s messages, requests and questions, and none in ours', async () => {
    const input = thread([
      message(
        customer,
        'Hi Anna,\nOur renewal is coming up in January. Please send us the updated order form. When does the new pricing take effect?',
        '2026-11-23T09:00:00+01:00',
      ),
      message(csm, 'Hi Dana, could you tell me who signs on your side? I will check the pricing date.'),
      message(customer, 'Maria signs for us. Is the SSO add-on included in the new plan?'),
    ]);
    const analysis = await analyze(input);
    expect(analysis.asks.map(({ quote, kind, messageIndex }) => ({ quote, kind, messageIndex }))).toEqual([
      { quote: 'Please send us the updated order form.', kind: 'request', messageIndex: 0 },
      { quote: 'When does the new pricing take effect?', kind: 'question', messageIndex: 0 },
      { quote: 'Is the SSO add-on included in the new plan?', kind: 'question', messageIndex: 2 },
    ]);
    expectQuotedFromTheirMessages(analysis, input);
  });

  it('leaves quoted history out: an old question in a reply’s quote is not asked again', async () => {
    const input = thread([
      message(
        customer,
        'Thanks, that answers it.\n\nOn Tue, Nov 24, 2026 at 9:12 AM Anna Lee <anna@vendor.example> wrote:\n> Could you confirm the number of seats you need?',
      ),
    ]);
    expect((await analyze(input)).asks).toEqual([]);
  });

  it('resolves the due date of our commitment against the date of our message, in its time zone', async () => {
    const input = thread([
      message(
        customer,
        'We need the SOC 2 report for our security review. Can you share it?',
        '2026-11-24T15:00:00+01:00',
      ),
      message(
        csm,
        "Hi Dana,\n\nI'll send the SOC 2 report by Friday. We will also look into the SSO question.\n\nBest,\nAnna",
      ),
    ]);
    const analysis = await analyze(input);
    expect(analysis.commitments).toEqual([
      { quote: "I'll send the SOC 2 report by Friday.", messageIndex: 1, due: '2026-11-27T17:00:00+01:00' },
      { quote: 'We will also look into the SSO question.', messageIndex: 1, due: null },
    ]);
  });

  it('reads "let me get back to you by" and "EOD" as commitments with their dates', async () => {
    const monday = '2026-11-23T09:30:00-05:00';
    const input = thread([
      message(
        csm,
        'Let me get back to you by Thursday with the numbers. You will have the draft contract by EOD.',
        monday,
      ),
    ]);
    const { commitments } = await analyze(input);
    expect(commitments.map((c) => c.due)).toEqual(['2026-11-26T17:00:00-05:00', '2026-11-23T17:00:00-05:00']);
  });

  it('hears a promise whose subject is said once for two verbs, or is our team', async () => {
    const input = thread([
      message(
        csm,
        'I am checking with engineering and will get back to you tomorrow. Our engineers will look into the export.',
      ),
    ]);
    const { commitments } = await analyze(input);
    expect(commitments.map((c) => [c.quote, c.due])).toEqual([
      ['I am checking with engineering and will get back to you tomorrow.', '2026-11-26T17:00:00+01:00'],
      ['Our engineers will look into the export.', null],
    ]);
  });

  it('takes the deadline ahead, not a date in the past the sentence mentions', async () => {
    const input = thread([message(csm, 'As I said two days ago, we will ship the connector on Monday.')]);
    expect((await analyze(input)).commitments.map((c) => c.due)).toEqual(['2026-11-30T17:00:00+01:00']);
  });

  it('counts only our own people’s promises as commitments', async () => {
    const input = thread([message(customer, "I'll send you our security questionnaire by Friday.")]);
    expect((await analyze(input)).commitments).toEqual([]);
  });

  it('hears a frustrated customer as negative and a pleased one as positive', async () => {
    const unhappy = await analyze(
      thread([
        message(
          customer,
          'The export has failed three times this week and nobody has answered our ticket. We are really frustrated and this is unacceptable.',
        ),
      ]),
    );
    const pleased = await analyze(
      thread([
        message(customer, 'The new dashboards are fantastic and the whole team loves them. Great work!'),
      ]),
    );
    expect(unhappy.sentiment.label).toBe('negative');
    expect(unhappy.sentiment.score).toBeLessThan(-0.3);
    expect(pleased.sentiment.label).toBe('positive');
    expect(pleased.sentiment.score).toBeGreaterThan(0.3);
  });

  it('hears a customer who still cannot work as negative, though they ask for a credit', async () => {
    const angry = await analyze(
      thread([
        message(csm, 'Thanks for flagging the export problem. I will send you an update by Monday.'),
        message(
          customer,
          'It is now Tuesday and we still cannot export any data. This is the third outage this month and my team is losing patience. Can you tell me when it will be fixed? Also, can we get a credit on this month’s invoice?',
        ),
      ]),
    );
    const down = await analyze(
      thread([message(customer, 'The export is down again and SSO is not working for half of our users.')]),
    );
    const pastTrouble = await analyze(
      thread([
        message(customer, 'The outage last month is behind us and the team is happy with the new reports.'),
      ]),
    );
    const credited = await analyze(
      thread([
        message(customer, 'We got the credit on our invoice. The team is happy with the fix, great job!'),
      ]),
    );
    expect(angry.sentiment.label).toBe('negative');
    expect(angry.sentiment.score).toBeLessThan(-0.3);
    expect(down.sentiment.label).toBe('negative');
    expect(pastTrouble.sentiment.label).toBe('positive');
    expect(credited.sentiment.label).toBe('positive');
  });

  it('weighs the customer’s latest tone most: an apology accepted turns the thread positive', async () => {
    const analysis = await analyze(
      thread([
        message(customer, 'The sync is broken again and we lost a day of work. This is really frustrating.'),
        message(csm, 'I am sorry, the fix is deployed now.'),
        message(customer, 'Confirmed, everything works perfectly now. Thank you, great support!'),
      ]),
    );
    expect(analysis.sentiment.label).toBe('positive');
  });

  it('is urgent when the customer says production is down and asks for help today', async () => {
    const analysis = await analyze(
      thread([
        message(
          customer,
          'Our production dashboard is down since this morning. Can someone look at it today? This is urgent.',
        ),
      ]),
    );
    expect(analysis.urgency).toBe('high');
    expect(analysis.needsReply).toBe(true);
  });

  it('needs a reply while the customer’s question waits, not after our answer and their thanks', async () => {
    const question = message(customer, 'Which regions does the data residency option cover?');
    const answer = message(csm, 'It covers the EU and the US today; Canada comes in March.');
    const thanks = message(customer, 'Perfect, thanks!');
    const followUp = message(customer, 'Also, our legal team will be on the call.');
    expect((await analyze(thread([question]))).needsReply).toBe(true);
    expect((await analyze(thread([question, answer]))).needsReply).toBe(false);
    expect((await analyze(thread([question, answer, thanks]))).needsReply).toBe(false);
    expect((await analyze(thread([question, followUp]))).needsReply).toBe(true);
  });

  it('summarises in at most two lines, each a sentence of the thread with its sender', async () => {
    const input = thread(
      [
        message(
          customer,
          'Hi Anna,\n\nOur usage report has shown zero active users since the migration last week. The finance team relies on it for the monthly close. Could you check what changed?\n\nThanks,\nDana',
        ),
        message(
          csm,
          "Hi Dana, thanks for flagging it. I'll ask our data team to rerun the usage report by Friday.",
        ),
      ],
      { subject: 'Usage report shows zero users' },
    );
    const { summary } = await analyze(input);
    const lines = summary.split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(2);
    const flat = input.messages.map((m) => m.text.replace(/\s+/g, ' '));
    for (const line of lines) {
      const [sender, sentence] = [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)];
      expect(['Dana', 'Anna']).toContain(sender);
      // As written, but for a greeting or a name it opened on (and so, perhaps, its first letter's case).
      expect(flat.some((text) => text.toLowerCase().includes(sentence.toLowerCase()))).toBe(true);
    }
    expect(summary).toContain('usage report');
  });

  it('leaves out of the summary the greeting and the name a sentence opens on, and a thank-you', async () => {
    const { summary } = await analyze(
      thread(
        [
          message(
            csm,
            'Hi Dana, thanks for flagging the export problem. Our engineers are on it and I will send you an update by Monday.',
          ),
          message(
            customer,
            'Anna, it is now Tuesday and we still cannot export any data. Can you tell me when it will be fixed?',
          ),
        ],
        { subject: 'Export outage' },
      ),
    );
    expect(summary).toBe(
      'Anna: Our engineers are on it and I will send you an update by Monday.\n' +
        'Dana: It is now Tuesday and we still cannot export any data.',
    );
  });

  it('leads the summary with the customer’s problem and our answer, not a side question', async () => {
    const { summary } = await analyze(
      thread(
        [
          message(
            customer,
            'Hi Anna,\n\nOur dashboard has been down since this morning and the team cannot export the usage report. Also, when will the SOC 2 report be ready?\n\nThanks,\nDana',
          ),
          message(csm, "Hi Dana,\n\nSorry about that. I'll send the SOC 2 report by Friday.\n\nBest,\nAnna"),
        ],
        { subject: 'Dashboard outage' },
      ),
    );
    expect(summary).toBe(
      'Dana: Our dashboard has been down since this morning and the team cannot export the usage report.\n' +
        "Anna: I'll send the SOC 2 report by Friday.",
    );
  });

  it('gives the same analysis for the same thread, and counts words as tokens', async () => {
    const input = thread([
      message(customer, 'Can you send the renewal quote? We need it before the board meeting on the 12th.'),
      message(csm, "Sure, I'll send it tomorrow morning."),
    ]);
    const first = await localProvider.generateObject(analysisCall(input));
    const second = await localProvider.generateObject({ ...analysisCall(input), seed: 7 });
    expect(second.object).toEqual(first.object);
    expect(first.usage.inputTokens).toBe(2 + 16 + 6);
    expect(first.usage.outputTokens).toBeGreaterThan(5);
  });

  it('refuses to return an answer its schema rejects', async () => {
    const stricter = threadAnalysis.extend({ renewalRisk: threadAnalysis.shape.summary });
    const call = { ...analysisCall(thread([message(customer, 'Hello.')])), schema: stricter };
    await expect(localProvider.generateObject(call)).rejects.toMatchObject({
      name: 'AiProviderError',
      errorClass: 'invalid_output',
    });
  });

  it('stops at once when the call is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const call = analysisCall(thread([message(customer, 'Can you call me?')]), controller.signal);
    await expect(localProvider.generateObject(call)).rejects.toMatchObject({ errorClass: 'aborted' });
  });
});
