/// <reference path="./vader-sentiment.d.ts" />
import type { Chrono } from 'chrono-node';
import type { WinkMethods } from 'wink-nlp';
import { warmUpDraftComposer } from './draft-reply.ts';

/** The language models the local provider runs on, loaded once per process on first use. */
export interface LocalNlp {
  wink: WinkMethods;
  /** VADER compound score of one sentence, -1..1. */
  sentenceSentiment(text: string): number;
  /** English casual date parser; `forwardDate` is passed per call. */
  chrono: Chrono;
}

let loading: Promise<LocalNlp> | undefined;

/**
 * The models cost a few hundred milliseconds to load (wink's model is 3.8 MB, chrono 8.8 MB), so
 * nothing loads at import time: the first call pays it, every later call shares the result.
 */
export function loadLocalNlp(): Promise<LocalNlp> {
  loading ??= loadModels().catch((error: unknown) => {
    // A failed load is not kept: the next call tries again.
    loading = undefined;
    throw error;
  });
  return loading;
}

async function loadModels(): Promise<LocalNlp> {
  const [{ default: winkNlp }, { default: model }, { default: vader }, chronoModule] = await Promise.all([
    import('wink-nlp'),
    import('wink-eng-lite-web-model'),
    import('vader-sentiment'),
    import('chrono-node'),
  ]);
  // Only the tokenizer, sentence boundaries and part of speech: wink's NER and sentiment are not used.
  const wink = winkNlp(model, ['sbd', 'pos']);
  const nlp: LocalNlp = {
    wink,
    sentenceSentiment: (text) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound,
    chrono: deadlineParser(chronoModule),
  };
  warmUp(nlp);
  warmUpDraftComposer(nlp);
  return nlp;
}

/**
 * chrono's casual English without its "… ago" parser: a deadline is never in the past, and that
 * parser's patterns alone cost ≈ 85 ms to compile at start.
 */
function deadlineParser(chrono: typeof import('chrono-node')): Chrono {
  const configuration = chrono.en.configuration.createCasualConfiguration();
  configuration.parsers = configuration.parsers.filter(
    (p) => p.constructor.name !== 'ENTimeUnitAgoFormatParser',
  );
  return new chrono.Chrono(configuration);
}

/**
 * V8 compiles a regular expression to machine code on its second run: chrono's are large, and that
 * costs ≈ 150 ms, paid here, at load, rather than by whichever request comes second.
 */
function warmUp(nlp: LocalNlp): void {
  for (let run = 0; run < 2; run++) {
    nlp.wink.readDoc('Could you send it by Friday? Thanks.').tokens().out(nlp.wink.its.pos);
    nlp.sentenceSentiment('Thanks, that works great.');
    nlp.chrono.parse(
      "I'll send it by Friday at 3pm.",
      { instant: new Date(0), timezone: 60 },
      { forwardDate: true },
    );
  }
}
