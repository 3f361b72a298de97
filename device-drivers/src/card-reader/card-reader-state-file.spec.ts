/**
 * The faults: the emulated card reader kept the card's place and its capture bin in memory only,
 * so a daemon that died with a card inside came back to an empty reader (the card gone, the boot's
 * recovery never meeting it) and to a capture bin counted from the configured count. Now they are
 * kept in a state file, written before the reader answers a move, read when the reader is made: a
 * missing file is a fresh reader, one that does not read stops with a coded error naming it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { demoResident, ErrorCode } from '@kiosk/domain';
import { cardReaderStateFile } from './card-reader-state-file.js';
import { EmulatedCardReader } from './emulated-card-reader.js';
import { readerAcrossRestarts } from './reader-across-restarts.spec-support.js';

describe('the emulated card reader kept in a state file', () => {
  const r = readerAcrossRestarts('card-reader-state-');

  it('a card in the emulated reader is still there after a daemon restart, and its chip answers', async () => {
    const first = await r.boot();
    await first.insertCard('zhang');
    await first.readCard();
    // no close: the process died here
    const second = await r.boot();
    expect(second.cardPosition()).toBe('inReader');
    expect(second.listCards().find((c) => c.cardId === 'zhang')?.location).toBe('inReader');
    expect((await second.readCard()).cardNumber).toBe(demoResident('zhang')!.cardNumber);
    // the reader holds it: the next resident's card is refused until it leaves
    await expect(second.insertCard('li')).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    await second.eject();
    const third = await r.boot();
    expect(third.cardPosition()).toBe('atSlot');
    await third.takeCard();
    expect((await r.boot()).cardPosition()).toBe('none');
  });

  it('a captured card and the capture bin count survive a daemon restart', async () => {
    const first = await r.boot();
    await first.insertCard('zhang');
    await first.retract();
    const second = await r.boot();
    expect(second.status().supplies.find((s) => s.name === 'captureBin')?.count).toBe(1);
    expect(second.listCards().find((c) => c.cardId === 'zhang')?.location).toBe('captured');
    await expect(second.insertCard('zhang')).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });
    expect(second.emptyCaptureBin()).toBe(1);
    const third = await r.boot();
    expect(third.status().supplies.find((s) => s.name === 'captureBin')?.count).toBe(0);
    await third.insertCard('zhang');
    expect(third.cardPosition()).toBe('inReader');
  });

  it('the state is in the file before the reader answers the move', async () => {
    const reader = await r.boot();
    await reader.insertCard('li');
    let seen: unknown;
    reader.onCardEvent((e) => {
      if (e.type === 'ejected') seen = JSON.parse(readFileSync(r.file, 'utf8'));
    });
    await reader.eject();
    expect(seen).toMatchObject({ position: 'atSlot', cardId: 'li' });
  });

  it('a card reader state file that cannot be written fails the move with its name, the card where it was', async () => {
    const reader = await r.boot();
    await reader.insertCard('zhang');
    // the file's place taken by a folder that is not empty: the rename over it fails
    rmSync(r.file);
    mkdirSync(join(r.file, 'in-the-way'), { recursive: true });
    const refused = { code: ErrorCode.DEVICE_HARDWARE_ERROR, details: { file: r.file } };
    await expect(reader.eject()).rejects.toMatchObject(refused);
    expect(reader.cardPosition()).toBe('inReader');
    await expect(reader.retract()).rejects.toMatchObject(refused);
    expect(reader.status().supplies.find((s) => s.name === 'captureBin')?.count).toBe(0);
    rmSync(r.file, { recursive: true });
    await reader.eject();
    expect(reader.cardPosition()).toBe('atSlot');
    expect(JSON.parse(readFileSync(r.file, 'utf8'))).toMatchObject({ position: 'atSlot', cardId: 'zhang' });
  });

  it('no state file: a fresh reader, the configured capture bin count', async () => {
    const reader = await r.boot({ captureBin: { count: 3 } });
    expect(reader.cardPosition()).toBe('none');
    expect(reader.status().supplies.find((s) => s.name === 'captureBin')?.count).toBe(3);
  });

  it.each([
    ['torn', '{"format":1,"position":"inRea'],
    ['not a state', '[]'],
    [
      'a card position it does not know',
      '{"format":1,"position":"lost","cardId":null,"captured":[],"captureBinCount":0}',
    ],
    [
      'a card inside with no card id',
      '{"format":1,"position":"inReader","cardId":null,"captured":[],"captureBinCount":0}',
    ],
    [
      'a bin count below its cards',
      '{"format":1,"position":"none","cardId":null,"captured":["li"],"captureBinCount":0}',
    ],
    [
      'a card that is no virtual card',
      '{"format":1,"position":"inReader","cardId":"nobody","captured":[],"captureBinCount":0}',
    ],
  ])('a corrupt card reader state file (%s) stops boot with its name', (_what, text) => {
    writeFileSync(r.file, text);
    let error: unknown;
    try {
      new EmulatedCardReader({
        cards: r.cards,
        stateFile: cardReaderStateFile(r.file, (id) => r.cards.has(id)),
      });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: ErrorCode.DEVICE_HARDWARE_ERROR, details: { file: r.file } });
    expect((error as Error).message).toContain(r.file);
    // nothing reset: the file is left as it was for staff
    expect(readFileSync(r.file, 'utf8')).toBe(text);
  });
});
