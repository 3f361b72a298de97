/**
 * The fault, as the daemon meets it: on the emulator's road a torn virtual card file (a power cut
 * while the demo wrote it) made every card use fail with an uncoded SyntaxError, and stopped the
 * boot outright when the emulated reader's state file (card-reader.json) held that card inside.
 * Now the daemon boots, its card reader reports the coded fault (hardwareError,
 * DEVICE_HARDWARE_ERROR naming the file), the other demo cards are listed and usable, and the
 * torn file is left as it was for the field engineer.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type KioskConfig } from '@kiosk/config';
import { ErrorCode } from '@kiosk/domain';
import { DevicesService } from './devices.service.js';
import { withInMemoryPadAndCamera } from './in-memory-pad-and-camera.spec-support.js';

const TORN = '{"format":1,"cardId":"zha';

/**
 * The test profile with its emulated reader, the journal (and the cards beside it) in `dir` (the
 * PIN pad and camera in memory: built here without the serial devices' roads).
 */
function configIn(dir: string): KioskConfig {
  const base = withInMemoryPadAndCamera(loadConfig({ profile: 'test' }));
  return {
    ...base,
    journal: { ...base.journal, path: join(dir, 'journal.sqlite') },
    devices: { ...base.devices, cardReader: { driver: 'emulator', moveTimeoutMs: 10_000 } },
  };
}

describe('demo-card-file-torn (the daemon)', () => {
  let dir: string;
  let devices: DevicesService | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'demo-card-file-torn-'));
    mkdirSync(join(dir, 'cards'));
    writeFileSync(join(dir, 'cards', 'zhang.card.json'), TORN);
  });
  afterEach(async () => {
    await devices?.onApplicationShutdown();
    devices = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('fault: a torn card file of the card the emulated reader holds inside stops the boot with a SyntaxError', async () => {
    writeFileSync(
      join(dir, 'card-reader.json'),
      JSON.stringify({ format: 1, position: 'inReader', cardId: 'zhang', captured: [], captureBinCount: 0 }),
    );
    devices = new DevicesService(configIn(dir));
    await devices.cardReader.open();
    expect(devices.cardReader.status()).toMatchObject({
      device: 'hardwareError',
      fault: { code: ErrorCode.DEVICE_HARDWARE_ERROR },
    });
    expect(devices.cardReader.status().fault?.message).toContain('zhang.card.json');
    const listed = devices.emulators.cardReader?.listCards() ?? [];
    expect(listed.find((card) => card.cardId === 'zhang')?.location).toBe('inReader');
    expect(listed.map((card) => card.cardId)).toContain('li');
    expect(readFileSync(join(dir, 'cards', 'zhang.card.json'), 'utf8')).toBe(TORN);
  });

  it('fault: a torn card file makes the demo panel insert of any card fail with an uncoded SyntaxError', async () => {
    devices = new DevicesService(configIn(dir));
    await devices.cardReader.open();
    const reader = devices.emulators.cardReader!;
    await expect(reader.insertCard('zhang')).rejects.toMatchObject({ code: ErrorCode.DEVICE_HARDWARE_ERROR });
    await reader.insertCard('li');
    expect(devices.cardReader.cardPosition()).toBe('inReader');
  });
});
