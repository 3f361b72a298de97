/**
 * The fault: a dispenser that takes PRESENT or RETRACT and then keeps repeating an earlier answer
 * (another command's frame, as after an ACK of ours it did not hear) instead of answering. Each
 * repeat gave the line a whole answer time again, so the act never ended, and the withdrawal,
 * which waits for the dispenser's answer (its presenting and retracting steps have no timer),
 * waited with it. Now the answer time runs from the command (and from a NAK): the repeats get no
 * time of their own and the act fails DEVICE_TIMEOUT.
 */
import { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { ACK, EOT, LcdmCommand, encodeFrame } from './cash-dispenser.protocol.js';
import { LcdmSerialLine } from './lcdm-serial-line.js';

const ANSWER_MS = 100;
/** far beyond the answer time: an act still waiting then would wait for ever */
const GIVE_UP_MS = 3_000;

/** A status answer (comm, error "good", two sensor bytes) repeated instead of the answer asked for. */
const OLD_ANSWER = encodeFrame('response', LcdmCommand.STATUS, [0x30, 0x30, 0x30, 0x30]);

let timers: NodeJS.Timeout[] = [];
afterEach(() => {
  for (const t of timers) clearInterval(t);
  timers = [];
});

/** The device end: ACKs every command, then repeats the old answer every 10 ms. */
function repeatingDevice(): Duplex {
  const device: Duplex = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      if (chunk[0] === EOT) {
        device.push(Buffer.of(ACK));
        timers.push(setInterval(() => device.push(OLD_ANSWER), 10));
      }
      done();
    },
  });
  return device;
}

describe('fault: the dispenser repeats an old answer instead of answering', () => {
  it.each([
    ['PRESENT', LcdmCommand.PRESENT],
    ['RETRACT', LcdmCommand.RETRACT],
  ])('%s ends with DEVICE_TIMEOUT within its answer time, the repeats notwithstanding', async (_, cmd) => {
    const line = new LcdmSerialLine(repeatingDevice(), { ackTimeoutMs: ANSWER_MS });
    let stillWaiting: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      line.transact(cmd, [], ANSWER_MS).then(
        () => 'answered',
        (error: unknown) => error,
      ),
      new Promise((resolve) => {
        stillWaiting = setTimeout(() => resolve('still waiting'), GIVE_UP_MS);
      }),
    ]);
    clearTimeout(stillWaiting);
    expect(outcome).toMatchObject({ code: ErrorCode.DEVICE_TIMEOUT, details: { phase: 'response' } });
  });
});
