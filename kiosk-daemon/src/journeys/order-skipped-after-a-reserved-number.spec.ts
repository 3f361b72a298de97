/**
 * The fault: a blank spoiled at an attempt (the host refused its chip key: the next blank is tried),
 * then the chip station's reader lost before the next attempt's order. That attempt journals its
 * order skipped (`issuance.order`, chipStationOffline) and card making stops; the number the first
 * attempt reserved is to be reported abandoned. When that report did not reach the host (the host
 * away, a restart), recovery, staff and the report's retry read the application from the last
 * `issuance.order` step: the skipped one named none, so the reserved number was never reported.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { recoverIssuance } from './issuance-recovery.js';
import {
  APPLICATION,
  CARD,
  ENCODER,
  realTerminalIssuance,
} from './issue-card-on-real-terminal.spec-support.js';

type World = Awaited<ReturnType<typeof realTerminalIssuance>>;
let w: World;
beforeEach(async () => {
  w = await realTerminalIssuance();
});
afterEach(() => w.close());

describe('an order skipped after an earlier attempt reserved a number', () => {
  it('fault: the order skipped for the station down hides the reserved number from recovery', async () => {
    const office = w.issuance as unknown as Record<string, unknown>;
    const reportIssuance = office['reportIssuance'] as (...args: unknown[]) => Promise<unknown>;
    // the first blank spoiled at its chip (the next one is tried); the station's reader pulled as
    // it goes to the reject bin, before the next attempt's order
    const printer = w.devices.printer;
    const eject = printer.ejectToRejectBin.bind(printer);
    printer.ejectToRejectBin = async (reason, signal) => {
      await eject(reason, signal);
      w.pcscd.unplug(ENCODER);
    };
    // the abandonment's report does not reach the host this time
    let hostAway = true;
    office['reportIssuance'] = async (...args: unknown[]) => {
      if (hostAway) throw new KioskError(ErrorCode.HOST_TIMEOUT, 'The host is away.');
      return reportIssuance(...args);
    };
    const out = await w.replace('account');
    expect(out.error?.code).toBe(ErrorCode.DEVICE_OFFLINE);
    const steps = await w.steps();
    // attempt 1 reserved the number; attempt 2's order was skipped with the station down
    expect(steps.filter((s) => s.step === 'issuance.order:event').map((s) => s.detail)).toEqual([
      expect.objectContaining({ attempt: 1, applicationNo: APPLICATION }),
      expect.objectContaining({ attempt: 2, skipped: 'chipStationOffline' }),
    ]);
    expect(steps.map((s) => s.step)).toContain('host.issued:failed');
    // the host back, recovery (a restart, staff) tells it the reserved number was abandoned
    hostAway = false;
    await recoverIssuance(w.journal, w.devices.printer, w.issuance, w.tx);
    expect(w.calls).toContain(`card:abandoned:${CARD}`);
  });
});
