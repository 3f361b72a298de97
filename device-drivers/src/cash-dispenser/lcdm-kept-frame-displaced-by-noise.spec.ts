/**
 * Fault: line noise read after the LCDM line's kept items were full of frames let go of a frame to
 * keep the noise. A transaction keeps at most `LCDM_KEPT_AT_MOST` items, noise let go before
 * frames (4602339); but with only frames kept (answers read while an ACK was awaited: the
 * command's own, its ACK lost, and late repeats of earlier ones), a stray byte or torn frame that
 * came next took the place of the oldest frame, which could be the command's own answer: the
 * answer wait then found none and the command read unanswered. Now noise never takes a frame's
 * place: with no noise kept, it is let go itself.
 */
import { describe, expect, it } from '@jest/globals';
import { LcdmCommand, type DecodedItem } from './cash-dispenser.protocol.js';
import { LCDM_KEPT_AT_MOST, LcdmKeptItems } from './lcdm-kept-items.js';

const frame = (cmd: number): DecodedItem => ({ type: 'frame', frame: { cmd, data: Buffer.of(0x30) } });
const isStatus = (item: DecodedItem) => item.type === 'frame' && item.frame.cmd === LcdmCommand.STATUS;

describe('fault: lcdm-kept-frame-displaced-by-noise', () => {
  it('the STATUS answer read while its ACK was awaited stays kept when noise comes after frames filled the items', () => {
    const kept = new LcdmKeptItems();
    kept.transaction(true);
    kept.keep(frame(LcdmCommand.STATUS)); // its ACK lost, the answer read before the ACK wait ended
    for (let i = 1; i < LCDM_KEPT_AT_MOST; i += 1) kept.keep(frame(LcdmCommand.PRESENTER_STATUS));
    kept.keep({ type: 'error', reason: 'garbage' });
    kept.keep({ type: 'nak' });

    expect(kept.size).toBe(LCDM_KEPT_AT_MOST);
    expect(kept.take(isStatus)).toEqual(frame(LcdmCommand.STATUS));
    expect(kept.take((item) => item.type !== 'frame')).toBeUndefined();
  });

  it('guard: noise kept is let go first, the oldest of it, and a frame past the bound takes the oldest frame', () => {
    const kept = new LcdmKeptItems();
    kept.transaction(true);
    kept.keep({ type: 'ack' });
    kept.keep(frame(LcdmCommand.STATUS));
    for (let i = 2; i < LCDM_KEPT_AT_MOST; i += 1) kept.keep(frame(LcdmCommand.PRESENTER_STATUS));
    kept.keep({ type: 'nak' }); // the ACK goes, the NAK is kept
    expect(kept.take((item) => item.type === 'ack')).toBeUndefined();
    expect(kept.take((item) => item.type === 'nak')).toEqual({ type: 'nak' });

    kept.keep({ type: 'nak' });
    kept.keep(frame(LcdmCommand.PURGE)); // the NAK goes first
    expect(kept.take((item) => item.type === 'nak')).toBeUndefined();
    kept.keep(frame(LcdmCommand.ROM_VERSION)); // only frames: the oldest goes
    expect(kept.take(isStatus)).toBeUndefined();
    expect(kept.size).toBe(LCDM_KEPT_AT_MOST);
  });
});
