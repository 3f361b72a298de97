/**
 * The serial answer line shared by the PIN pad, the ID card reader and the cash dispenser, one unit
 * on a simulated clock: its faults (a torn frame flushed after the inter-byte gap, the line lost
 * while an answer is awaited, a write refused, an answer arriving after its waiter gave up) each end
 * in a coded outcome or an item handed on, never in a waiter left hanging or bytes read twice. The
 * device is played by hand over an in-memory duplex with a toy framing: `<text>` a frame, any other
 * byte outside one noise. The devices' own faults over real pseudo terminals: test/pin-pad,
 * test/id-reader, test/cash-dispenser and test/common.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { SerialAnswerLine } from './serial-answer-line.js';
import {
  ANSWER_MS,
  deviceLine,
  frames,
  GAP_MS,
  lineDown,
  openToyLine,
  settle,
  type ToyItem,
} from './serial-answer-line.spec-support.js';

let line: SerialAnswerLine<ToyItem> | undefined;

beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
});

afterEach(async () => {
  jest.useRealTimers();
  await line?.close();
  line = undefined;
});

function openLine(...args: Parameters<typeof openToyLine>) {
  const opened = openToyLine(...args);
  line = opened.line;
  return opened;
}

describe('fault: torn frame flushed after the inter-byte gap', () => {
  it('a frame cut short is handed to the waiter as torn once the gap passes, and its bytes are never read as noise or joined to the next frame', async () => {
    const device = deviceLine();
    const { line, unawaited } = openLine(device.stream);
    const answer = line.next(frames, ANSWER_MS);
    device.answer('<12');
    await settle();
    await jest.advanceTimersByTimeAsync(GAP_MS - 1);
    device.answer('3'); // still within the gap: the same frame goes on
    await settle();
    await jest.advanceTimersByTimeAsync(GAP_MS);
    expect(await answer).toEqual({ type: 'torn' });
    expect(unawaited).toEqual([]);

    const next = line.next(frames, ANSWER_MS);
    device.answer('45>'); // the torn frame's rest: noise, not a frame "12345"
    device.answer('<ok>');
    await settle();
    expect(await next).toEqual({ type: 'frame', text: 'ok' });
    expect(unawaited).toEqual([
      { type: 'noise', byte: '4' },
      { type: 'noise', byte: '5' },
      { type: 'noise', byte: '>' },
    ]);
  });

  it('bytes coming within the gap each time are one frame, however slowly it comes whole', async () => {
    const device = deviceLine();
    const { line } = openLine(device.stream);
    const answer = line.next(frames, ANSWER_MS);
    for (const byte of '<slow>') {
      device.answer(byte);
      await settle();
      await jest.advanceTimersByTimeAsync(GAP_MS - 1);
    }
    expect(await answer).toEqual({ type: 'frame', text: 'slow' });
  });
});

describe('fault: line lost while an answer is awaited', () => {
  it('the waiter gets no answer at once (not at its timeout), the loss is told once with the coded error, and the line reads lost', async () => {
    const device = deviceLine();
    const { line, lost } = openLine(device.stream);
    const answer = line.next(frames, ANSWER_MS);
    device.stream.destroy();
    await settle();
    expect(await answer).toBeNull();
    expect(line.lost).toBe(true);
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
    // asked again while lost: no wait, and a write is refused coded, never sent
    expect(await line.next(frames, ANSWER_MS)).toBeNull();
    await expect(line.write(Buffer.from('<cmd>'), lineDown)).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OFFLINE,
    });
    expect(device.written).toEqual([]);
  });

  it('opened again: the new port answers through a new decoder (a half frame read before the loss is not joined to it)', async () => {
    const first = deviceLine();
    const second = deviceLine();
    const { line } = openLine(first.stream, { reopen: () => Promise.resolve(second.stream) });
    const restored = new Promise<void>((resolve) => line.onRestored(resolve));
    first.answer('<half');
    await settle();
    first.stream.destroy();
    await settle();
    await jest.advanceTimersByTimeAsync(1_000);
    await restored;
    expect(line.lost).toBe(false);
    const answer = line.next(frames, ANSWER_MS);
    await line.write(Buffer.from('<cmd>'), lineDown);
    second.answer('<ok>');
    await settle();
    expect(await answer).toEqual({ type: 'frame', text: 'ok' });
    expect(second.written).toEqual(['<cmd>']);
  });
});

describe('fault: write refused, port closed', () => {
  it("a write the port refuses rejects with the caller's coded error and loses the line: the awaited answer ends, the loss told", async () => {
    const device = deviceLine();
    const { line, lost } = openLine(device.stream);
    const answer = line.next(frames, ANSWER_MS);
    device.state.refuse = true;
    const refused = () => new KioskError(ErrorCode.DEVICE_OFFLINE, 'refused in the response phase');
    await expect(line.write(Buffer.from('<cmd>'), refused)).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OFFLINE,
      message: 'refused in the response phase',
    });
    expect(await answer).toBeNull();
    expect(line.lost).toBe(true);
    expect(lost).toHaveLength(1);
  });

  it('a port closed under the line: the next write is refused coded, nothing written', async () => {
    const device = deviceLine();
    const { line } = openLine(device.stream);
    device.stream.destroy();
    await settle();
    await expect(line.write(Buffer.from('<cmd>'), lineDown)).rejects.toMatchObject({
      code: ErrorCode.DEVICE_OFFLINE,
    });
    expect(device.written).toEqual([]);
  });
});

describe('fault: answer arriving after its waiter gave up', () => {
  it('the waiter ends with no answer at its timeout; the late answer goes to `unawaited`, not to a waiter', async () => {
    const device = deviceLine();
    const { line, unawaited } = openLine(device.stream);
    const answer = line.next(frames, ANSWER_MS);
    await jest.advanceTimersByTimeAsync(ANSWER_MS);
    expect(await answer).toBeNull();
    device.answer('<late>');
    await settle();
    expect(unawaited).toEqual([{ type: 'frame', text: 'late' }]);
    expect(line.lost).toBe(false);
  });

  it('a waiter replaced by a newer one ends at once; its timer never ends the newer one', async () => {
    const device = deviceLine();
    const { line } = openLine(device.stream);
    const given = line.next(frames, ANSWER_MS);
    await jest.advanceTimersByTimeAsync(ANSWER_MS / 2);
    const newer = line.next(frames, ANSWER_MS);
    expect(await given).toBeNull();
    await jest.advanceTimersByTimeAsync(ANSWER_MS / 2); // the first waiter's time is up
    device.answer('<mine>');
    await settle();
    expect(await newer).toEqual({ type: 'frame', text: 'mine' });
  });
});

describe('fault: device back from silence waited on for an answer it never owed', () => {
  it('a command asked while the device was silent owes nothing once the device answers again: the next catch-up is at once', async () => {
    const device = deviceLine();
    const { line } = openLine(device.stream);
    expect(await timedOut(line.next(frames, ANSWER_MS))).toBeNull(); // its answer owed
    await caughtUpAfter(line, ANSWER_MS); // never came: the device is silent
    expect(await timedOut(line.next(frames, ANSWER_MS))).toBeNull(); // asked while silent
    await caughtUpAfter(line, 0); // silent: not waited on again

    const answered = line.next(frames, ANSWER_MS);
    device.answer('<back>');
    await settle();
    expect(await answered).toEqual({ type: 'frame', text: 'back' });
    await caughtUpAfter(line, 0); // heard again, nothing owed: no wait
  });
});

/** A wait left to its timeout. */
async function timedOut<T>(waiting: Promise<T>): Promise<T> {
  await jest.advanceTimersByTimeAsync(ANSWER_MS);
  return waiting;
}

