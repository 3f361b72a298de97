/**
 * The test profile with the cash dispenser (LCDM) and the ID reader (GA 467) on their real drivers,
 * the journal in memory: for the specs of the daemon's serial devices. Emulated byte for byte on
 * pseudo-terminal pairs, or on the `ports` given (paths, where no device need be). `overrides` as on
 * the command line (`devices.reopen.firstIntervalMs=100`), `dispenser` added to the dispenser's
 * entry (its timeouts).
 */
import { loadConfig, type KioskConfig } from '@kiosk/config';
import { DEFAULT_DISPENSER_BOUNDS } from '@kiosk/domain';

/** The LCDM's entry of a profile, two cassettes: emulated on a pseudo terminal, or on `path`. */
export function lcdmSerialEntry(path?: string): KioskConfig['devices']['cashDispenser'] {
  return {
    driver: 'lcdm-serial',
    ...(path === undefined ? { emulatedOnPseudoTerminal: true } : { emulatedOnPseudoTerminal: false, path }),
    baudRate: 9600,
    cassettes: {
      upper: { denominationFen: 10000, count: 30, lowThreshold: 20, emptyThreshold: 0 },
      lower: { denominationFen: 5000, count: 40, lowThreshold: 20, emptyThreshold: 0 },
    },
    rejectBinCapacity: 50,
    retractBinCapacity: 50,
    ...DEFAULT_DISPENSER_BOUNDS,
  } as KioskConfig['devices']['cashDispenser'];
}

export function serialConfig(
  overrides: readonly string[] = [],
  dispenser: { readonly responseTimeoutMs?: number } = {},
  ports?: { readonly cashDispenser: string; readonly idReader: string },
): KioskConfig {
  const base = loadConfig({ profile: 'test', overrides });
  return {
    ...base,
    journal: { ...base.journal, path: ':memory:' },
    devices: {
      ...base.devices,
      cashDispenser: { ...lcdmSerialEntry(ports?.cashDispenser), ...dispenser },
      idReader: ports
        ? { driver: 'ga467-serial', emulatedOnPseudoTerminal: false, path: ports.idReader, baudRate: 115200 }
        : { driver: 'ga467-serial', emulatedOnPseudoTerminal: true, baudRate: 115200 },
    },
  } as KioskConfig;
}
