/**
 * The emulated reader's state file is read only on the emulator's road: the in-process virtual
 * cards or vpcd's reader. A real PC/SC reader never reads a file an emulator left on the terminal.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cardReaderStateFile, type CardReaderStateFile } from './card-reader-state-file.js';
import { createCardReader } from './create-card-reader.js';
import { fakePcsc } from './fake-pcsclite.js';

describe('createCardReader: the emulator state file', () => {
  let dir: string;
  let file: string;
  let reads: number;
  const openStateFile = (): CardReaderStateFile => {
    reads += 1;
    return cardReaderStateFile(file);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'reader-state-road-'));
    file = join(dir, 'card-reader.json');
    reads = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a corrupt card reader emulator state file is never read for a real PC/SC reader', async () => {
    writeFileSync(file, '{"format":1,"posi');
    const { state, factory } = fakePcsc();
    const making = createCardReader({ driver: 'pcsc', probeMs: 500, openStateFile }, { pcsclite: factory });
    await new Promise((r) => setImmediate(r));
    state.contexts[0]!.add('ACS ACR39U ICC Reader 00 00');
    const reader = await making;
    expect(reader.status()).toMatchObject({ driver: 'pcsc', supplies: [] });
    expect(reads).toBe(0);
    await reader.close();
  });

  it("a leftover card in the emulator's state file is not applied to a real reader found by 'auto'", async () => {
    writeFileSync(
      file,
      JSON.stringify({ format: 1, position: 'inReader', cardId: 'zhang', captured: [], captureBinCount: 0 }),
    );
    const { state, factory } = fakePcsc();
    const making = createCardReader({ driver: 'auto', probeMs: 500, openStateFile }, { pcsclite: factory });
    await new Promise((r) => setImmediate(r));
    state.contexts[0]!.add('ACS ACR39U ICC Reader 00 00');
    const reader = await making;
    expect(reads).toBe(0);
    // the real reader's own word, once it reports: not the file's card
    expect(reader.cardPosition()).toBe('unknown');
    await reader.close();
  });

  it("the emulator's roads read it: vpcd's reader and the in-process virtual cards", async () => {
    writeFileSync(file, '{"format":1,"posi');
    const { state, factory } = fakePcsc();
    const making = createCardReader({ driver: 'pcsc', probeMs: 500, openStateFile }, { pcsclite: factory });
    await new Promise((r) => setImmediate(r));
    state.contexts[0]!.add('Virtual PCD 00 00');
    await expect(making).rejects.toMatchObject({ code: 'DEVICE_HARDWARE_ERROR', details: { file } });
    const down = fakePcsc();
    down.state.up = false;
    await expect(
      createCardReader({ driver: 'auto', probeMs: 20, openStateFile }, { pcsclite: down.factory }),
    ).rejects.toMatchObject({ code: 'DEVICE_HARDWARE_ERROR', details: { file } });
    await expect(createCardReader({ driver: 'emulator', openStateFile })).rejects.toMatchObject({
      code: 'DEVICE_HARDWARE_ERROR',
    });
    expect(reads).toBe(3);
  });
});
