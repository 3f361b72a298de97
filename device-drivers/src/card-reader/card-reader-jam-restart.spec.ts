/**
 * The faults: the emulated reader's jam (`ejectJam`) stopped the eject only: its retract drew the
 * jammed card into the capture bin as if nothing were wrong, so the capture a session or boot
 * recovery asks of a jammed card could not be emulated; and the jam lived in memory only, so a
 * daemon restarted with a jammed card found a reader in order. A real motorised reader's mechanism
 * stays jammed through a power cut until staff free it. Now a jam stops the retract too
 * (CARD_READER_JAM, the card inside, the bin as it was), it is kept in the reader's state file
 * (set, or the move it stopped) and read back at the next start (the reader out of order from its
 * first status when a move met it), until staff free the mechanism (the fault cleared).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { cardReaderStateFile } from './card-reader-state-file.js';
import { EmulatedCardReader } from './emulated-card-reader.js';
import { readerAcrossRestarts } from './reader-across-restarts.spec-support.js';

const JAMMED = { device: 'hardwareError', fault: { code: ErrorCode.CARD_READER_JAM } };

describe('fault: the card jams in the reader on its way into the capture bin, and across a restart', () => {
  const r = readerAcrossRestarts('card-reader-jam-');
  const binCount = (reader: EmulatedCardReader) =>
    reader.status().supplies.find((s) => s.name === 'captureBin')?.count;
  const whereIs = (reader: EmulatedCardReader) =>
    reader.listCards().find((c) => c.cardId === 'zhang')?.location;

  it('a jammed card cannot be captured: the retract fails CARD_READER_JAM, the card inside, the bin as it was', async () => {
    const reader = await r.boot();
    await reader.insertCard('zhang');
    reader.setFault('ejectJam');
    await expect(reader.retract()).rejects.toMatchObject({
      code: ErrorCode.CARD_READER_JAM,
      details: { jam: 'retract' },
    });
    expect(whereIs(reader)).toBe('inReader');
    expect(binCount(reader)).toBe(0);
    // out of order for its jam, as after a jammed eject
    expect(reader.status()).toMatchObject(JAMMED);
  });

  it('a card jammed before a restart is still jammed after it, reported from the first status', async () => {
    const before = await r.boot();
    await before.insertCard('zhang');
    before.setFault('ejectJam');
    await expect(before.eject()).rejects.toMatchObject({ code: ErrorCode.CARD_READER_JAM });
    await before.close();

    const after = await r.boot();
    expect(after.status()).toMatchObject(JAMMED);
    expect(after.cardPosition()).toBe('inReader');
    await expect(after.retract()).rejects.toMatchObject({ code: ErrorCode.CARD_READER_JAM });
    await expect(after.eject()).rejects.toMatchObject({ code: ErrorCode.CARD_READER_JAM });
    // staff clearing the fault while it is still jammed: it stays
    expect(await after.selfTest()).toMatchObject(JAMMED);
  });

  it('a jam set and met by no move yet is kept too: the next start’s first move meets it', async () => {
    const before = await r.boot();
    await before.insertCard('zhang');
    before.setFault('ejectJam');
    await before.close();

    const after = await r.boot();
    expect(after.status()).toMatchObject({ device: 'online' });
    await expect(after.retract()).rejects.toMatchObject({ code: ErrorCode.CARD_READER_JAM });
    expect(after.status()).toMatchObject(JAMMED);
  });

  it('staff free the card and the mechanism, clear the fault: in order, and still so after a restart', async () => {
    const before = await r.boot();
    await before.insertCard('zhang');
    before.setFault('ejectJam');
    await expect(before.retract()).rejects.toMatchObject({ code: ErrorCode.CARD_READER_JAM });
    await before.close();

    const visited = await r.boot();
    await visited.pullCard();
    visited.setFault(null);
    expect(await visited.selfTest()).toMatchObject({ device: 'online' });
    expect(JSON.parse(readFileSync(r.file, 'utf8'))).not.toHaveProperty('jam');
    await visited.close();

    const after = await r.boot();
    expect(after.status()).toMatchObject({ device: 'online' });
    expect(after.status().fault).toBeUndefined();
    await after.insertCard('zhang');
    await after.retract();
    expect(whereIs(after)).toBe('captured');
  });

  it('a state file naming an unknown jam does not read: the reader is not made, the file named', () => {
    const state = { format: 1, position: 'none', cardId: null, captured: [], captureBinCount: 0 };
    writeFileSync(r.file, JSON.stringify({ ...state, jam: 'sideways' }));
    expect(() => cardReaderStateFile(r.file)).toThrow(
      expect.objectContaining({ code: ErrorCode.DEVICE_HARDWARE_ERROR, details: { file: r.file } }),
    );
  });
});
