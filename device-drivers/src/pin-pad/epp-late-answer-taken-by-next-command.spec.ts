/**
 * Fault: an answer the PIN pad sent too late for its command was taken as the answer to the next
 * command. An SZZT answer is a status byte and data: it does not say which command it answers, so
 * the line matched answers to commands by order only, and one answer that outlasted the answer time
 * left the line one answer behind: the next command read the late one as its own (the pad's
 * self-description read as a PIN answer, a close's OK as the self-description). Now, after an
 * answer timed out, the next command first waits (up to the answer time) for that late answer and
 * drops it (wiped, as every answer nobody waits for); a pad that stays silent is not waited on again
 * until it is heard. The pad is played by hand over an in-memory line on a simulated clock,
 * answering one command at a time, in order: held, its answers wait until released.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { onSimulatedClock, refusedAfter, settle } from '../common/simulated-clock.spec-support.js';
import { EppSerialLine } from './epp-serial-line.js';
import { handPlayedPad } from './epp-hand-played-pad.spec-support.js';
import { EppCommand, EppStatus, encodeEppAnswer } from './epp.protocol.js';

const ANSWER_MS = 1_000;
const INFO = 'ZT598 V1.0';

/** A pad answering each command in turn; held, its answers wait until `release()`. */
function slowPad() {
  const queued: Buffer[] = [];
  const heard: string[] = [];
  const state: { held: boolean; send?: (bytes: Buffer) => void } = { held: false };
  const release = () => {
    state.held = false;
    for (const answer of queued.splice(0)) state.send?.(answer);
  };
  const stream = handPlayedPad((command, send) => {
    heard.push(command);
    state.send = send;
    queued.push(encodeEppAnswer(EppStatus.OK, command === EppCommand.DEVICE_INFO ? INFO : ''));
    if (!state.held) release();
  });
  return { stream, heard, hold: () => (state.held = true), release };
}

let line: EppSerialLine | undefined;

onSimulatedClock(async () => {
  await line?.close();
  line = undefined;
});

describe('fault: epp-late-answer-taken-by-next-command', () => {
  it("a self-description that outlasts the answer time: the keypad's close gets its own answer, not it", async () => {
    const pad = slowPad();
    line = new EppSerialLine(pad.stream, { answerTimeoutMs: ANSWER_MS });
    pad.hold();
    await refusedAfter(line.transact(EppCommand.DEVICE_INFO), ANSWER_MS, ErrorCode.DEVICE_TIMEOUT);

    const close = line.transact(EppCommand.CLOSE_KEYPAD);
    await settle();
    await jest.advanceTimersByTimeAsync(ANSWER_MS / 4);
    pad.release(); // the self-description at last
    await settle();
    const answer = await close;
    expect(answer.status).toBe(EppStatus.OK);
    expect(answer.data.toString('latin1')).toBe('');
    expect(pad.heard).toEqual([EppCommand.DEVICE_INFO, EppCommand.CLOSE_KEYPAD]);
  });

  it('a pad that stays silent is waited on for its late answer once, not before every command', async () => {
    const pad = slowPad();
    line = new EppSerialLine(pad.stream, { answerTimeoutMs: ANSWER_MS });
    pad.hold(); // never released: the pad is silent
    const silentFor = (ms: number) =>
      refusedAfter(line!.transact(EppCommand.DEVICE_INFO), ms, ErrorCode.DEVICE_TIMEOUT);
    await silentFor(ANSWER_MS);
    await silentFor(2 * ANSWER_MS); // its late answer waited for, then the command's own time
    await silentFor(ANSWER_MS); // silent since: the command goes at once
    expect(pad.heard).toHaveLength(3);
  });
});
