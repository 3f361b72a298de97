/**
 * The rule of the large-fleet suites (this room's and the kiosk daemon's) on a machine without
 * Mosquitto or PostgreSQL (`externalStack`): with CI=true the suite fails saying what is missing
 * (CI installs both, `.ci/run`); on a workstation it is skipped, loudly.
 *
 * Not exported from the room's index (it declares Jest tests): specs import this file by path,
 * as they do the Chromium launcher.
 */
import { describe, it } from '@jest/globals';
import { externalStack, type ExternalStack } from './test-postgres.js';

/**
 * On the stack, `suite` declares the tests (as the file's top level would); without it, the suite
 * `title` fails with CI=true or is skipped with a warning, saying what is missing.
 */
export function describeOnExternalStack(title: string, suite: (stack: ExternalStack) => void): void {
  const stack = externalStack();
  if (!('missing' in stack)) {
    suite(stack);
    return;
  }
  const { missing } = stack;
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('has Mosquitto and PostgreSQL to run on', () => {
        throw new Error(`CI=true but ${missing.join('; ')}`);
      });
    });
    return;
  }
  console.warn(`\n*** ${title}: NOT run here: ${missing.join('; ')} ***\n`);
  // a suite needs a test; this one says what was left out
  describe(title, () => it.skip('needs Mosquitto and PostgreSQL', () => undefined));
}
