import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localModelId, localProvider } from '../../backend/ai/providers/local/index.ts';
import { threadAnalysis } from '../../shared/api/threads.ts';

const pieces = [
  'Could you send the renewal quote?',
  "I'll send the SOC 2 report by Friday.",
  'Our dashboard is down since this morning!!',
  'Thanks,\nDana',
  '\n\nOn Tue, Nov 24, 2026 at 9:12 AM Anna <anna@vendor.example> wrote:\n> Can you call me?',
  'Please   see https://status.example/incidents?id=42 (e.g. the U.S. region).',
  'We will not be able to join — sorry.',
  'Ça marche, merci ! 🙂',
  '24/7 support, $5.00, 12/3, EOD, Q1…',
  '???',
  '',
];

const messageArbitrary = fc.record({
  from: fc.record({
    email: fc.constantFrom('anna@vendor.example', 'dana@acme.example', null),
    name: fc.constantFrom('Anna Lee', 'Dana', ''),
  }),
  sentAt: fc.constantFrom('2026-11-25T10:00:00+01:00', '2026-11-20T23:59:00-08:00', null),
  text: fc
    .tuple(
      fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 40 })), { maxLength: 8 }),
      fc.constantFrom(' ', '\n', '\n\n'),
    )
    .map(([parts, separator]) => parts.join(separator)),
});

describe('the local thread analysis on any thread', () => {
  it('always fits the schema, and quotes only text of the message it points at', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(messageArbitrary, { minLength: 1, maxLength: 6 }), async (messages) => {
        const { object } = await localProvider.generateObject({
          model: localModelId,
          system: '',
          blocks: [],
          maxOutputTokens: 2000,
          signal: new AbortController().signal,
          task: {
            kind: 'thread.analysis',
            input: {
              subject: 'Renewal',
              messages,
              ownAddresses: ['anna@vendor.example'],
              now: '2026-11-25T16:00:00Z',
            },
          },
          schema: threadAnalysis,
          schemaName: 'thread_analysis',
          schemaDescription: '',
        });
        for (const quoted of [...object.asks, ...object.commitments])
          expect(messages[quoted.messageIndex]!.text).toContain(quoted.quote);
        for (const commitment of object.commitments)
          expect(messages[commitment.messageIndex]!.from.email).toBe('anna@vendor.example');
        expect(object.summary.split('\n').length).toBeLessThanOrEqual(2);
      }),
      { numRuns: 150, seed: 20261125 },
    );
  });
});
