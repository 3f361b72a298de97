/**
 * The fault: RULES.md flags repeated PIN failures to the host. The kiosk told the host each PIN
 * the card answered, once: a host that did not answer (down, timed out, 5xx) had the failure
 * journaled and the event dropped, so wrong PINs typed while it was away never counted, and the
 * host's rule (3 wrong PINs within a day flag the card) stayed silent. Now the same event is tried
 * again in the background until the host answers. The real host simulator over HTTP (its fault
 * surface answering 503), the daemon's real host client and background tries (short pauses), the
 * real journal (SQLite in memory). Across a restart, and on both stores: `pin-outcome-*` e2e specs.
 *
 * Also: each PIN entry of one session is an event of its own at the host (two wrong PINs then the
 * right one, through the session actors on the emulated card reader), its key naming the entry, so
 * the host (which answers a key once) counts both wrong PINs, and a resend after a lost answer, in
 * the background or at the next boot, is answered as a replay and counted once.
 */
import { describe, expect, it } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import { demoResident, ErrorCode } from '@kiosk/domain';
import { JournaledHostRetries } from '../host/journaled-host-retries.js';
import { longestPausePassed } from '../host/longest-pause-passed.spec-support.js';
import { pinReportsKey } from '../journeys/pin-reports-key.js';
import { pinOutcomeHostForEachTest } from './pin-outcome-host.spec-support.js';
import {
  pinEntriesOfASession,
  recordingHost,
  type SentToHost,
} from './pin-entries-of-a-session.spec-support.js';
import { PIN_OUTCOME_STEP, PinOutcomeReports } from './pin-outcome-to-host.js';

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

describe('each PIN entry of a session is its own event at the host, however often it is sent', () => {
  // the host dedupes by key: two wrong PINs of one session under one key would count as one there,
  // its count of wrong tries behind the card's (the key names the entry: kiosk, transaction, entry)
  const world = pinOutcomeHostForEachTest();
  const wrongTwiceThenRight = ['000000', '111111', zhang.cardPin];
  const keyOf = (tx: string, entry: number, outcome: string) => `${KIOSK}:${tx}:${entry}:pin-${outcome}`;

  async function aSessionTold(retry: JournaledHostRetries['retry']) {
    const opened = await world.session(retry);
    const recording = recordingHost(world.connection);
    const reports = new PinOutcomeReports(opened.journal, recording.host, opened.retries, opened.db);
    const tx = opened.transactionId;
    recording.loseAnswerOf(keyOf(tx, 1, 'wrong'));
    await pinEntriesOfASession({ ...opened, reports }, tx, 'zhang', wrongTwiceThenRight);
    // the session ends (the host's answers are journaled with the transaction's next write)
    await opened.journal.closeTransaction(tx, 'completed', null);
    const answered = async () =>
      (await opened.journal.stepsOf(tx)).filter((s) => s.step === PIN_OUTCOME_STEP && s.phase === 'done');
    return { ...opened, ...recording, tx, answered };
  }
  /** the host's count of wrong tries as it answered the right PIN */
  const wrongTriesAtHost = (sent: readonly SentToHost[], key: string) =>
    (sent.find((s) => s.key === key)?.answer as { recentFailures?: number } | undefined)?.recentFailures;

  it('two wrong PINs then the right one, the first answer lost: resent under its key, the host counts two wrong', async () => {
    const s = await aSessionTold({ firstMs: 20, maxMs: 80 });
    await eventually(async () => (await s.answered()).length, 'the three answers journaled', {
      withinMs: 10_000,
      everyMs: 20,
      until: (n) => n >= 3,
    });
    expect(s.sent.map((x) => x.key)).toEqual([
      keyOf(s.tx, 1, 'wrong'),
      keyOf(s.tx, 1, 'wrong'), // the resend after the lost answer: same key
      keyOf(s.tx, 2, 'wrong'),
      keyOf(s.tx, 3, 'verified'),
    ]);
    // the host handled three (the resend was a replay) and counted both wrong PINs
    expect(pinEventsOf(world)).toHaveLength(3);
    expect(wrongTriesAtHost(s.sent, keyOf(s.tx, 3, 'verified'))).toBe(2);
  });

  it('the first answer lost, then a restart before any resend: the boot sends the three under the same keys, counted once each', async () => {
    // no background try in this run (the first is due in a minute): the restart comes first
    const s = await aSessionTold({ firstMs: 60_000, maxMs: 60_000 });
    await eventually(() => s.sent.length, 'the first outcome sent', { withinMs: 10_000, everyMs: 20 });
    expect(s.sent.map((x) => x.key)).toEqual([keyOf(s.tx, 1, 'wrong')]);
    expect(pinEventsOf(world)).toHaveLength(1); // the host counted it; the kiosk heard no answer
    s.retries.onApplicationShutdown();

    const nextRun = new JournaledHostRetries(s.journal);
    try {
      const reports = new PinOutcomeReports(s.journal, s.host, nextRun, s.db);
      expect(await reports.resumeAtBoot({ away: false })).toBe(3);
      expect(s.sent.map((x) => x.key)).toEqual([
        keyOf(s.tx, 1, 'wrong'),
        keyOf(s.tx, 1, 'wrong'),
        keyOf(s.tx, 2, 'wrong'),
        keyOf(s.tx, 3, 'verified'),
      ]);
      expect(pinEventsOf(world)).toHaveLength(3);
      expect(wrongTriesAtHost(s.sent, keyOf(s.tx, 3, 'verified'))).toBe(2);
      expect(await s.answered()).toHaveLength(3);
    } finally {
      nextRun.onApplicationShutdown();
    }
  });
});

function pinEventsOf(world: ReturnType<typeof pinOutcomeHostForEachTest>) {
  return world.told(zhang.cardNumber);
}
