/**
 * Fault: a receipt printer's wait for its hot print head (`devices.receiptPrinter.headCoolWaitMs`)
 * as long as a resident's step (`timeouts.stepMs`) or longer: the step ends first and cuts the print
 * with no cause while the resident waits (receipt-head-hot-mid-journey-cause-lost). Such a profile
 * stops boot naming the printer's key; a wait shorter than the step is taken.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { configErrorOf } from './config-test-files.js';
import { loadConfig } from './load-config.js';

const KEY = 'devices.receiptPrinter.headCoolWaitMs';
/** a short step the host's waits still fit in (two host timeouts below it) */
const SHORT_STEP = ['timeouts.stepMs=12000', 'timeouts.warnMs=8000', 'host.timeoutMs=2000'];

describe('fault: a head cool wait past the step timeout', () => {
  it.each(['12000', '15000'])('a wait of %s ms with a 12 s step: refused at the printer’s key', (ms) => {
    const error = configErrorOf(() =>
      loadConfig({ profile: 'test', overrides: [...SHORT_STEP, `${KEY}=${ms}`] }),
    );
    expect(error.code).toBe(ErrorCode.CONFIG_INVALID);
    const problem = error.problems.find((p) => p.path === KEY);
    expect(problem?.reason).toContain('timeouts.stepMs (12000)');
  });

  it('a wait below the step is taken', () => {
    const config = loadConfig({ profile: 'test', overrides: [...SHORT_STEP, `${KEY}=11999`] });
    expect(config.devices.receiptPrinter.headCoolWaitMs).toBe(11_999);
    expect(config.timeouts.stepMs).toBe(12_000);
  });
});
