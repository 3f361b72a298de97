/**
 * Fault: a STATUS the cash dispenser answered after its answer time was taken as the answer to the
 * next STATUS. An LCDM answer names its command but not which sending of it: the line dropped an
 * answer of another command as a late one, yet a late STATUS answer read during the next STATUS
 * was taken as its own, one stale read (a cassette pulled meanwhile read as still in). Now, after a
 * command that moves no notes was ACKed and its answer timed out, the next command first waits (up
 * to that answer time) for the late answer and drops it; a dispenser silent through that wait
 * (its ACKs say a command was taken, not that an answer comes) is not waited on again until it is
 * heard answering (`LateAnswers`).
 *
 * The dispenser is played by hand over an in-memory line on a simulated clock
 * (`handPlayedDispenser`): `hold()` keeps its answers back (a dispenser slow to answer).
 */
import { describe, expect, it, jest } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { onSimulatedClock, refusedAfter, settle } from '../common/simulated-clock.spec-support.js';
import { LcdmCommand, Sensor1 } from './cash-dispenser.protocol.js';
import { handPlayedDispenser } from './lcdm-hand-played-dispenser.spec-support.js';
import { LcdmSerialLine } from './lcdm-serial-line.js';
import { decodeLcdmStatus } from './lcdm-status.js';

const ANSWER_MS = 1_000;

let line: LcdmSerialLine | undefined;

onSimulatedClock(async () => {
  await line?.close();
  line = undefined;
});

const status = (line: LcdmSerialLine) => line.transact(LcdmCommand.STATUS, [], ANSWER_MS);
const upperIn = (data: Buffer) => decodeLcdmStatus(data).sensors.upper.present;

describe('fault: lcdm-late-status-answer-taken-by-next-status', () => {
  it('a STATUS answered after its answer time: the next STATUS reads its own answer (the cassette pulled meanwhile), not the late one', async () => {
    const dispenser = handPlayedDispenser();
    line = new LcdmSerialLine(dispenser.stream);
    dispenser.hold();
    await refusedAfter(status(line), ANSWER_MS, ErrorCode.DEVICE_TIMEOUT);

    dispenser.sensors.s1 = Sensor1.UPPER_CASSETTE_ABSENT; // pulled
    const next = status(line);
    await settle();
    await jest.advanceTimersByTimeAsync(ANSWER_MS / 4);
    dispenser.release(); // the first STATUS answered at last, the cassette still in then
    await settle();
    expect(upperIn((await next).data)).toBe(false);
    // and the one after it too: nothing left behind
    expect(upperIn((await status(line)).data)).toBe(false);
    expect(dispenser.asked).toEqual([LcdmCommand.STATUS, LcdmCommand.STATUS, LcdmCommand.STATUS]);
  });

  it('a dispenser that takes commands (ACK) and answers none is waited on for its late answer once, not before every command', async () => {
    const dispenser = handPlayedDispenser();
    line = new LcdmSerialLine(dispenser.stream);
    dispenser.hold(); // never released
    await refusedAfter(status(line), ANSWER_MS, ErrorCode.DEVICE_TIMEOUT);

    const second = status(line);
    // its late answer waited for first: the command goes once that wait is over, not before
    await jest.advanceTimersByTimeAsync(ANSWER_MS - 1);
    await settle();
    expect(dispenser.asked).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await settle(); // the command sent, its ACK read
    expect(dispenser.asked).toHaveLength(2);
    await refusedAfter(second, ANSWER_MS, ErrorCode.DEVICE_TIMEOUT);

    // silent through that wait (its ACKs say nothing of answers): the command goes at once
    await refusedAfter(status(line), ANSWER_MS, ErrorCode.DEVICE_TIMEOUT);
    expect(dispenser.asked).toHaveLength(3);
  });
});
