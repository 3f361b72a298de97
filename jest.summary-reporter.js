/**
 * Prints one plain closing line after Jest's own summary, e.g. `tests: 683 passed, 0 failed, 2 skipped`,
 * so that any CI reading closing lines sees the counts without parsing Jest's table.
 *
 * `KIOSK_TEST_DURATIONS=<file>`: also writes each suite's duration in seconds to `<file>` (JSON, by
 * path from the repository's root), merged into what the file had: after a whole run of
 * `npm test`, `KIOSK_TEST_DURATIONS=scripts/test-durations.json` renews the list the sequencer
 * runs the longest suites first by (scripts/jest-sequencer.js). Suites whose file is gone are
 * dropped.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

function progress(what, path) {
  const file = process.env.KIOSK_TEST_PROGRESS;
  if (file) appendFileSync(file, `${what}\t${Date.now()}\t${path}\n`);
}

function writeDurations(file, rootDir, results) {
  let seconds = {};
  try {
    seconds = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // a new list
  }
  for (const r of results.testResults) {
    if (r.skipped || r.perfStats.runtime === undefined) continue;
    seconds[relative(rootDir, r.testFilePath).split('\\').join('/')] =
      Math.round(r.perfStats.runtime / 100) / 10;
  }
  const kept = Object.keys(seconds)
    .filter((path) => existsSync(resolve(rootDir, path)))
    .sort();
  writeFileSync(file, `${JSON.stringify(Object.fromEntries(kept.map((p) => [p, seconds[p]])), null, 2)}\n`);
}

export default class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

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
    const durations = process.env.KIOSK_TEST_DURATIONS;
    if (durations) writeDurations(resolve(durations), this.rootDir, results);
  }
}
