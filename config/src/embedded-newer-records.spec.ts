/**
 * Fault: the demo never showed a record of a kind the kiosk does not know, so a person trying it
 * could not see how a kiosk meets a back office one release ahead (ADR 0013). The embedded host
 * simulator takes `host.embeddedNewerRecordsFor`: the demo profile names li's card, the test
 * profile none (its data stay as the suites expect); a value that is no card number is refused
 * at boot.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { configErrorOf, TempProfiles } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const files = new TempProfiles();
afterAll(() => files.remove());

const li = demoResident('li')!;
const problems = (file: string) =>
  configErrorOf(() => loadConfig({ file })).problems.map((p) => `${p.path}: ${p.reason}`);

describe('records of a newer host in the embedded host simulator', () => {
  it('the demo profile gives li’s account the newer host’s records; the test profile no one’s', () => {
    expect(loadConfig({ profile: 'demo' }).host.embeddedNewerRecordsFor).toEqual([li.cardNumber]);
    expect(loadConfig({ profile: 'test' }).host.embeddedNewerRecordsFor).toBeUndefined();
  });

  it('refuses a value that is no card number', () => {
    const file = files.writeDemoWith((d) => {
      d['host'] = { ...d['host'], embeddedNewerRecordsFor: ['li'] };
    });
    expect(problems(file)).toContainEqual(
      expect.stringMatching(/^host\.embeddedNewerRecordsFor\[0\]: expected a card number/),
    );
  });
});
