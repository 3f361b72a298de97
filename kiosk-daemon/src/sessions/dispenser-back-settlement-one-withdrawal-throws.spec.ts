/**
 * The fault: the settlement of the withdrawals that waited for the cash dispenser, once it answers
 * again (`dispenser-back-settlement.ts`, ADR 0020), settles them one by one in one pass; a throw on
 * one (the journal refusing its step) ended the pass: the withdrawals settled before it were
 * closed in the journal but never answered (recovery's count of what is undecided not lowered, so
 * a kiosk held by its failed self test stayed out of service), and those after it were not tried.
 * Now each withdrawal's settlement is kept: the failing one is answered with its code and still
 * waits for the next reason to look, the others are settled and answered.
 *
 * The real journal (SQLite in memory, refusing one withdrawal's step by a trigger, as the store
 * refuses a write it cannot make), the embedded host simulator, the dispenser emulator.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import type { BootSettlementDeps } from '../journeys/withdrawal-boot-settlement.js';
import { CASH_LEFT_IN_PRESENTER } from '../journeys/withdrawal-retract.js';
import { withdrawalWorld } from '../journeys/withdrawal-settlement.spec-support.js';
import { DISPENSER_BACK_STEP, settleWhenTheDispenserIsBack } from './dispenser-back-settlement.js';
import { settleWhatWaits } from './dispenser-back-turn.js';
import { LeftUndecided } from './left-undecided.js';
import { SettlementHands } from './settlement-hands.js';

const LEFT_IN_PRESENTER = { forStaff: true, code: ErrorCode.DEVICE_TIMEOUT, presenter: 'presented' };

/**
 * Three withdrawals waiting for the dispenser: the world's, its 300 yuan left in the presenter
 * (held at the host), then two whose notes were left there before the host held anything; the
 * store refuses the dispenser-back step of the second.
 */
async function threeWaitingTheSecondRefused() {
  const w = await withdrawalWorld();
  await w.presented();
  await w.tools.step(CASH_LEFT_IN_PRESENTER, LEFT_IN_PRESENTER);
  await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_NOT_TAKEN);
  const more: string[] = [];
  for (const session of ['s-second', 's-third']) {
    const tx = await w.journal.openTransaction(session, 'withdraw');
    await w.journal.recordStep(tx, CASH_LEFT_IN_PRESENTER, 'event', LEFT_IN_PRESENTER);
    await w.journal.closeTransaction(tx, 'failed', ErrorCode.CASH_NOT_TAKEN);
    more.push(tx);
  }
  const [second, third] = more as [string, string];
  await w.db.query(
    `CREATE TRIGGER refuse BEFORE INSERT ON "journal_step"
     WHEN NEW."transactionId" = '${second}' AND NEW."step" = '${DISPENSER_BACK_STEP}'
     BEGIN SELECT RAISE(ABORT, 'no space'); END`,
  );
  const deps: BootSettlementDeps = {
    journal: w.journal,
    host: w.host,
    devices: { cashDispenser: w.dispenser },
    log: { warn: () => undefined, error: () => undefined },
  };
  const stepsOf = async (tx: string) => (await w.journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
  return { w, second, third, deps, stepsOf };
}

describe('dispenser-back-settlement-one-withdrawal-throws', () => {
  it('fault: one withdrawal of the pass throws: those settled before it are lost to the caller and those after it not tried', async () => {
    const { w, second, third, deps, stepsOf } = await threeWaitingTheSecondRefused();

    const late = await settleWhenTheDispenserIsBack(deps, [w.tx, second, third]);
    expect(late.settled).toEqual([w.tx, third]);
    expect(late.stillWaiting).toEqual([]);
    expect(late.failed).toEqual([{ id: second, code: ErrorCode.JOURNAL_WRITE_FAILED }]);
    // the first's notes retracted and its hold reversed once; the third looked at; the second untouched
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.balance()).toBe(w.before);
    expect(await stepsOf(third)).toContain(`${DISPENSER_BACK_STEP}:event`);
    expect(await stepsOf(second)).not.toContain(`${DISPENSER_BACK_STEP}:event`);
  });

  it('fault: the failing withdrawal still waits for the dispenser, what was settled is counted, and it is settled at the next look once the journal takes writes again', async () => {
    const { w, second, third, deps, stepsOf } = await threeWaitingTheSecondRefused();
    const left = new LeftUndecided();
    await left.note(w.journal, [w.tx, second, third]);
    expect(left.waiting).toEqual([w.tx, second, third]);
    const hands = new SettlementHands();

    const turn = await settleWhatWaits(hands, left, deps);
    expect(turn).toEqual({
      leftForStaff: 1,
      stillWaiting: 0,
      failed: [{ id: second, code: ErrorCode.JOURNAL_WRITE_FAILED }],
    });
    expect(left.waiting).toEqual([second]);

    await w.db.query('DROP TRIGGER refuse');
    await expect(settleWhatWaits(hands, left, deps)).resolves.toEqual({
      leftForStaff: 0,
      stillWaiting: 0,
      failed: [],
    });
    expect(left.waiting).toEqual([]);
    expect((await stepsOf(second)).filter((s) => s === `${DISPENSER_BACK_STEP}:event`)).toHaveLength(1);
    expect(w.ledger('withdrawalReversal')).toBe(1);
  });
});
