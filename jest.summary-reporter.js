/**
 * Prints one plain closing line after Jest's own summary, e.g. `tests: 683 passed, 0 failed, 2 skipped`,
 * so that any CI reading closing lines sees the counts without parsing Jest's table.
 */
import { appendFileSync } from 'node:fs';

function progress(what, path) {
  const file = process.env.KIOSK_TEST_PROGRESS;
  if (file) appendFileSync(file, `${what}\t${Date.now()}\t${path}\n`);
}

export default class SummaryReporter {
  /** `scripts/run-tests.mjs` watches for suites that never finish through this file */
  onTestStart(test) {
    progress('start', test.path);
  }

  onTestResult(test) {
    progress('done', test.path);
  }

  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failedSuites = results.numFailedTestSuites + results.numRuntimeErrorTestSuites;
    const failed =
      results.numFailedTests + (failedSuites > 0 && results.numFailedTests === 0 ? failedSuites : 0);
    process.stdout.write(
      `tests: ${results.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`,
    );
  }
}
