/**
 * Fault: line noise on the cash dispenser's line was kept without bound. Every item read that no
 * wait took (a run of stray bytes, each stray ACK or NAK byte) was kept for the next wait, and only
 * the next transaction let them go: a noisy line on an idle kiosk (no heartbeat, a night without a
 * withdrawal) piled them up for hours, and a dispense's answer wait (a minute) kept every stray
 * ACK read in it. Now nothing is kept between transactions (a transaction starts with none), and a
 * transaction keeps at most `LCDM_KEPT_AT_MOST`, noise let go before frames.
 *
 * The dispenser is played by hand over an in-memory line (`handPlayedDispenser`), its lower
 * cassette out: `hold()` keeps its answers back, `noise()` sends stray bytes.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { onSimulatedClock, settle } from '../common/simulated-clock.spec-support.js';
import { ACK, LcdmCommand, NAK, Sensor1 } from './cash-dispenser.protocol.js';
import { handPlayedDispenser } from './lcdm-hand-played-dispenser.spec-support.js';
import { LCDM_KEPT_AT_MOST } from './lcdm-kept-items.js';
import { LcdmSerialLine } from './lcdm-serial-line.js';
import { decodeLcdmStatus } from './lcdm-status.js';

/** 3,000 stray bytes: one run of noise, 1,000 stray ACKs and 1,000 stray NAKs, 2,001 items */
const NOISE = Buffer.from(Array.from({ length: 3_000 }, (_, i) => [0x7f, ACK, NAK][i % 3]!));
/** 2,000 stray ACK and NAK bytes, no other: no answer to a command, none a spoiled answer */
const STRAY_ACKS = Buffer.from(Array.from({ length: 2_000 }, (_, i) => [ACK, NAK][i % 2]!));

let line: LcdmSerialLine | undefined;

onSimulatedClock(async () => {
  await line?.close();
  line = undefined;
});

const ANSWER_MS = 60_000;

function lowerOut() {
  const dispenser = handPlayedDispenser();
  dispenser.sensors.s1 = Sensor1.LOWER_CASSETTE_ABSENT;
  return dispenser;
}
const status = (line: LcdmSerialLine) => line.transact(LcdmCommand.STATUS, [], ANSWER_MS);
const lowerIn = (data: Buffer) => decodeLcdmStatus(data).sensors.lower.present;

describe('fault: lcdm-line-noise-kept-without-bound', () => {
  it('noise on an idle line is not kept: none held between transactions, and the next STATUS reads its own answer', async () => {
    const dispenser = lowerOut();
    line = new LcdmSerialLine(dispenser.stream);
    await status(line);
    for (let i = 0; i < 5; i += 1) {
      dispenser.noise(NOISE);
      await settle();
    }
    expect(line.kept).toBe(0);
    expect(lowerIn((await status(line)).data)).toBe(false);
  });

  it('stray ACKs and NAKs through a long answer wait are kept at most so much, and the answer after them is read', async () => {
    const dispenser = lowerOut();
    line = new LcdmSerialLine(dispenser.stream);
    dispenser.hold();
    const answered = status(line);
    await settle(); // the command sent, its ACK read
    for (let i = 0; i < 5; i += 1) {
      dispenser.noise(STRAY_ACKS);
      await settle();
      await jest.advanceTimersByTimeAsync(ANSWER_MS / 10);
    }
    expect(line.kept).toBeGreaterThan(0);
    expect(line.kept).toBeLessThanOrEqual(LCDM_KEPT_AT_MOST);
    dispenser.release();
    await settle();
    expect(lowerIn((await answered).data)).toBe(false);
    expect(line.kept).toBe(0);
  });
});