/** `line.catchUp(ANSWER_MS)` ends once `ms` pass on the simulated clock, not a millisecond before. */
async function caughtUpAfter(line: SerialAnswerLine<ToyItem>, ms: number): Promise<void> {
  let ended = false;
  const caughtUp = line.catchUp(ANSWER_MS).then(() => (ended = true));
  if (ms > 0) {
    await jest.advanceTimersByTimeAsync(ms - 1);
    expect(ended).toBe(false);
  }
  await jest.advanceTimersByTimeAsync(ms > 0 ? 1 : 0);
  await settle();
  expect(ended).toBe(true);
  await caughtUp;
}

describe('the items a waiter does not take', () => {
  it('go to `unawaited` in order while the waiter waits on for its own', async () => {
    const device = deviceLine();
    const { line, unawaited } = openLine(device.stream);
    const answer = line.next(frames, ANSWER_MS);
    device.answer('ab<x>c');
    await settle();
    expect(await answer).toEqual({ type: 'frame', text: 'x' });
    expect(unawaited.map((i) => (i.type === 'noise' ? i.byte : i.type))).toEqual(['a', 'b', 'c']);
  });

  it('with wipeReceived, each chunk read is zeroed once decoded (a line carrying a PIN)', async () => {
    const device = deviceLine();
    const seen: Buffer[] = [];
    device.stream.on('data', (chunk: Buffer) => seen.push(chunk));
    const { line } = openLine(device.stream, { wipeReceived: true });
    const answer = line.next(frames, ANSWER_MS);
    device.answer('<1234>');
    await settle();
    expect(await answer).toEqual({ type: 'frame', text: '1234' });
    expect(seen.map((chunk) => [...chunk].every((b) => b === 0))).toEqual([true]);
  });
});

describe('one exchange at a time', () => {
  it('a second exchange starts only once the first has ended, failed ones included', async () => {
    const device = deviceLine();
    const { line } = openLine(device.stream);
    const order: string[] = [];
    const first = line.exchange(async () => {
      order.push('first began');
      const answer = await line.next(frames, ANSWER_MS);
      order.push('first ended');
      throw new KioskError(ErrorCode.DEVICE_TIMEOUT, answer === null ? 'no answer' : 'answered');
    });
    const second = line.exchange(() => {
      order.push('second began');
      return Promise.resolve('done');
    });
    await jest.advanceTimersByTimeAsync(ANSWER_MS);
    await expect(first).rejects.toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT });
    expect(await second).toBe('done');
    expect(order).toEqual(['first began', 'first ended', 'second began']);
  });
});
