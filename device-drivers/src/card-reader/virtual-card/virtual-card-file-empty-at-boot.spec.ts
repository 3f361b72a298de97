/**
 * Fault: a virtual card's memory file found empty at start (a power cut after the rename, before its
 * data reached the disk) or torn. It is the card's chip memory (its records, PIN tries, log), so it
 * is never made anew silently: that card alone is out of use with DEVICE_HARDWARE_ERROR naming its
 * file and why, the file left as it is, the other cards as they were (what the reader then shows:
 * `demo-card-file-torn`). Each save is flushed before it replaces the old file, readable by its
 * owner only, with no temporary file left. Real files.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { JsonFileCardStore, type CardMemory } from './card-memory.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'virtual-card-file-empty-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const memory = (cardId: string): CardMemory => ({
  format: 1,
  cardId,
  label: cardId,
  chipSerial: '00'.repeat(16),
  records: {},
  pin: null,
  pinTriesLeft: 3,
  log: [],
  unprinted: 0,
});

describe('virtual-card-file-empty-at-boot', () => {
  it.each([
    ['empty', '', /it is empty/],
    ['torn', '{"format":1,"cardId":"zha', /not JSON: torn/],
  ])(
    'virtual-card-file-empty-at-boot: a card file found %s: that card out of use naming its file, the others read',
    (_what, text, why) => {
      const store = new JsonFileCardStore(dir);
      store.save(memory('li'));
      const file = join(dir, 'zhang.card.json');
      writeFileSync(file, text);
      expect(() => store.load('zhang')).toThrow(
        expect.objectContaining({
          code: ErrorCode.DEVICE_HARDWARE_ERROR,
          details: { file, cardId: 'zhang' },
        }),
      );
      expect(() => store.load('zhang')).toThrow(why);
      expect(readFileSync(file, 'utf8')).toBe(text);
      expect(store.load('li')).toMatchObject({ cardId: 'li', pinTriesLeft: 3 });
    },
  );

  it('a saved card is whole, its owner only, with no temporary file left', () => {
    const store = new JsonFileCardStore(dir);
    store.save(memory('zhang'));
    store.save({ ...memory('zhang'), pinTriesLeft: 2 });
    expect(store.load('zhang')).toMatchObject({ pinTriesLeft: 2 });
    expect(statSync(join(dir, 'zhang.card.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['zhang.card.json']);
    expect(store.list()).toEqual(['zhang']);
  });
});
