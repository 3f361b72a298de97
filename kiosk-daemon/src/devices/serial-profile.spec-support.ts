/**
 * The test profile with the cash dispenser (LCDM) and the ID reader (GA 467) on their real drivers,
 * emulated byte for byte on pseudo-terminal pairs, the journal in memory: for the specs of the
 * daemon's serial devices. `overrides` as on the command line (`devices.reopen.firstIntervalMs=100`),
 * `dispenser` added to the dispenser's entry (its timeouts).
 */
import { loadConfig, type KioskConfig } from '@kiosk/config';
import { DEFAULT_DISPENSER_BOUNDS } from '@kiosk/domain';

export function serialConfig(
  overrides: readonly string[] = [],
  dispenser: { readonly responseTimeoutMs?: number } = {},
): KioskConfig {
  const base = loadConfig({ profile: 'test', overrides });
  return {
    ...base,
    journal: { ...base.journal, path: ':memory:' },
    devices: {
      ...base.devices,
      cashDispenser: {
        driver: 'lcdm-serial',
        emulatedOnPseudoTerminal: true,
        baudRate: 9600,
        cassettes: {
          upper: { denominationFen: 10000, count: 30, lowThreshold: 20, emptyThreshold: 0 },
          lower: { denominationFen: 5000, count: 40, lowThreshold: 20, emptyThreshold: 0 },
        },
        rejectBinCapacity: 50,
        retractBinCapacity: 50,
        ...DEFAULT_DISPENSER_BOUNDS,
        ...dispenser,
      },
      idReader: { driver: 'ga467-serial', emulatedOnPseudoTerminal: true, baudRate: 115200 },
    },
  };
}
