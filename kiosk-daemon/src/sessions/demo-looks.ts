import { awaitMoreLooks, type EmulatorLooks } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, type DemoLooks } from '@kiosk/domain';
import type { EmulatorControls } from '../devices/devices.service.js';

/** the card printer's bezel sensor read (`Rse;b`), counted by its emulator */
const BEZEL_READ = 'Rse;b';

function looksOf(emulators: EmulatorControls, device: 'idReader' | 'cardPrinter'): EmulatorLooks {
  if (device === 'idReader') {
    const reader = emulators.idReader;
    if (reader && 'asked' in reader)
      return { count: () => reader.asked(), reads: () => reader.reads(), onLook: (l) => reader.onAsked(l) };
    throw new KioskError(ErrorCode.GATEWAY_NOT_ALLOWED, 'No byte-level ID reader is emulated here.', {
      device,
    });
  }
  const printer = emulators.cardPrinter;
  if (!printer)
    throw new KioskError(ErrorCode.GATEWAY_NOT_ALLOWED, 'That device is not emulated here.', { device });
  return {
    count: () => printer.answered(BEZEL_READ),
    onLook: (listener) =>
      printer.onAnswered((key) => {
        if (key === BEZEL_READ) listener();
      }),
  };
}

/**
 * Answers once the daemon's driver has looked at the emulated device `more` more times than when
 * asked (the GA 467 reader's pad, the card printer's bezel sensor), with the looks counted and the
 * cards read meanwhile; DEVICE_TIMEOUT after `withinMs` (a refusal is a rejection, never a throw). For the specs that let the driver poll
 * some times, by count, not by a fixed wait: asked for, so no state is pushed with each poll.
 */
export async function awaitLooks(
  emulators: EmulatorControls,
  device: 'idReader' | 'cardPrinter',
  more: number,
  withinMs: number,
): Promise<DemoLooks> {
  return awaitMoreLooks(looksOf(emulators, device), more, withinMs, device);
}
