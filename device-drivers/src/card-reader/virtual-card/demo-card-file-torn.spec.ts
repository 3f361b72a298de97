/**
 * The fault: on the emulator's road the virtual cards are made when a card is first used, and a
 * torn card file (a power cut while the demo wrote it, an editor) made every card use fail with an
 * uncoded SyntaxError: the making read every demo card's file, so one torn file stopped all of
 * them, the demo panel's listing with them, and boot when the reader's state file named a card.
 * Now the torn card alone is out of use: its file is left as it is (it is the card's chip memory,
 * PIN tries and log: the field engineer decides; removed, the demo card is made anew at the next
 * start), using it fails DEVICE_HARDWARE_ERROR naming the file, and the reader reports that fault
 * (hardwareError) until staff test it with the file readable again. The other cards work.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { cardReaderStateFile } from '../card-reader-state-file.js';
import { EmulatedCardReader, virtualCardsOnFirstUse } from '../emulated-card-reader.js';

const TORN = '{"format":1,"cardId":"zha';

describe('a torn demo card file', () => {
  let dir: string;
  let cardDirectory: string;
  let tornFile: string;
  const opened: EmulatedCardReader[] = [];

  /** The reader as the daemon makes it: the cards made on first use, in the folder beside the journal. */
  async function boot(stateFile?: string): Promise<EmulatedCardReader> {
    const cards = virtualCardsOnFirstUse({ cardDirectory, today: new Date('2026-11-26') });
    const reader = new EmulatedCardReader({
      cards,
      ...(stateFile ? { stateFile: cardReaderStateFile(stateFile, (id) => cards.has(id)) } : {}),
    });
    opened.push(reader);
    await reader.open();
    return reader;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'demo-card-file-torn-'));
    cardDirectory = join(dir, 'cards');
    tornFile = join(cardDirectory, 'zhang.card.json');
    mkdirSync(cardDirectory);
    writeFileSync(tornFile, TORN);
  });
  afterEach(async () => {
    for (const reader of opened.splice(0)) await reader.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fault: a torn card file makes every other demo card fail too', async () => {
    const reader = await boot();
    const listed = reader.listCards();
    expect(listed.map((card) => card.cardId)).toEqual(expect.arrayContaining(['li', 'zhang']));
    await reader.insertCard('li');
    expect((await reader.readCard()).name).toBeDefined();
    expect(reader.status().device).toBe('online');
  });

  it('fault: inserting the card of a torn file fails with an uncoded SyntaxError; it is coded and the reader reports it', async () => {
    const reader = await boot();
    const failed = reader.insertCard('zhang');
    await expect(failed).rejects.toMatchObject({
      code: ErrorCode.DEVICE_HARDWARE_ERROR,
      details: { file: tornFile, cardId: 'zhang' },
    });
    await expect(failed).rejects.toThrow(/zhang\.card\.json does not read/);
    // the card is not drawn in; the reader is out of order with the fault, for the field engineer
    expect(reader.cardPosition()).toBe('none');
    expect(reader.status()).toMatchObject({
      device: 'hardwareError',
      fault: { code: ErrorCode.DEVICE_HARDWARE_ERROR },
    });
    expect(reader.status().fault?.message).toMatch(/zhang\.card\.json/);
    // the panel still lists it, said to be unreadable; the file is left as it was
    expect(reader.listCards().find((card) => card.cardId === 'zhang')?.label).toMatch(/does not read/);
    expect(readFileSync(tornFile, 'utf8')).toBe(TORN);
    // a staff test keeps the fault while the file does not read, clears it once it is gone
    expect((await reader.selfTest()).device).toBe('hardwareError');
    rmSync(tornFile);
    expect((await reader.selfTest()).device).toBe('online');
  });

  it('fault: a torn file of the card the state file holds inside stops boot with a SyntaxError; the reader comes up faulted instead', async () => {
    const stateFile = join(dir, 'card-reader.json');
    writeFileSync(
      stateFile,
      JSON.stringify({ format: 1, position: 'inReader', cardId: 'zhang', captured: [], captureBinCount: 0 }),
    );
    const reader = await boot(stateFile);
    expect(reader.cardPosition()).toBe('inReader');
    expect(reader.status()).toMatchObject({
      device: 'hardwareError',
      fault: { code: ErrorCode.DEVICE_HARDWARE_ERROR },
    });
    // its chip does not answer (not on the contacts); the card can still be taken into the bin
    await expect(reader.readCard()).rejects.toMatchObject({ code: expect.any(String) });
    await reader.retract();
    expect(reader.cardPosition()).toBe('none');
    expect(readFileSync(tornFile, 'utf8')).toBe(TORN);
  });
});
