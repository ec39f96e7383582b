import path from 'node:path';

/** The committed copy of a `../shared/data/` set (tests/fixtures/eval-data/README.md). */
export function evalDataDir(
  name:
    | 'email-intent-parakweet'
    | 'presidio-synth-pii'
    | 'bipia-email'
    | 'cyberseceval-prompt-injection'
    | 'telco-churn'
    | 'qmsum',
): string {
  return path.resolve(import.meta.dirname, '../fixtures/eval-data', name);
}
