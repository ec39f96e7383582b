import { afterAll, describe, expect, it } from 'vitest';
import { makeDataDir, removeDataDir, runCli } from './support/cscx-process.ts';

const dataDir = makeDataDir();
afterAll(() => removeDataDir(dataDir));

describe('cscx usage', () => {
  it('prints the usage for --help after any command, and nothing else', async () => {
    for (const args of [['--help'], ['eval', 'health', '--help'], ['seed-demo', '-h']]) {
      const result = await runCli(dataDir, args);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^usage: cscx <command> \[options\]/);
      expect(result.stdout).toContain('eval health');
      expect(result.stderr).toBe('');
    }
  });

  it('names an option a command does not take in one line, without a stack trace, and exits 2', async () => {
    const result = await runCli(dataDir, ['eval', 'health', '--datset', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      "cscx: Unknown option '--datset' (cscx --help lists every command's options)",
    );
  });
});
