/**
 * Fault: an answer the ID card reader sent too late for its command was taken as the answer to the
 * next command. A GA 467 answer is SW1 SW2 SW3 and data: it does not say which command it answers,
 * so the line matched answers to commands by order only, and a read of the base message that
 * outlasted the answer time (a SAM module reading a card takes about a second) left the line one
 * answer behind: the next find card read "90" and the card's whole base message as its own. Now,
 * after an answer timed out, the next command first waits (up to the answer time) for that late
 * answer and drops it; a reader that stays silent is not waited on again until it is heard.
 *
 * The reader is played by hand over an in-memory line on a simulated clock, answering its commands
 * one at a time and in order, as a module does: `hold()` keeps its answers back (a slow card read).
 */
import { Duplex } from 'node:stream';
import { describe, expect, it, jest } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import {
  heldAnswers,
  onSimulatedClock,
  refusedAfter,
  settle,
} from '../common/simulated-clock.spec-support.js';
import { Ga467SerialLine } from './ga467-serial-line.js';
import { EMULATED_ID_CARDS } from './emulated-id-cards.js';
import { idCardToBaseMessageText } from './id-card-fields.js';
import {
  encodeBaseMessage,
  encodeIdAnswer,
  IdFrameDecoder,
  IdReaderCommand,
  IdReaderStatus,
} from './id-reader.protocol.js';

const ANSWER_MS = 1_000;

/** A module answering each command in turn; held, its answers wait until `release()`. */
function handPlayedReader() {
  const card = Object.values(EMULATED_ID_CARDS)[0]!;
  const decoder = new IdFrameDecoder();
  const written: string[] = [];
  const answers = heldAnswers((answer) => stream.push(answer));
  const stream = new Duplex({
    read() {},
    write(chunk: Buffer, _encoding, done) {
      for (const item of decoder.push(chunk)) {
        if (item.type !== 'frame') continue;
        const command = item.body.subarray(0, 2).toString('hex');
        written.push(command);
        answers.answer(
          command === '3001'
            ? encodeIdAnswer(IdReaderStatus.OK, encodeBaseMessage(idCardToBaseMessageText(card), card.photo))
            : encodeIdAnswer(IdReaderStatus.CARD_FOUND, Buffer.alloc(4)),
        );
      }
      done();
    },
  });
  return { stream, written, hold: answers.hold, release: answers.release };
}

let line: Ga467SerialLine | undefined;

onSimulatedClock(async () => {
  await line?.close();
  line = undefined;
});

describe('fault: ga467-late-answer-taken-by-next-command', () => {
  it("a base message read that outlasts the answer time: the next find card gets its own answer, not the read's", async () => {
    const reader = handPlayedReader();
    line = new Ga467SerialLine(reader.stream, { answerTimeoutMs: ANSWER_MS });
    reader.hold();
    await refusedAfter(line.transact(IdReaderCommand.READ_BASE_MESSAGE), ANSWER_MS, ErrorCode.DEVICE_TIMEOUT);

    const find = line.transact(IdReaderCommand.FIND_CARD);
    await settle();
    await jest.advanceTimersByTimeAsync(ANSWER_MS / 4);
    reader.release(); // the card read at last, its answer coming now
    await settle();
    const answer = await find;
    expect(answer.sw3).toBe(IdReaderStatus.CARD_FOUND);
    expect(answer.data).toHaveLength(4);
    expect(reader.written).toEqual(['3001', '2001']);
  });

  it('a reader that stays silent is waited on for its late answer once, not before every command', async () => {
    const reader = handPlayedReader();
    line = new Ga467SerialLine(reader.stream, { answerTimeoutMs: ANSWER_MS });
    reader.hold(); // never released: the module is silent
    const silentFor = (command: readonly [number, number], ms: number) =>
      refusedAfter(line!.transact(command), ms, ErrorCode.DEVICE_TIMEOUT);
    await silentFor(IdReaderCommand.FIND_CARD, ANSWER_MS);
    // its late answer waited for, then the command's own answer time
    await silentFor(IdReaderCommand.FIND_CARD, 2 * ANSWER_MS);
    // silent since: the command goes at once
    await silentFor(IdReaderCommand.FIND_CARD, ANSWER_MS);
    expect(reader.written).toEqual(['2001', '2001', '2001']);
  });
});
