import type { KioskConfig } from '@kiosk/config';
import {
  type Cassette,
  CashDispenserEmulator,
  persistentCashDispenserEmulator,
  type CashDispenserPort,
  type LcdmEmulatorControls,
} from '@kiosk/device-drivers';
import type { SerialDevices } from './serial-devices.js';

/** The in-memory dispenser's cassettes: the emulator entry's list, or a serial entry's two. */
function inMemoryCash(
  devices: KioskConfig['devices'],
): ConstructorParameters<typeof CashDispenserEmulator>[0] {
  const entry = devices.cashDispenser;
  if (entry.driver === 'emulator') {
    return {
      cassettes: entry.cassettes.map((c, i) => ({
        id: i === 0 ? 'upper' : i === 1 ? 'lower' : `cassette${i + 1}`,
        denominationFen: c.denominationFen,
        count: c.count,
        lowThreshold: 20,
        emptyThreshold: 0,
      })),
      retractBinCapacity: entry.retractBinCapacity,
    };
  }
  const cassettes: Omit<Cassette, 'present'>[] = [
    { id: 'upper', ...entry.cassettes.upper },
    { id: 'lower', ...entry.cassettes.lower },
  ];
  return { cassettes, retractBinCapacity: entry.retractBinCapacity };
}

/** The serial dispenser with its emulator's controls when emulated, else the in-memory emulator. */
export function cashDispenserOf(
  serial: SerialDevices,
  devices: KioskConfig['devices'],
  stateFile: string | undefined,
): { port: CashDispenserPort; controls?: CashDispenserEmulator | LcdmEmulatorControls } {
  if (serial.cashDispenser) return serial.cashDispenser;
  // beside the journal, the emulated notes survive a crash where they were, as real ones do
  const emulator = stateFile
    ? persistentCashDispenserEmulator(stateFile, inMemoryCash(devices))
    : new CashDispenserEmulator(inMemoryCash(devices));
  return { port: emulator, controls: emulator };
}
