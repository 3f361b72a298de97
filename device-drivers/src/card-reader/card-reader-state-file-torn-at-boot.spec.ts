/**
 * Fault: the emulated card reader's state file found empty (its write outlived by a power cut: the
 * rename kept, the data not), torn, or unreadable when the daemon starts. It says where a resident's
 * card is (in the reader, at the slot, in the capture bin), so it is never read as an empty reader:
 * making the reader stops with DEVICE_HARDWARE_ERROR naming the file, why it does not read, and what
 * staff do; the file is left as it is. Written through `writeKeptFile` it is flushed before it
 * replaces the old one, so a power cut leaves the state before the move or after it (the flush
 * itself: `kept-file-not-flushed-before-rename`). Real files, the reader as the daemon makes it.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { readerAcrossRestarts } from './reader-across-restarts.spec-support.js';

describe('card-reader-state-file-torn-at-boot', () => {
  const r = readerAcrossRestarts('card-reader-state-torn-');

  it.each([
    ['empty (a power cut after the rename, before the data)', '', /it is empty/],
    ['torn', '{"format":1,"position":"inReader","cardId":"zh', /not JSON: torn/],
  ])(
    'card-reader-state-file-torn-at-boot: %s: boot stops naming the file and why, the file kept',
    async (_what, text, why) => {
      writeFileSync(r.file, text);
      const boot = r.boot();
      await expect(boot).rejects.toMatchObject({
        code: ErrorCode.DEVICE_HARDWARE_ERROR,
        details: { file: r.file },
      });
      const message = await boot.catch((e: Error) => e.message);
      expect(message).toContain(r.file);
      expect(message).toMatch(why);
      expect(message).toMatch(/Look for a card in the reader, at its slot and in its capture bin/);
      expect(readFileSync(r.file, 'utf8')).toBe(text);
    },
  );

  it('card-reader-state-file-unreadable-at-boot: a folder in its place stops boot, it cannot be read', async () => {
    mkdirSync(r.file);
    await expect(r.boot()).rejects.toMatchObject({
      code: ErrorCode.DEVICE_HARDWARE_ERROR,
      details: { file: r.file },
      message: expect.stringMatching(/cannot be read/),
    });
  });

  it('each move is in the file whole, with no temporary file left beside it', async () => {
    const reader = await r.boot();
    await reader.insertCard('zhang');
    await reader.eject();
    expect(JSON.parse(readFileSync(r.file, 'utf8'))).toMatchObject({ position: 'atSlot', cardId: 'zhang' });
    expect(readdirSync(dirname(r.file))).toEqual(['card-reader.json']);
  });
});
