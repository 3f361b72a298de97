/**
 * The virtual cards (the demo residents' chips, kept as one file per card in `cards/` beside the
 * journal) belong to the emulator's road: the emulated card reader, vpcd's virtual cards, the
 * emulated card printer's blanks. A terminal with a real PC/SC reader and a real card printer
 * never makes them: its boot writes no card file, makes no `cards/` folder, and a folder a demo
 * run left during installation (even a torn file in it) is neither read nor added to. The
 * emulator's road still makes them, as before, once a card is used.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { DevicesService } from './devices.service.js';
import { configIn } from './in-memory-pad-and-camera.spec-support.js';
import { realCardReader, realEvolisPrinter } from './real-card-devices.spec-support.js';

const TORN = '{"format":1,"cardId":"zha';

/** A production terminal's card devices: a real PC/SC reader (no vpcd) and a real Evolis printer. */
const realCardDevices: Partial<KioskConfig['devices']> = {
  cardReader: { ...realCardReader, readerName: 'ACS ACR39U ICC Reader 00 00' },
  cardPrinter: realEvolisPrinter,
};

describe('demo cards on a terminal with a real card reader and card printer', () => {
  let dir: string;
  let devices: DevicesService | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'demo-cards-production-'));
  });
  afterEach(async () => {
    await devices?.onApplicationShutdown();
    devices = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('fault: a boot with a real reader and a real card printer writes the demo cards beside the journal', async () => {
    devices = new DevicesService(configIn(dir, realCardDevices));
    // the reader and the printer opened, as boot opens them (both offline here: no pcscd, no printer)
    await Promise.allSettled([devices.cardReader.open(), devices.cardPrinter.open()]);
    expect(existsSync(join(dir, 'cards'))).toBe(false);
    expect(devices.emulators.cardReader?.listCards()).toEqual([]);
  });

  it('fault: a torn demo card file left by an installation demo run stops the boot of a terminal with real card devices', async () => {
    mkdirSync(join(dir, 'cards'));
    writeFileSync(join(dir, 'cards', 'zhang.card.json'), TORN);
    devices = new DevicesService(configIn(dir, realCardDevices));
    await Promise.allSettled([devices.cardReader.open(), devices.cardPrinter.open()]);
    expect(readdirSync(join(dir, 'cards'))).toEqual(['zhang.card.json']);
    expect(readFileSync(join(dir, 'cards', 'zhang.card.json'), 'utf8')).toBe(TORN);
  });

  it('the emulated reader still has the demo cards, kept beside the journal', async () => {
    devices = new DevicesService(
      configIn(dir, { cardReader: { driver: 'emulator', moveTimeoutMs: 10_000 } }),
    );
    await devices.cardReader.open();
    const listed = devices.emulators.cardReader?.listCards().map((card) => card.cardId);
    expect(listed).toEqual(expect.arrayContaining(['zhang', 'li']));
    expect(readdirSync(join(dir, 'cards'))).toEqual(
      expect.arrayContaining(['zhang.card.json', 'li.card.json']),
    );
  });
});
