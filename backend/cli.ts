import { parseArgs } from 'node:util';
import { userRoles } from '../shared/enums.ts';
import { loadConfig } from './config.ts';
import { withDatabase } from './db/with-database.ts';
import { seedDemoFromCli } from './demo/cli.ts';
import { DomainError } from './domain-error.ts';
import { runEvalFromCli } from './eval/cli.ts';
import { calibrateFromCli } from './health/calibration/cli.ts';
import { recomputeFromCli } from './health/cli.ts';
import { importFromCli } from './imports/cli.ts';
import { serve } from './serve.ts';
import { createTokenFromCli } from './tokens/cli.ts';
import { addUserFromCli } from './users/cli.ts';

const usage = `usage: cscx <command> [options]

  serve                                   start the server (what npm start runs)
  migrate                                 apply database migrations
  users add --email E --role admin|csm|viewer [--org NAME|ID] [--name N] [--password P]
                                          without --password, prints a one-time link to the running server
  tokens create --email E [--org NAME|ID] [--name N] [--days D]   prints the token alone on the last line
  seed-demo [--org NAME|ID] [--customers N] [--activities M]
  import customers|contacts|activities|signals FILE.csv [--org NAME|ID] [--skip-invalid]
  import transcript FILE (--meeting ID | --customer ID) [--format vtt|srt|plain] [--title T] [--at ISO] [--as EMAIL]
                                          a call's transcript (Zoom VTT, SRT or "Speaker: text") analysed
                                          and stored as the meeting's call record (ID: its id or Zoom number)
  health recompute [--org NAME|ID]        every customer's health score now, in short batches (a bar)
  health calibrate [--org NAME|ID] [--adopt] [--json] [--seed N]
                                          fits the health weights to the org's churned/renewed customers:
                                          ROC-AUC, PR-AUC and Brier before and after on held-out ones;
                                          --adopt makes the fitted weights a new model version
  eval thread --dataset DIR [--json] [--limit N] [--fit FILE]
                                          ask detection of the local provider beside baselines, on
                                          files like ../shared/data/email-intent-parakweet
  eval redaction --dataset DIR [--enron DIR] [--json] [--limit N]
                                          PII redaction per type beside a baseline, on files like
                                          ../shared/data/presidio-synth-pii (and enron-email-threads)
  eval injection --dataset DIR [--json] [--limit N]
                                          drafts on poisoned threads (BIPIA, CyberSecEval files) with the
                                          local provider and SDKs against fakes whose model obeys them
  eval health --dataset DIR [--json] [--seed N]
                                          churn ranking (ROC-AUC, PR-AUC, Brier) of the health score,
                                          default and calibrated, beside a logistic baseline, on files
                                          like ../shared/data/telco-churn
  eval meetings --dataset DIR [--json]
                                          whole-meeting summaries (ROUGE-1/2/L) beside lead-k and
                                          TextRank, and evidence recall of decisions and action items,
                                          on files like ../shared/data/qmsum/val
  eval style [--json] [--seeds 20] [--rounds 10] [--from 1]
                                          scripted CSMs edit successive drafts: edit distance per round
                                          as the style profile learns (own embedded database, no key)

  --org defaults to the only org (with several, the error lists them; tokens create needs it only for
  an address in several orgs). For users add and seed-demo a name no org has creates that org: that is
  how a second team starts.
`;

async function main(argv: string[]): Promise<void> {
  const [command, sub, ...rest] = argv;
  // `cscx eval health --help` as much as `cscx --help`: every command's options are in the one usage.
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate':
      return withDatabase(config, async () => console.log('migrations applied'));
    case 'users': {
      if (sub !== 'add') break;
      const { values } = parseArgs({
        args: rest,
        options: {
          org: { type: 'string' },
          email: { type: 'string' },
          role: { type: 'string' },
          password: { type: 'string' },
          name: { type: 'string' },
        },
      });
      const role = userRoles.find((r) => r === values.role);
      if (!values.email || !role)
        throw new DomainError('BAD_REQUEST', 'users add needs --email and --role admin|csm|viewer');
      return withDatabase(config, (db) =>
        addUserFromCli(db, config, {
          org: values.org,
          email: values.email!,
          role,
          password: values.password,
          name: values.name,
        }),
      );
    }
    case 'tokens': {
      if (sub !== 'create') break;
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          days: { type: 'string' },
          org: { type: 'string' },
        },
      });
      if (!values.email) throw new DomainError('BAD_REQUEST', 'tokens create needs --email');
      return withDatabase(config, (db) =>
        createTokenFromCli(db, {
          email: values.email!,
          name: values.name ?? 'cli',
          days: Number(values.days ?? 90),
          org: values.org,
        }),
      );
    }
    case 'seed-demo': {
      const { values } = parseArgs({
        args: argv.slice(1),
        options: { org: { type: 'string' }, customers: { type: 'string' }, activities: { type: 'string' } },
      });
      return withDatabase(config, (db) => seedDemoFromCli(db, values, config));
    }
    case 'import': {
      if (sub === 'transcript') {
        // Loaded on demand: the analysis brings the language packages, which no other command needs.
        const { importTranscriptFromCli } = await import('./meetings/cli.ts');
        return withDatabase(config, (database) => importTranscriptFromCli(database, config, rest));
      }
      const { values, positionals } = parseArgs({
        args: argv.slice(1),
        allowPositionals: true,
        options: { org: { type: 'string' }, 'skip-invalid': { type: 'boolean', default: false } },
      });
      const [entity, file] = positionals;
      return withDatabase(config, (db) =>
        importFromCli(db, { entity, file, org: values.org, skipInvalid: values['skip-invalid'] }),
      );
    }
    case 'health':
      if (sub === 'calibrate') return withDatabase(config, (database) => calibrateFromCli(database, rest));
      if (sub === 'recompute') return withDatabase(config, (database) => recomputeFromCli(database, rest));
      break;
    case 'eval':
      return runEvalFromCli(argv.slice(1));
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(usage);
      return;
  }
  process.stderr.write(`unknown command: ${argv.join(' ')}\n\n${usage}`);
  process.exitCode = 2;
}

/** An option a command does not take, or one without its value: node's parseArgs says which. */
const isUsageError = (error: unknown) =>
  error instanceof TypeError && /^ERR_PARSE_ARGS_/.test(String((error as { code?: unknown }).code));

main(process.argv.slice(2)).catch((error: unknown) => {
  if (isUsageError(error)) {
    process.stderr.write(`cscx: ${(error as Error).message} (cscx --help lists every command's options)\n`);
    process.exitCode = 2;
    return;
  }
  const message =
    error instanceof DomainError || (error instanceof Error && /^invalid environment/.test(error.message))
      ? error.message
      : String((error as Error)?.stack ?? error);
  process.stderr.write(`cscx: ${message}\n`);
  process.exitCode = 1;
});
