/**
 * The fault: a card of a type the read does not ask its PIN tries left (`pin.triesQueryAtrs`
 * without it, as production lists none until a type is checked: ADR 0006) whose PIN was locked
 * by an earlier session met its lock at the resident's first PIN, and the kiosk took the chip's
 * 69 83 for a lock of this session: PIN_BLOCKED on the screen ("after too many wrong tries", one
 * PIN typed), a `blocked` outcome told the host (its anomaly rule flags "PIN locked on the card"
 * at every such visit) and the session's end the fleet's PIN_BLOCKED alert. A card of a type
 * asked goes back from its read with PIN_ALREADY_BLOCKED and nothing told (pin-try-limit). Now
 * the unasked card goes back at its first PIN the same way: PIN_ALREADY_BLOCKED, no PIN outcome
 * journaled or told, the session closed on that code.
 *
 * The real daemon (the bundle) on the test profile with no card type asked, locking at 2 wrong
 * PINs, its emulated reader and cards, the real SQLite journal; the resident on the UI socket.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';
import { readJournalFile } from './journal-steps.js';
import {
  journalSteps,
  lastTransactionClosed,
  pinOutcomesAnswered,
  takeCardBack,
  typePin,
} from './pin-journeys.helpers.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

describe('card locked elsewhere told as new lock (a card type not asked its tries left)', () => {
  const suite = daemonForSuite(['--set', 'pin.maxAttempts=2', '--set', 'pin.triesQueryAtrs=[]']);

  it('locked by the session before: its first PIN, the right one, sends it back PIN_ALREADY_BLOCKED, nothing told the host', async () => {
    const { ui, daemon } = suite;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'));
    // the lock made here: no count before the first try (not asked), then PIN_BLOCKED, told
    await ui.startWithCardAndPin('balance', zhang.key, '000000');
    await ui.waitForSession((v) => v?.step === 'enterPin' && v.pin?.attemptsLeft === 1);
    await typePin(ui, '000001');
    await ui.waitForSession((v) => v?.error?.code === 'PIN_BLOCKED');
    await takeCardBack(ui);
    // the lock's outcome goes to the host in the background: counted once it is answered
    await pinOutcomesAnswered(daemon.journalPath);
    const outcomesBefore = journalSteps(daemon.journalPath, 'balance').filter((s) =>
      s.startsWith('host.pinOutcome'),
    ).length;

    // the next session: the PIN screen says no count, and the right PIN meets the lock
    await ui.startWithCardAndPin('balance', zhang.key, zhang.cardPin);
    const refused = await ui.waitForSession((v) => v?.error != null);
    expect(refused?.error?.code).toBe('PIN_ALREADY_BLOCKED');
    await takeCardBack(ui);
    await lastTransactionClosed(daemon.journalPath, 'balance');
    const steps = journalSteps(daemon.journalPath, 'balance');
    expect(steps.filter((s) => s.startsWith('host.pinOutcome'))).toHaveLength(outcomesBefore);
    expect(steps.filter((s) => s.startsWith('pin.verify'))).toHaveLength(2); // the lock's two only
    const closed = readJournalFile(daemon.journalPath, (db) =>
      db
        .prepare(
          `SELECT outcome, errorCode FROM journal_transaction WHERE journey = 'balance' ORDER BY serial DESC LIMIT 1`,
        )
        .get(),
    );
    expect(closed).toEqual({ outcome: 'failed', errorCode: 'PIN_ALREADY_BLOCKED' });
  }, 60_000);
});
