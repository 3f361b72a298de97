/**
 * Fault: retention kept a closed transaction past `journal.retentionDays` whenever a host act in it
 * had more intents than dones, a refusal counting as settled for a PIN outcome alone. A PIN reset's
 * report or a card report the host refused, a card report of a staff verdict, a release or reversal
 * refused here as conflicting with the act that settled the serial, and a PIN outcome journaled
 * twice (a commit that did not say) and answered once stayed for ever with their sealed card number
 * (a card making's name and ID number too), though no boot resume would ever send them. Now
 * retention reads each kind's one definition of owed (`owed-host-acts.ts`), the one its resume
 * reads. On both journal stores (`journal-stores.ts`).
 */
import { journalStores } from './journal-stores.js';
import { retentionJournals } from './retention-journals.js';
import { JournalService, type StepDetail } from '../src/journal/journal.service.js';
import { CARD_REPORT_STEP } from '../src/journeys/card-making-reports.js';
import { PIN_RESET_REPORT_STEP } from '../src/journeys/pin-reset-report.js';
import { RELEASE_STEP } from '../src/journeys/withdrawal-hold-release.js';
import { PIN_OUTCOME_STEP } from '../src/sessions/pin-outcome-to-host.js';

const stores = journalStores('retention of refused host acts');
const LONG_AGO = new Date('2026-01-01T00:00:00Z');
const NOW = new Date('2026-11-26T00:00:00Z');
const REFUSED = { code: 'HOST_REFUSED', triedAgain: false };
const CONFLICTING = { code: 'WITHDRAWAL_ALREADY_SETTLED', triedAgain: false };

type Steps = [string, 'intent' | 'done' | 'failed', StepDetail?][];

describe.each(stores)('retention on %s', (_name, makeStore) => {
  const journals = retentionJournals(makeStore, 3650);
  const journalOn = async () => (await journals.journalOn()).journal;

  /** A transaction closed long ago with `steps`, its card number (and the resident) sealed. */
  async function closedLongAgo(journal: JournalService, kind: string, steps: Steps): Promise<string> {
    const tx = await journal.openTransaction(`s-${kind}`, kind, LONG_AGO);
    await journal.sealPersonalData(tx, 'cardNumber', '410123456789');
    await journal.sealPersonalData(tx, 'idNumber', '410102199001011234');
    for (const [step, phase, detail] of steps) await journal.recordStep(tx, step, phase, detail);
    await journal.closeTransaction(tx, 'completed', null, new Date(LONG_AGO.getTime() + 60_000));
    return tx;
  }

  /** Retention past the cutoff removes `tx` whole: its steps and its sealed personal data. */
  async function removedByRetention(journal: JournalService, tx: string): Promise<void> {
    expect(await journal.applyRetention(NOW)).toBe(1);
    expect(await journal.stepsOf(tx)).toEqual([]);
    expect(await journal.personalDataOf(tx)).toEqual({});
  }

  it('retention-drops-refused-card-report: a card report the office refused goes with its transaction', async () => {
    const journal = await journalOn();
    const tx = await closedLongAgo(journal, 'issueCard', [
      ['issuance.order', 'done', { applicationNo: 'AP-1' }],
      [CARD_REPORT_STEP, 'intent', { outcome: 'issued' }],
      [CARD_REPORT_STEP, 'failed', REFUSED],
    ]);
    await removedByRetention(journal, tx);
  });

  it('retention-drops-refused-pin-reset-report: a PIN reset report the host refused goes with its transaction', async () => {
    const journal = await journalOn();
    const tx = await closedLongAgo(journal, 'pinReset', [
      ['card.resetPin', 'done'],
      [PIN_RESET_REPORT_STEP, 'intent'],
      [PIN_RESET_REPORT_STEP, 'failed', REFUSED],
    ]);
    await removedByRetention(journal, tx);
  });

  it('retention-drops-staff-card-report: a card report of a staff verdict (staff send it again) goes with its transaction', async () => {
    const journal = await journalOn();
    const tx = await closedLongAgo(journal, 'issueCard', [
      ['issuance.order', 'done', { applicationNo: 'AP-1' }],
      [CARD_REPORT_STEP, 'intent', { outcome: 'abandoned', staff: 'ST-0001' }],
      [CARD_REPORT_STEP, 'failed', { code: 'HOST_UNAVAILABLE', triedAgain: true }],
    ]);
    await removedByRetention(journal, tx);
  });

  it('retention-drops-conflicting-release: a release refused as the confirm settled the serial goes with its transaction', async () => {
    const journal = await journalOn();
    const tx = await closedLongAgo(journal, 'withdraw', [
      ['withdrawal.authorised', 'done', { authorisationId: 'A-1' }],
      ['withdrawal.confirm', 'intent'],
      [RELEASE_STEP, 'intent', { reason: 'timeout' }],
      [RELEASE_STEP, 'failed', { ...CONFLICTING, conflictsWith: 'withdrawal.confirm' }],
      ['withdrawal.confirm', 'done'],
    ]);
    await removedByRetention(journal, tx);
  });

  it('retention-drops-conflicting-reversal: a reversal refused as the confirm settled the serial goes with its transaction', async () => {
    const journal = await journalOn();
    const tx = await closedLongAgo(journal, 'withdraw', [
      ['withdrawal.authorised', 'done', { authorisationId: 'A-1' }],
      ['withdrawal.confirm', 'intent'],
      ['withdrawal.reverse', 'intent', { amountFen: 10_000, reason: 'notTaken' }],
      ['withdrawal.reverse', 'failed', { ...CONFLICTING, conflictsWith: 'withdrawal.confirm' }],
      ['withdrawal.confirm', 'done'],
    ]);
    await removedByRetention(journal, tx);
  });

  it('retention-drops-pin-outcome-journaled-twice: one PIN entry journaled owed twice and answered once goes with its transaction', async () => {
    const journal = await journalOn();
    const tx = await closedLongAgo(journal, 'balance', [
      [PIN_OUTCOME_STEP, 'intent', { outcome: 'wrong', attempt: 1 }],
      [PIN_OUTCOME_STEP, 'intent', { outcome: 'wrong', attempt: 1 }],
      [PIN_OUTCOME_STEP, 'done', { outcome: 'wrong', attempt: 1 }],
    ]);
    await removedByRetention(journal, tx);
  });

  it('keeps the same acts while the host has not answered them', async () => {
    const journal = await journalOn();
    const unanswered = { code: 'HOST_UNAVAILABLE', triedAgain: true };
    const kept = [
      await closedLongAgo(journal, 'issueCard', [
        ['issuance.order', 'done', { applicationNo: 'AP-1' }],
        [CARD_REPORT_STEP, 'intent', { outcome: 'issued' }],
        [CARD_REPORT_STEP, 'failed', unanswered],
      ]),
      await closedLongAgo(journal, 'pinReset', [
        ['card.resetPin', 'done'],
        [PIN_RESET_REPORT_STEP, 'intent'],
        [PIN_RESET_REPORT_STEP, 'failed', unanswered],
      ]),
      await closedLongAgo(journal, 'balance', [
        [PIN_OUTCOME_STEP, 'intent', { outcome: 'wrong', attempt: 1 }],
        [PIN_OUTCOME_STEP, 'done', { outcome: 'wrong', attempt: 1 }],
        [PIN_OUTCOME_STEP, 'intent', { outcome: 'blocked', attempt: 2 }],
      ]),
    ];
    expect(await journal.applyRetention(NOW)).toBe(0);
    for (const tx of kept) expect((await journal.personalDataOf(tx)).cardNumber).toBe('410123456789');
  });
});
