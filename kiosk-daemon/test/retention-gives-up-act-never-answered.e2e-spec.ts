/**
 * Fault: a host act owed in a closed transaction kept it past `journal.retentionDays` for as long
 * as the host did not answer, so one the host never answers, or a release it refused for good (sent
 * again at every boot), kept the transaction and its sealed personal data for ever. Now (ADR 0025)
 * once the transaction ended `journal.owedActGraceDays` past the retention period, each act still
 * owed is given up: journaled failed, abandoned with its reason (HOST_ACT_ABANDONED), told to the
 * journal's listeners (the fleet link raises an alert), and the transaction goes. On both journal
 * stores (`journal-stores.ts`).
 */
import { journalStores } from './journal-stores.js';
import { retentionJournals } from './retention-journals.js';
import { JournalService, type StepDetail } from '../src/journal/journal.service.js';
import type { GivenUpAct } from '../src/journal/given-up-act.js';
import {
  GivenUpActs,
  giveUpCutoff,
  giveUpOwedActs,
  givenUpDetail,
} from '../src/journal/owed-acts-given-up.js';
import { owedHostActs } from '../src/journal/owed-host-acts.js';
import { RELEASE_STEP } from '../src/journeys/withdrawal-hold-release.js';
import { PIN_OUTCOME_STEP } from '../src/sessions/pin-outcome-to-host.js';

const stores = journalStores('retention gives up owed host acts');
const DAY = 86_400_000;
const NOW = new Date('2026-11-26T00:00:00Z');
/** ended past the retention (30 days) and its grace (30 more) */
const PAST_THE_GRACE = new Date(NOW.getTime() - 61 * DAY);
/** ended past the retention, within the grace */
const WITHIN_THE_GRACE = new Date(NOW.getTime() - 45 * DAY);
const NOT_ANSWERED = { code: 'HOST_UNREACHABLE', triedAgain: true };

type Steps = [string, 'intent' | 'done' | 'failed', StepDetail?][];

describe.each(stores)('retention on %s', (_name, makeStore) => {
  const { config, journalOn } = retentionJournals(makeStore, 30);

  async function closedAt(journal: JournalService, ended: Date, steps: Steps): Promise<string> {
    const tx = await journal.openTransaction('s-1', 'withdraw', new Date(ended.getTime() - 60_000));
    await journal.sealPersonalData(tx, 'cardNumber', '410123456789');
    for (const [step, phase, detail] of steps) await journal.recordStep(tx, step, phase, detail);
    await journal.closeTransaction(tx, 'completed', null, ended);
    return tx;
  }

  const releaseNeverAnswered: Steps = [
    [RELEASE_STEP, 'intent', { reason: 'timeout', amountFen: 20_000 }],
    [RELEASE_STEP, 'failed', NOT_ANSWERED],
  ];

  it('retention-gives-up-act-never-answered: a release and a PIN outcome the host never answered are given up, told, and go', async () => {
    const { journal } = await journalOn();
    const release = await closedAt(journal, PAST_THE_GRACE, releaseNeverAnswered);
    const pin = await closedAt(journal, PAST_THE_GRACE, [
      [PIN_OUTCOME_STEP, 'intent', { outcome: 'wrong', attempt: 2 }],
      [PIN_OUTCOME_STEP, 'failed', { attempt: 2, ...NOT_ANSWERED }],
    ]);
    const told: GivenUpAct[] = [];
    journal.givenUp.onGivenUp((act) => told.push(act));

    expect(await journal.applyRetention(NOW)).toBe(2);
    expect(told).toEqual([
      {
        transactionId: pin,
        kind: 'pinOutcome',
        step: PIN_OUTCOME_STEP,
        attempt: 2,
        reason: 'NOT_ANSWERED',
        lastCode: 'HOST_UNREACHABLE',
      },
      {
        transactionId: release,
        kind: 'release',
        step: RELEASE_STEP,
        reason: 'NOT_ANSWERED',
        lastCode: 'HOST_UNREACHABLE',
      },
    ]);
    for (const tx of [release, pin]) {
      expect(await journal.stepsOf(tx)).toEqual([]);
      expect(await journal.personalDataOf(tx)).toEqual({});
    }
    // given up once: the next retention finds nothing more to give up
    expect(await journal.applyRetention(NOW)).toBe(0);
    expect(told).toHaveLength(2);
  });

  it('retention-gives-up-release-refused-for-good: a release the host refused (sent again at every boot) is given up as refused', async () => {
    const { journal } = await journalOn();
    const tx = await closedAt(journal, PAST_THE_GRACE, [
      [RELEASE_STEP, 'intent', { reason: 'cancelled', amountFen: 20_000 }],
      [RELEASE_STEP, 'failed', { code: 'HOST_REJECTED', triedAgain: false }],
    ]);
    expect(await journal.applyRetention(NOW)).toBe(1);
    expect(journal.givenUp.all).toEqual([
      {
        transactionId: tx,
        kind: 'release',
        step: RELEASE_STEP,
        reason: 'REFUSED',
        lastCode: 'HOST_REJECTED',
      },
    ]);
    expect(await journal.personalDataOf(tx)).toEqual({});
  });

  it('journals the act given up before it is told, settled for the resumes from then on', async () => {
    const { db, journal } = await journalOn();
    const tx = await closedAt(journal, PAST_THE_GRACE, releaseNeverAnswered);
    const acts = new GivenUpActs();
    const stepsWhenTold: string[][] = [];
    const record = async (act: GivenUpAct) => {
      await journal.recordStep(act.transactionId, act.step, 'failed', givenUpDetail(act), NOW);
      stepsWhenTold.push((await journal.stepsOf(act.transactionId)).map((s) => `${s.step}:${s.phase}`));
    };
    expect(await giveUpOwedActs(db.manager, giveUpCutoff(config, NOW), record, acts)).toBe(1);

    const steps = await journal.stepsOf(tx);
    expect(JSON.parse(steps.at(-1)!.detail!)).toEqual({
      code: 'HOST_ACT_ABANDONED',
      abandoned: 'NOT_ANSWERED',
      triedAgain: false,
      lastCode: 'HOST_UNREACHABLE',
    });
    expect(stepsWhenTold).toEqual([
      [`${RELEASE_STEP}:intent`, `${RELEASE_STEP}:failed`, `${RELEASE_STEP}:failed`],
    ]);
    expect(acts.all).toHaveLength(1);
    // the boot's resume sends it no more
    expect(owedHostActs(steps)).toEqual([]);
  });

  it('keeps an act owed within the grace, not given up, its card number still sealed', async () => {
    const { journal } = await journalOn();
    const tx = await closedAt(journal, WITHIN_THE_GRACE, releaseNeverAnswered);
    expect(await journal.applyRetention(NOW)).toBe(0);
    expect(journal.givenUp.all).toEqual([]);
    expect((await journal.personalDataOf(tx)).cardNumber).toBe('410123456789');
    expect(owedHostActs(await journal.stepsOf(tx))).toHaveLength(1);
  });
});
