/**
 * The fault: RULES.md flags repeated PIN failures to the host. The kiosk told the host each PIN
 * the card answered, once: a host that did not answer (down, timed out, 5xx) had the failure
 * journaled and the event dropped, so wrong PINs typed while it was away never counted, and the
 * host's rule (3 wrong PINs within a day flag the card) stayed silent. Now the same event is tried
 * again in the background until the host answers. The real host simulator over HTTP (its fault
 * surface answering 503), the daemon's real host client and background tries (short pauses), the
 * real journal (SQLite in memory). Across a restart, and on both stores: `pin-outcome-*` e2e specs.
 */
import { describe, expect, it } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import { demoResident, ErrorCode } from '@kiosk/domain';
import type { JournaledHostRetries } from '../host/journaled-host-retries.js';
import { longestPausePassed } from '../host/longest-pause-passed.spec-support.js';
import { pinReportsKey } from '../journeys/pin-reports-key.js';
import { pinOutcomeHostForEachTest } from './pin-outcome-host.spec-support.js';
import { PIN_OUTCOME_STEP } from './pin-outcome-to-host.js';

const zhang = demoResident('zhang')!;
const KIOSK = 'JZ-9001';

describe('fault: wrong PINs typed while the host is away never reach its anomaly rules', () => {
  // a host of its own for each case: each case's journal numbers its transactions (the keys) from 1
  const world = pinOutcomeHostForEachTest();
  let retries: JournaledHostRetries;

  async function aSession() {
    const opened = await world.session({ firstMs: 20, maxMs: 80 });
    const { journal, reports } = opened;
    retries = opened.retries;
    const tools = { transactionId: opened.transactionId };
    const steps = async () =>
      (await journal.stepsOf(tools.transactionId))
        .filter((s) => s.step === PIN_OUTCOME_STEP)
        .map((s) => ({ phase: s.phase, detail: JSON.parse(s.detail ?? '{}') as unknown }));
    const close = () => journal.closeTransaction(tools.transactionId, 'completed', null);
    return { reports, tools, steps, close };
  }
  const pinEventsAtHost = () => world.told(zhang.cardNumber);
  const flags = () =>
    world.simulator.state.anomalies.filter(
      (a) => a.cardNumber === zhang.cardNumber && a.rule === 'pinFailures',
    );

  it('three wrong PINs while the host answers 503: each journaled first, all told once it is back, and the card flagged', async () => {
    const { reports, tools, steps, close } = await aSession();
    world.simulator.faults.set({ failWith: { status: 503, code: 'HOST_UNAVAILABLE' } });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await reports.tell(tools, zhang.cardNumber, { result: 'wrong', attemptsLeft: 3 - attempt }, attempt);
    }
    await close();
    expect((await steps()).filter((s) => s.phase === 'intent')).toHaveLength(3);
    expect(flags()).toEqual([]);

    world.simulator.faults.clear();
    await eventually(() => pinEventsAtHost().length === 3, 'the three events at the host', {
      withinMs: 10_000,
      everyMs: 20,
    });
    expect(flags()).toEqual([expect.objectContaining({ action: 'flag', kioskId: KIOSK })]);
    // each answer journaled: it follows the host's audit by the answer's way back and a write, so
    // it is awaited (a fixed 200 ms, outlasted by a stalled process, read the steps before it)
    const done = async () => (await steps()).filter((s) => s.phase === 'done');
    await eventually(async () => (await done()).length, 'the three answers journaled', {
      withinMs: 10_000,
      everyMs: 20,
      until: (n) => n >= 3,
    });
    // each told once: the tries stop when the host answered (one due would be sent by then)
    await longestPausePassed(retries);
    expect(pinEventsAtHost()).toHaveLength(3);
    expect(await done()).toHaveLength(3);
  });

  it('a refusal of the host stands: journaled with its code, not tried again', async () => {
    const { reports, tools, steps, close } = await aSession();
    await reports.tell(tools, 'H00000000000', { result: 'wrong', attemptsLeft: 2 }, 1);
    await close();
    let journaled: Awaited<ReturnType<typeof steps>> = [];
    await eventually(async () => (journaled = await steps()).length === 2, 'the refusal journaled', {
      withinMs: 10_000,
      everyMs: 20,
    });
    expect(journaled[1]).toEqual({
      phase: 'failed',
      detail: { outcome: 'wrong', attempt: 1, code: ErrorCode.CARD_NOT_FOUND, triedAgain: false },
    });
    expect(retries.owns(pinReportsKey('H00000000000'))).toBe(false);
  });
});
