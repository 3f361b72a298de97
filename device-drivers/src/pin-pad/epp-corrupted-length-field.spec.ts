/**
 * Fault: an EPP frame whose length field came corrupted had the rest of its bytes read as key
 * presses. The decoder dropped the frame's STX and read on: its length digits, its text (a status
 * byte '0', a "get PIN" answer's hex digits) and its check digits are all digit keys to it. The
 * driver ignored them at those moments (the keypad not open, or deaf after enter), but a line must
 * not turn a frame into keys. Now a frame whose length is not three digits in bounds, or whose ETX
 * is not where its length puts it, is one coded error (its command sent again), and its rest, up to
 * the next frame's STX or the line's quiet, is dropped: never keys. The decoder, then the line over
 * an in-memory duplex with the pad played by hand, on a simulated clock.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { handPlayedPad } from './epp-hand-played-pad.spec-support.js';
import { EppSerialLine } from './epp-serial-line.js';
import {
  EppCommand,
  EppDecoder,
  EppKey,
  EppStatus,
  encodeEppAnswer,
  encodePinDigits,
  type EppItem,
  type EppKeyKind,
} from './epp.protocol.js';

const pinAnswer = () => encodeEppAnswer(EppStatus.OK, encodePinDigits([1, 2, 3, 4]));

/** The "get PIN" answer with its three length digits replaced. */
function withLength(digits: string): Buffer {
  const frame = pinAnswer();
  frame.write(digits, 1, 'latin1');
  return frame;
}

const shown = (items: readonly EppItem[]) =>
  items.map((i) => (i.type === 'frame' ? 'frame' : i.type === 'key' ? `key:${i.key}` : i.reason));

describe('fault: EPP corrupted length field, the decoder', () => {
  it.each([
    ['a length digit that is no digit', 'p10'],
    ['a length over the bound', '999'],
    ['a length of zero', '000'],
  ])('%s: one badLength error, and none of the frame read as keys', (_case, digits) => {
    const d = new EppDecoder();
    expect(shown(d.push(withLength(digits)))).toEqual(['badLength']);
  });

  it('a length shorter than the text (its ETX not where the length puts it): one error, none of the rest read as keys', () => {
    const d = new EppDecoder();
    const frame = pinAnswer();
    expect(frame.subarray(1, 4).toString('latin1')).toBe('013');
    expect(shown(d.push(withLength('009')))).toEqual(['badCheck']);
  });

  it('the spoiled frame coming in pieces: none of its later pieces are keys either', () => {
    const d = new EppDecoder();
    const frame = withLength('9x9');
    expect(shown(d.push(frame.subarray(0, 6)))).toEqual(['badLength']);
    expect(shown(d.push(frame.subarray(6)))).toEqual([]);
  });

  it('a good frame after the spoiled one in the same read is read whole', () => {
    const d = new EppDecoder();
    expect(shown(d.push(Buffer.concat([withLength('999'), pinAnswer()])))).toEqual(['badLength', 'frame']);
  });

  it('once the line went quiet (the inter-byte gap flushed), a key press is a key again', () => {
    const d = new EppDecoder();
    d.push(withLength('999'));
    expect(d.pending).toBeGreaterThan(0); // the line watches the gap: the spoiled frame's rest may still come
    expect(d.flushTorn()).toEqual([]); // its error was told already
    expect(shown(d.push(Buffer.of(EppKey.MASK, EppKey.ENTER)))).toEqual(['key:digit', 'key:enter']);
  });
});

/** The line's end of a pad that answers "get PIN" first with `first`, then rightly. */
function padFirstAnswering(first: Buffer) {
  const heard: string[] = [];
  const end = handPlayedPad((command, send) => {
    heard.push(command);
    send(heard.length === 1 ? first : pinAnswer());
  });
  return { end, heard };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
let line: EppSerialLine | undefined;

beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
});

afterEach(async () => {
  jest.useRealTimers();
  await line?.close();
  line = undefined;
});

describe('fault: EPP corrupted length field, the line', () => {
  it.each([
    ['no digit', 'p13'],
    ['over the bound', '999'],
    ['shorter than the text', '009'],
  ])(
    'the "get PIN" answer with its length %s: asked again, the answer read, no key press told',
    async (_case, digits) => {
      const pad = padFirstAnswering(withLength(digits));
      line = new EppSerialLine(pad.end, { interByteTimeoutMs: 50 });
      const keys: EppKeyKind[] = [];
      line.onKey((key) => keys.push(key));
      const answer = await line.transact(EppCommand.GET_PIN);
      expect(answer.status).toBe(EppStatus.OK);
      expect(answer.data.toString('latin1')).toBe(encodePinDigits([1, 2, 3, 4]).toString('latin1'));
      expect(pad.heard).toEqual([EppCommand.GET_PIN, EppCommand.GET_PIN]);
      await settle();
      expect(keys).toEqual([]);

      // the line quiet past its inter-byte gap: a key pressed then is told
      await jest.advanceTimersByTimeAsync(50);
      pad.end.push(Buffer.of(EppKey.ENTER));
      await settle();
      await settle();
      expect(keys).toEqual(['enter']);
    },
  );
});
