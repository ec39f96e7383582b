import type { Reporter, TestModule } from 'vitest/node';

/**
 * Fails the run when a database target that should have run passed no test: a green run that
 * silently skipped the real PostgreSQL server would prove nothing about it.
 */
export default class RequireTargetsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    // Both targets, always: the real-server one is no option (`npm test` provides its server).
    const required = ['db-embedded', 'db-postgres'];
    const passed = new Map<string, number>();
    const totals = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      let n = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') n++;
        if (state === 'passed' || state === 'failed' || state === 'skipped') totals[state]++;
      }
      passed.set(module.project.name, (passed.get(module.project.name) ?? 0) + n);
    }
    // The plain closing line CI reads, whatever the runner.
    process.on('exit', () => {
      process.stdout.write(
        `\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
      );
    });
    // A run narrowed to some files or projects is not the whole suite: nothing to require then.
    const args = process.argv.slice(2).filter((a) => a !== 'run');
    const filtered = args.some((a) => a.startsWith('--project') || !a.startsWith('-'));
    if (filtered) return;
    for (const name of required) {
      if ((passed.get(name) ?? 0) === 0) {
        process.stderr.write(`\n✗ database target "${name}" passed no test\n`);
        process.exitCode = 1;
      } else {
        process.stdout.write(`database target ${name}: ${passed.get(name)} tests passed\n`);
      }
    }
  }
}
