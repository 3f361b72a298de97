/**
 * Fault: the journal's retention removed every closed transaction past the cutoff, also one whose
 * host act (a PIN outcome, a withdrawal's release or reversal, a card-making report) the host had
 * not answered yet. After a host outage longer than the retention period, the boot's resend
 * no longer found the act: the host never got it. Now such a transaction stays until the act is
 * answered (owed as each kind's one definition says, `owed-host-acts.ts`); answered or refused ones
 * go as before. On both journal stores (`journal-stores.ts`).
 */
import { journalStores } from './journal-stores.js';
import { retentionJournals } from './retention-journals.js';
import { JournalService, type StepDetail } from '../src/journal/journal.service.js';
import { OWED_ACT_KINDS, type OwedActKindName } from '../src/journal/owed-host-acts.js';
import { transactionsMayOwe } from '../src/journal/unfinished-acts.js';
import { CARD_REPORT_STEP, JOURNEY_CARD_REPORT_STEP } from '../src/journeys/card-making-reports.js';
import { PIN_RESET_REPORT_STEP } from '../src/journeys/pin-reset-report.js';
import { RELEASE_STEP } from '../src/journeys/withdrawal-hold-release.js';
import { PIN_OUTCOME_STEP } from '../src/sessions/pin-outcome-to-host.js';

const stores = journalStores('retention with owed host acts');
const LONG_AGO = new Date('2026-01-01T00:00:00Z');
const NOW = new Date('2026-11-26T00:00:00Z');

describe.each(stores)('retention on %s', (_name, makeStore) => {
  const { journalOn } = retentionJournals(makeStore, 3650);

  /** a transaction closed long ago with `steps` (step, phase, detail) */
  async function closedLongAgo(
    journal: JournalService,
    kind: string,
    steps: [string, 'intent' | 'done' | 'failed', StepDetail?][],
  ): Promise<string> {
    const tx = await journal.openTransaction(`s-${kind}`, kind, LONG_AGO);
    for (const [step, phase, detail] of steps) await journal.recordStep(tx, step, phase, detail);
    await journal.closeTransaction(tx, 'completed', null, new Date(LONG_AGO.getTime() + 60_000));
    return tx;
  }

  it('keeps a closed transaction past the cutoff while its host act is owed, so the boot still resends it', async () => {
    const { db, journal } = await journalOn();
    const notAnswered = { code: 'HOST_UNAVAILABLE', triedAgain: true };
    const pinOwed = await closedLongAgo(journal, 'balance', [
      [PIN_OUTCOME_STEP, 'intent', { outcome: 'wrong', attempt: 1 }],
      [PIN_OUTCOME_STEP, 'failed', { attempt: 1, ...notAnswered }],
    ]);
    const releaseOwed = await closedLongAgo(journal, 'withdraw', [
      [RELEASE_STEP, 'intent', { reason: 'timeout' }],
    ]);
    // the release answered, the reversal after it not
    const reverseOwed = await closedLongAgo(journal, 'withdraw', [
      ['withdrawal.authorised', 'done', { authorisationId: 'A-1' }],
      [RELEASE_STEP, 'intent'],
      [RELEASE_STEP, 'done'],
      ['withdrawal.reverse', 'intent', { amountFen: 10_000 }],
    ]);
    const reportOwed = await closedLongAgo(journal, 'issueCard', [
      ['issuance.order', 'done', { applicationNo: 'AP-1' }],
      [CARD_REPORT_STEP, 'intent', { outcome: 'issued' }],
    ]);
    const pinAnswered = await closedLongAgo(journal, 'balance', [
      [PIN_OUTCOME_STEP, 'intent', { outcome: 'wrong', attempt: 1 }],
      [PIN_OUTCOME_STEP, 'done', { attempt: 1 }],
    ]);
    const pinRefused = await closedLongAgo(journal, 'balance', [
      [PIN_OUTCOME_STEP, 'intent', { outcome: 'wrong', attempt: 1 }],
      [PIN_OUTCOME_STEP, 'failed', { attempt: 1, code: 'HOST_REFUSED', triedAgain: false }],
    ]);
    const noHostAct = await closedLongAgo(journal, 'balance', [['card.read', 'done']]);

    expect(await journal.applyRetention(NOW)).toBe(3);
    for (const gone of [pinAnswered, pinRefused, noHostAct]) expect(await journal.stepsOf(gone)).toEqual([]);
    for (const kept of [pinOwed, releaseOwed, reverseOwed, reportOwed]) {
      expect((await journal.stepsOf(kept)).length).toBeGreaterThan(0);
    }
    // what each boot's resume reads is all still there, and owed by its kind's definition
    const owedOf = async (kind: OwedActKindName) => {
      const owed: string[] = [];
      for (const tx of await transactionsMayOwe(db, OWED_ACT_KINDS[kind]))
        if (OWED_ACT_KINDS[kind].owedIn(await journal.stepsOf(tx)).length > 0) owed.push(tx);
      return owed;
    };
    expect(await owedOf('pinOutcome')).toEqual([pinOwed]);
    expect(await owedOf('release')).toEqual([releaseOwed]);
    expect(await owedOf('settlement')).toEqual([reverseOwed]);
    expect(await owedOf('cardReport')).toEqual([reportOwed]);

    // once the host answered, the next retention removes it
    await journal.recordStep(pinOwed, PIN_OUTCOME_STEP, 'done', { attempt: 1 });
    expect(await journal.applyRetention(NOW)).toBe(1);
    expect(await journal.stepsOf(pinOwed)).toEqual([]);
  });

  it('reads the step of each module from the one definition retention reads', () => {
    expect(OWED_ACT_KINDS.pinOutcome.steps).toEqual([PIN_OUTCOME_STEP]);
    expect(OWED_ACT_KINDS.release.steps).toEqual([RELEASE_STEP]);
    expect(OWED_ACT_KINDS.cardReport.steps).toEqual([CARD_REPORT_STEP, JOURNEY_CARD_REPORT_STEP]);
    expect(OWED_ACT_KINDS.pinReset.steps).toEqual([PIN_RESET_REPORT_STEP]);
    expect([...OWED_ACT_KINDS.settlement.steps].sort()).toEqual(['withdrawal.confirm', 'withdrawal.reverse']);
  });
});
