/**
 * Fault: the chip station's PC/SC set-up failed partway (the context made, then its set-up threw)
 * and the link kept that context: the card printer read "pcscd does not answer" until the daemon
 * restarted, and the daemon's reopen of a device offline (ADR 0020) asked it in vain. Now the
 * set-up keeps nothing: the card printer reads offline with the failure's code and no reader
 * named, so the reopen opens it again, and its self test makes a fresh context. pcscd is scripted
 * here (a terminal whose encoder is plugged in); device-drivers pcsc-setup-failed-partway runs the
 * same fault on the real pcscd and vpcd.
 */
import type { PcscLiteFactory } from '@kiosk/device-drivers';
import { ErrorCode, type DeviceStatus } from '@kiosk/domain';
import {
  ENCODER,
  offersCardMaking,
  realTerminalCardPrinter,
  ScriptedPcscd,
} from './chip-station-readers.spec-support.js';
import { DeviceReopen } from './device-reopen.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** pcscd with the encoder plugged in, whose first `times` contexts fail partway through their set-up. */
function pcscdFailingPartway(times: number): PcscLiteFactory {
  const pcscd = new ScriptedPcscd([ENCODER]);
  let left = times;
  return () => {
    const context = pcscd.factory();
    if (left-- <= 0) return context;
    const on = context.on.bind(context) as (event: string, listener: unknown) => unknown;
    return Object.assign(context, {
      on(event: string, listener: unknown) {
        if (event === 'reader') throw new Error('SCardListReaders error: Internal error.(0x80100001)');
        return on(event, listener);
      },
    });
  };
}

describe('chip station whose PC/SC set-up failed partway, and the daemon’s reopen', () => {
  it('fault: chip station PC/SC set-up failed partway at boot: the card printer is down with the error’s code, and the reopen brings it back with a fresh set-up', async () => {
    const logs: string[] = [];
    // the station's check at construction and the boot's open both meet the failure
    const devices = await realTerminalCardPrinter({ factory: pcscdFailingPartway(2) }, (m) => logs.push(m));
    cleanups.push(() => devices.close());
    await devices.printer.open();
    const down = devices.printer.status();
    expect(down).toMatchObject({
      device: 'offline',
      fault: {
        code: ErrorCode.DEVICE_HARDWARE_ERROR,
        message: expect.stringContaining('could not be started (DEVICE_HARDWARE_ERROR, PC/SC 0x80100001)'),
      },
    });
    expect(down.fault?.missingReader).toBeUndefined(); // not left to pcscd's reader events
    expect(offersCardMaking(down)).toBe(false);
    expect(logs).toContain(
      "Card printer: the chip station's link could not be started: DEVICE_HARDWARE_ERROR",
    );

    let said: (message: string) => void = () => undefined;
    const reopenSaid = new Promise<string>((resolve) => (said = resolve));
    // sooner than the link's own retry (1 s): the reopen's self test is what sets it up afresh
    const reopen = new DeviceReopen([devices.printer], {
      timings: { intervalMs: 20, maxIntervalMs: 50 },
      sessionRuns: () => false,
      log: (m) => said(m),
    });
    cleanups.push(() => reopen.stop());
    const back = new Promise<DeviceStatus>((resolve) => {
      const off = devices.printer.onStatus((s) => s.device === 'online' && (off(), resolve(s)));
    });
    reopen.start();
    expect((await back).fault).toBeUndefined();
    expect(offersCardMaking(devices.printer.status())).toBe(true);
    expect(await reopenSaid).toMatch(/^cardPrinter is back: online after \d+ (ms|s) offline$/); // the reopen's open brought it back
  });
});
