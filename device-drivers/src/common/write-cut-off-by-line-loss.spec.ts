/**
 * Fault: a command written as its serial line went down was never settled, and every exchange
 * queued behind it waited for good. A port closing (the far end hung up, an adapter pulled) keeps
 * a write handed to it meanwhile until it opens again (`serialport` defers a write on a port not
 * open), which a lost port never does: the write's callback never came, the exchange under way
 * never ended, and the cash dispenser (the PIN pad, the ID card reader: the same line) stayed
 * offline once its line was opened again, no command reaching it (the LCDM's notes left at the
 * slot across a hang-up, test/cash-dispenser, timed out now and then on a loaded machine). Now a
 * write under way when the line is lost is refused at the loss with the caller's coded error.
 *
 * The port is an in-memory duplex that holds every write it is handed, as a closing port does.
 */
import { Duplex } from 'node:stream';
import { describe, expect, it, jest } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { SerialAnswerLine } from './serial-answer-line.js';
import type { SerialFrameDecoder } from './serial-frame-reader.js';
import { onSimulatedClock, settle } from './simulated-clock.spec-support.js';

/** Every chunk is one item: its text. */
const textDecoder = (): SerialFrameDecoder<string> => ({
  pending: 0,
  push: (chunk: Buffer) => [chunk.toString('latin1')],
  flushTorn: () => [],
});

/** A port that takes writes and never finishes one (closing: it waits to be opened again). */
function closingPort() {
  const held: string[] = [];
  const stream = new Duplex({
    read() {},
    write(chunk: Buffer) {
      held.push(chunk.toString('latin1'));
    },
  });
  return { stream, held };
}

/** A port that writes at once; `answer` pushes the device's bytes. */
function answeringPort() {
  const written: string[] = [];
  const stream = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString('latin1'));
      done();
    },
  });
  return { stream, written, answer: (text: string) => stream.push(Buffer.from(text, 'latin1')) };
}

const lineDown = () => new KioskError(ErrorCode.DEVICE_OFFLINE, 'The line is down.');
const REOPEN_MS = 1_000;
const ANSWER_MS = 1_000;

let line: SerialAnswerLine<string> | undefined;

onSimulatedClock(async () => {
  await line?.close();
  line = undefined;
});

describe('fault: write-cut-off-by-line-loss', () => {
  it('the write under way as the port closes is refused coded at the loss, and the next exchange runs on the line opened again', async () => {
    const lost = closingPort();
    const back = answeringPort();
    line = new SerialAnswerLine<string>(lost.stream, {
      decoder: textDecoder,
      lineDown,
      reconnectMs: REOPEN_MS,
      reopen: () => Promise.resolve(back.stream),
    });
    const opened = line;
    const restored = new Promise<void>((resolve) => opened.onRestored(resolve));
    let outcome: unknown = 'not settled';
    const underWay = opened
      .exchange(() => opened.write(Buffer.from('cmd'), lineDown))
      .then(
        () => 'written',
        (error: unknown) => error,
      )
      .then((settled) => (outcome = settled));

    await settle();
    expect(lost.held).toEqual(['cmd']); // handed to the port
    lost.stream.destroy(); // the port closes, the write still held
    await settle();
    expect(opened.lost).toBe(true);
    expect(outcome).toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
    await underWay;

    await jest.advanceTimersByTimeAsync(REOPEN_MS);
    await restored;
    const answered = opened.exchange(async () => {
      const answer = opened.next(() => true, ANSWER_MS);
      await opened.write(Buffer.from('again'), lineDown);
      return answer;
    });
    await settle();
    expect(back.written).toEqual(['again']);
    back.answer('ok');
    await settle();
    expect(await answered).toBe('ok');
  });
});
