import { DomainError } from '../domain-error.ts';
import { evalHealthFromCli } from './health.ts';
import { evalInjectionFromCli } from './injection.ts';
import { runMeetingsEval } from './meetings.ts';
import { evalRedactionFromCli } from './redaction.ts';
import { runStyleEval } from './style.ts';
import { runThreadEval } from './thread.ts';

/** `cscx eval <name> …`: one entry per evaluation, each parsing its own options. */
const evaluations = new Map<string, (args: string[]) => Promise<void>>([
  ['thread', runThreadEval],
  ['redaction', evalRedactionFromCli],
  ['style', runStyleEval],
  ['injection', evalInjectionFromCli],
  ['health', evalHealthFromCli],
  ['meetings', runMeetingsEval],
]);

export async function runEvalFromCli(args: string[]): Promise<void> {
  const [name, ...rest] = args;
  const run = name === undefined ? undefined : evaluations.get(name);
  if (!run) throw new DomainError('BAD_REQUEST', `eval needs one of: ${[...evaluations.keys()].join(', ')}`);
  await run(rest);
}
