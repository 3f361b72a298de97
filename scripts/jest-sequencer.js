/**
 * The order the suites run in: Jest's own (a suite that failed last time first, then the longest
 * first), with the suites' durations of a whole run kept in the repository (test-durations.json)
 * where Jest's cache has none.
 *
 * Why: two workers share the run, and a long suite that starts last is the run's tail while the
 * other worker idles. Jest orders by the durations in its cache, which a clean clone (CI) lacks;
 * it then orders by file size, and the longest suites of all, the kill harness's (2 minutes
 * each), are its smallest files (13 lines naming entries): they ran last. With the list they run
 * first and the short unit suites fill the end.
 *
 * A suite that is in neither (a new one) runs before the others, as in Jest. `KIOSK_TEST_DURATIONS
 * =<file>` on a whole run writes the list again (jest.summary-reporter.js).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// Jest's default sequencer, found as jest-config finds it (it is Jest's dependency, not ours)
const fromJestConfig = createRequire(createRequire(import.meta.url).resolve('jest-config'));
const { default: Sequencer } = fromJestConfig('@jest/test-sequencer');

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LIST = new URL('./test-durations.json', import.meta.url);

/** seconds per suite, by its path from the repository's root */
function listed() {
  try {
    return JSON.parse(readFileSync(LIST, 'utf8'));
  } catch {
    return {};
  }
}

export default class LongestFirstSequencer extends Sequencer {
  #seconds = listed();

  /** Jest's cached duration (ms) of the suite, else the list's */
  time(test) {
    const cached = super.time(test);
    if (cached !== undefined) return cached;
    const seconds = this.#seconds[relative(ROOT, test.path).split('\\').join('/')];
    return typeof seconds === 'number' ? seconds * 1000 : undefined;
  }
}
