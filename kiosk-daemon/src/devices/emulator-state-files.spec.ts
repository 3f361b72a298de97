/**
 * An emulator's state file beside the journal (card-reader.json, card-printer.json,
 * cash-dispenser.json, lcdm-cash-dispenser.json) is read only when that emulator is the configured
 * driver. A terminal configured with real devices may still hold one, left by a demo run during
 * installation: a real device's boot never depends on it, and a leftover is never applied.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { DevicesService } from './devices.service.js';
import { configIn } from './in-memory-pad-and-camera.spec-support.js';
import { realCardReader, realEvolisPrinter } from './real-card-devices.spec-support.js';
import { startSerialDevices } from './serial-devices.js';
import { lcdmSerialEntry } from './serial-profile.spec-support.js';

const TORN = '{"format":1,"posi';
const FILES = ['card-reader.json', 'card-printer.json', 'cash-dispenser.json', 'lcdm-cash-dispenser.json'];

const realDevices: Partial<KioskConfig['devices']> = {
  cardReader: realCardReader,
  cardPrinter: realEvolisPrinter,
  cashDispenser: lcdmSerialEntry('/dev/kiosk-no-such-dispenser'),
};

describe('emulator state files on a terminal with real devices', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'emulator-state-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a corrupt card reader emulator state file does not stop a daemon with a real reader', async () => {
    writeFileSync(join(dir, 'card-reader.json'), TORN);
    const devices = new DevicesService(configIn(dir, { cardReader: realCardReader }));
    try {
      // made, not opened: the real reader has not said where a card is (nothing from the file)
      expect(devices.cardReader.cardPosition()).toBe('unknown');
      expect(readFileSync(join(dir, 'card-reader.json'), 'utf8')).toBe(TORN);
    } finally {
      await devices.onApplicationShutdown();
    }
  });

  it('a corrupt card reader emulator state file still stops boot with the emulated reader, naming it', () => {
    const file = join(dir, 'card-reader.json');
    writeFileSync(file, TORN);
    expect(
      () => new DevicesService(configIn(dir, { cardReader: { driver: 'emulator', moveTimeoutMs: 10_000 } })),
    ).toThrow(expect.objectContaining({ code: 'DEVICE_HARDWARE_ERROR', details: { file } }));
  });

  it('corrupt card printer and dispenser emulator state files do not stop a daemon with a real Evolis printer and a real LCDM', async () => {
    for (const name of FILES) writeFileSync(join(dir, name), TORN);
    const config = configIn(dir, realDevices);
    const serial = await startSerialDevices(config);
    const devices = new DevicesService(config, serial);
    try {
      expect(devices.emulators.cardPrinter).toBeUndefined();
      expect(devices.emulators.cashDispenser).toBeUndefined();
      expect(devices.cashDispenser.status().driver).toBe('lcdm2000');
      for (const name of FILES) expect(readFileSync(join(dir, name), 'utf8')).toBe(TORN);
    } finally {
      await devices.onApplicationShutdown();
    }
  });
});
