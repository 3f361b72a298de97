/**
 * The fault: a card of a type the read does not ask its PIN tries left (`pin.triesQueryAtrs`
 * without it, as production lists none until a type is checked: ADR 0006) whose PIN was locked
 * by an earlier session met its lock at the resident's first PIN, and the kiosk took the chip's
 * 69 83 for a lock of this session: PIN_BLOCKED on the screen ("after too many wrong tries", one
 * PIN typed), a `blocked` outcome told the host (its anomaly rule flags "PIN locked on the card"
 * at every such visit) and the session's end the fleet's PIN_BLOCKED alert. A card of a type
 * asked goes back from its read with PIN_ALREADY_BLOCKED and nothing told (pin-try-limit). Now
 * the unasked card goes back at its first PIN the same way: PIN_ALREADY_BLOCKED, no PIN outcome
 * journaled or told, the session closed on that code. So does a new card whose default PIN was
 * locked elsewhere at its activation's PIN write, which read the chip's refusal as a lock of the
 * session (PIN_BLOCKED, the fleet's alert) after the new PIN was typed twice.
 *
 * The real daemon (the bundle) on the test profile with no card type asked, locking at 2 wrong
 * PINs, its emulated reader and cards (zhao's new card locked beside its journal before it starts),
 * the real SQLite journal; the resident on the UI socket.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoCards, JsonFileCardStore } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';
import { readJournalFile } from './journal-steps.js';
import {
  journalSteps,
  lastTransactionClosed,
  lockPinWithWrongTries,
  pinOutcomesAnswered,
  takeCardBack,
  typePin,
} from './pin-journeys.helpers.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const zhao = DEMO_RESIDENTS.find((r) => r.key === 'zhao')!; // a new card, its default PIN

/** the kiosk's virtual cards beside its journal, made with the profile's limit: zhao's locked */
function cardsWithZhaoLocked(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const store = new JsonFileCardStore(join(dir, 'cards'));
  createDemoCards({ store, pinTryLimit: 2 });
  store.save({ ...store.load(zhao.key)!, pinTriesLeft: 0 });
  return dir;
}

/** the newest transaction of `journey`: its outcome and code */
const closedAs = (journalPath: string, journey: string) =>
  readJournalFile(journalPath, (db) =>
    db
      .prepare(
        `SELECT outcome, errorCode FROM journal_transaction WHERE journey = ? ORDER BY serial DESC LIMIT 1`,
      )
      .get(journey),
  );

describe('card locked elsewhere told as new lock (a card type not asked its tries left)', () => {
  const dir = cardsWithZhaoLocked();
  const suite = daemonForSuite(['--set', 'pin.maxAttempts=2', '--set', 'pin.triesQueryAtrs=[]'], {
    dir,
    afterStop: () => rmSync(dir, { recursive: true, force: true }),
  });

  it('locked by the session before: its first PIN, the right one, sends it back PIN_ALREADY_BLOCKED, nothing told the host', async () => {
    const { ui, daemon } = suite;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'));
    // the lock made here: no count before the first try (not asked), then PIN_BLOCKED, told
    await lockPinWithWrongTries(ui, zhang.key, 2);
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
    expect(closedAs(daemon.journalPath, 'balance')).toEqual({
      outcome: 'failed',
      errorCode: 'PIN_ALREADY_BLOCKED',
    });
  }, 60_000);

  it('a new card locked before: its activation’s PIN write refused PIN_ALREADY_BLOCKED, no write cut, nothing activated', async () => {
    const { ui, daemon } = suite;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('activatePin'));
    expect(await ui.emit('session.start', { journey: 'activatePin' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'insertCard');
    await ui.emit('demo.card', { action: 'insert', cardId: zhao.key });
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId: zhao.key });
    await ui.waitForSession((v) => v?.step === 'enterNewPin', 15_000);
    await typePin(ui, '730194');
    await ui.waitForSession((v) => v?.step === 'confirmNewPin');
    await typePin(ui, '730194');
    const refused = await ui.waitForSession((v) => v?.error != null);
    expect(refused?.error?.code).toBe('PIN_ALREADY_BLOCKED');
    await ui.emit('demo.idCard', { action: 'remove' });
    await takeCardBack(ui);
    await lastTransactionClosed(daemon.journalPath, 'activatePin');
    const steps = journalSteps(daemon.journalPath, 'activatePin');
    expect(steps).toContain('card.changePin:failed');
    expect(steps.filter((s) => s.startsWith('card.pinWriteCut') || s.startsWith('host.activate'))).toEqual(
      [],
    );
    expect(closedAs(daemon.journalPath, 'activatePin')).toEqual({
      outcome: 'failed',
      errorCode: 'PIN_ALREADY_BLOCKED',
    });
  }, 60_000);
});
