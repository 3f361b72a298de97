/**
 * Fault: the cash dispenser's heartbeats piled up on its line behind a dispenser slower than its
 * answer time. The heartbeat asked STATUS every `heartbeatMs` whether the STATUS before it had
 * ended or not, and since a STATUS timed out after its ACK waits for its late answer before the
 * next command (`LateAnswers`), a beat took that wait, its ACK and its own answer time: longer
 * than the interval (2 s + 2 s against 3 s by default). Beats came faster than they ended and
 * queued without bound, and the STATUS a dispense asks first waited behind all of them (the notes
 * paid out long after the withdrawal stopped waiting). Now a beat is skipped while the one before
 * is still running (the PIN pad's heartbeat does the same).
 *
 * The dispenser is played by hand over an in-memory line on a simulated clock: it takes each
 * command at once (its ACK) and answers it 1.75 s later, past its 1 s answer time.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { onSimulatedClock, settle } from '../common/simulated-clock.spec-support.js';
import { handPlayedDispenser } from './lcdm-hand-played-dispenser.spec-support.js';
import { LcdmNoteStock } from './lcdm-note-stock.js';
import { LcdmSerialLine } from './lcdm-serial-line.js';
import { LcdmStatusWatch } from './lcdm-status-watch.js';

const ANSWER_MS = 1_000;
const HEARTBEAT_MS = 1_500;
const ANSWERED_AFTER_MS = 1_750;

let line: LcdmSerialLine | undefined;
let watch: LcdmStatusWatch | undefined;

onSimulatedClock(async () => {
  watch?.stopHeartbeat();
  await line?.close();
  line = watch = undefined;
});

function slowDispenser() {
  const dispenser = handPlayedDispenser({ answerAfterMs: ANSWERED_AFTER_MS });
  line = new LcdmSerialLine(dispenser.stream);
  const stock = new LcdmNoteStock(
    {
      upper: { denominationFen: 10000, count: 200, lowThreshold: 20, emptyThreshold: 0 },
      lower: { denominationFen: 5000, count: 200, lowThreshold: 20, emptyThreshold: 0 },
    },
    { rejectBinCapacity: 50, retractBinCapacity: 100 },
  );
  watch = new LcdmStatusWatch(line, stock, {
    responseTimeoutMs: ANSWER_MS,
    heartbeatMs: HEARTBEAT_MS,
    busy: () => false,
    onChange: () => undefined,
    readBack: () => Promise.resolve(),
    outOfReach: () => undefined,
  });
  return { dispenser, watch };
}

/** `ms` on the simulated clock, the line's bytes let through every 50 ms. */
async function pass(ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 50) {
    await jest.advanceTimersByTimeAsync(50);
    await settle();
  }
}

describe('fault: lcdm-heartbeats-pile-up-behind-a-slow-dispenser', () => {
  it('after a minute of heartbeats, the STATUS the driver asks goes out behind one beat at most, not a queue of them', async () => {
    const { dispenser, watch } = slowDispenser();
    watch.startHeartbeat();
    await pass(60_000);

    const askedBefore = dispenser.asked.length;
    let askedUntilEnd: number | undefined;
    const own = watch
      .refresh()
      .catch(() => undefined)
      .finally(() => (askedUntilEnd = dispenser.asked.length - askedBefore));
    // at most: the beat under way (a late-answer wait, its ACK, its answer time), then this one
    await pass(2 * (ANSWERED_AFTER_MS + ANSWER_MS));
    watch.stopHeartbeat();
    expect(askedUntilEnd).toBeDefined();
    expect(askedUntilEnd).toBeLessThanOrEqual(2);
    await own;
  });
});
