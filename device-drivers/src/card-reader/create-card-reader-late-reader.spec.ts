/**
 * `driver: pcsc` (the production profile) when pcscd shows no reader within the probe: a real
 * terminal whose USB reader enumerates late at boot, or is unplugged. It keeps the real reader's
 * mechanism, offline until the reader appears; the emulated mechanism is vsmartcard's only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cardReaderStateFile, type CardReaderStateFile } from './card-reader-state-file.js';
import { createCardReader } from './create-card-reader.js';
import { fakePcsc, PRESENT } from './fake-pcsclite.js';
import { PcscCardReader } from './pcsc-card-reader.driver.js';

describe('createCardReader: pcsc with no reader found at the probe', () => {
  let dir: string;
  let file: string;
  let reads: number;
  const openStateFile = (): CardReaderStateFile => {
    reads += 1;
    return cardReaderStateFile(file);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'reader-late-'));
    file = join(dir, 'card-reader.json');
    // an emulator's leftover on the terminal: a card it believed inside
    writeFileSync(
      file,
      JSON.stringify({ format: 1, position: 'inReader', cardId: 'zhang', captured: [], captureBinCount: 0 }),
    );
    reads = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a real terminal whose reader appears late is not given the emulated mechanism', async () => {
    const { state, factory } = fakePcsc();
    const reader = await createCardReader(
      { driver: 'pcsc', probeMs: 20, openStateFile },
      { pcsclite: factory },
    );
    expect(reader).toBeInstanceOf(PcscCardReader);
    expect((reader as PcscCardReader).cards).toBeUndefined();
    expect((reader as PcscCardReader).contacts).toBeUndefined();
    expect(reads).toBe(0);
    const opened = reader.open();
    await new Promise((r) => setImmediate(r));
    expect(reader.status().device).not.toBe('online');
    // the USB reader enumerates: pcscd shows it, and the reader serves it
    const usb = state.contexts.at(-1)!.add('ACS ACR39U ICC Reader 00 00');
    await opened;
    expect(reader.status()).toMatchObject({ device: 'online', driver: 'pcsc', supplies: [] });
    // listed, not yet reported: where the card is is not known before its first status
    expect(reader.cardPosition()).toBe('unknown');
    await expect(reader.insertCard('zhang')).rejects.toMatchObject({ code: 'DEVICE_HARDWARE_ERROR' });
    usb.status({ state: PRESENT | (1 << 16), atr: Buffer.from([0x3b, 0x00]) });
    expect(reader.cardPosition()).toBe('inReader');
    expect(reads).toBe(0);
    await reader.close();
  });

  it('pcscd not running at the probe is not a reason to emulate either', async () => {
    const { state, factory } = fakePcsc();
    state.up = false;
    const reader = await createCardReader(
      { driver: 'pcsc', probeMs: 20, openStateFile },
      { pcsclite: factory },
    );
    expect((reader as PcscCardReader).cards).toBeUndefined();
    expect(reads).toBe(0);
    await reader.close();
  });

  it("vsmartcard's rig says so: a vpcd port, a vpcd reader name or the mechanism configured", async () => {
    for (const said of [
      { vpcdPort: 35963 },
      { readerName: 'Virtual PCD 00 00' },
      { mechanism: 'emulated' as const },
    ]) {
      const { factory } = fakePcsc();
      const reader = await createCardReader(
        { driver: 'pcsc', probeMs: 20, openStateFile, ...said },
        { pcsclite: factory },
      );
      expect((reader as PcscCardReader).cards).toBeDefined();
      await reader.close();
    }
    expect(reads).toBe(3);
  });
});
