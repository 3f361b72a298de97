/**
 * The withdrawal offers and accepts only amounts the notes held make, read as the amounts are
 * offered: an amount the cassettes cannot pay is refused before the host is asked, so the
 * resident does not go through the ID card and the face match for a refusal at the dispenser.
 */
import { describe, expect, it } from '@jest/globals';
import { initialTransition, transition } from 'xstate';
import type { AnyEventObject } from 'xstate';
import { journeyDetailsOf } from '../../session/journey-details.js';
import type { SessionSnapshot } from '../../session/session-view.js';
import type { CashUnit } from '@kiosk/domain';
import { withdrawalMachine } from './withdrawal.machine.js';
import type { WithdrawalEvent } from './withdrawal.types.js';
import { QUOTA, withdrawalInput } from '../../testing/withdrawal-harness.js';

const done = (id: string, output?: unknown): AnyEventObject => ({ type: `xstate.done.actor.${id}`, output });
const notes = (yuan: number, count: number): CashUnit => ({ denominationFen: yuan * 100, count });

function run(cash: () => readonly CashUnit[], events: AnyEventObject[], noteFen = 10_000) {
  const input = withdrawalInput(() => 0, true, cash);
  let [s, actions] = initialTransition(withdrawalMachine, { ...input, rules: { ...input.rules, noteFen } });
  for (const e of events) [s, actions] = transition(withdrawalMachine, s, e as WithdrawalEvent);
  return { s, actions, authorised: actions.some((a) => a.type === 'xstate.spawnChild') };
}

/** The withdraw details the amount screen shows, from a session snapshot holding this journey. */
function detailsOf(s: ReturnType<typeof run>['s']) {
  const session = {
    children: { journey: { getSnapshot: () => s } },
    // a session running the withdrawal journey, as runningJourneyOf asks it
    matches: (value: unknown) => JSON.stringify(value) === JSON.stringify({ cardIn: 'withdrawing' }),
  };
  return journeyDetailsOf(session as unknown as SessionSnapshot);
}

describe('CASH_AMOUNT_NOT_PAYABLE: the amount is not makeable with the notes left', () => {
  it('refuses 500 yuan before the host is asked while the cassettes hold 300', () => {
    const cash = () => [notes(100, 3), notes(50, 0)];
    const { s, authorised } = run(cash, [
      done('fetchWithdrawalQuota', QUOTA),
      { type: 'AMOUNT_CHOSEN', amountFen: 50_000 },
    ]);
    expect(s.value).toBe('chooseAmount');
    expect(authorised).toBe(false);
    expect(s.context.error).toEqual({
      code: 'CASH_AMOUNT_NOT_PAYABLE',
      message: expect.stringContaining('cannot pay out this amount with the notes it holds'),
    });
    const next = transition(withdrawalMachine, s, { type: 'AMOUNT_CHOSEN', amountFen: 30_000 });
    expect(next[0].value).toBe('authorising');
  });

  it('refuses 150 yuan before the host when only 100-yuan notes are left, where 50-yuan notes were loaded', () => {
    const { s, authorised } = run(
      () => [notes(100, 10), notes(50, 0)],
      [done('fetchWithdrawalQuota', QUOTA), { type: 'AMOUNT_CHOSEN', amountFen: 15_000 }],
      5_000,
    );
    expect(authorised).toBe(false);
    expect(s.value).toBe('chooseAmount');
    // the step follows the notes left: whole 100-yuan notes, as the screen now says
    expect(s.context.error?.code).toBe('WITHDRAWAL_NOT_NOTE_MULTIPLE');
    expect(detailsOf(s)).toMatchObject({
      noteFen: 10_000,
      amountsFen: [10_000, 20_000, 30_000, 40_000, 50_000],
    });
  });

  it('offers only makeable amounts on the amount screen: the largest is what the notes make', () => {
    const { s } = run(() => [notes(100, 2), notes(50, 1)], [done('fetchWithdrawalQuota', QUOTA)], 5_000);
    expect(s.value).toBe('chooseAmount');
    expect(detailsOf(s)).toMatchObject({
      kind: 'withdraw',
      largestFen: 25_000,
      amountsFen: [5_000, 10_000, 15_000, 20_000, 25_000],
      noteFen: 5_000,
    });
  });

  it('reads the counts when the amounts are offered, not when the session began', () => {
    let held: readonly CashUnit[] = [notes(100, 200), notes(50, 200)];
    const cash = () => held;
    const [start] = initialTransition(
      withdrawalMachine,
      withdrawalInput(() => 0, true, cash),
    );
    // the kiosk's own earlier dispense (or staff) took notes while the resident was identified
    held = [notes(100, 2), notes(50, 0)];
    const [s] = transition(withdrawalMachine, start, done('fetchWithdrawalQuota', QUOTA) as WithdrawalEvent);
    expect(detailsOf(s)).toMatchObject({ largestFen: 20_000, amountsFen: [10_000, 20_000] });
    expect(
      transition(withdrawalMachine, s, { type: 'AMOUNT_CHOSEN', amountFen: 30_000 })[0].context.error?.code,
    ).toBe('CASH_AMOUNT_NOT_PAYABLE');
  });

  it('uses the smallest note left as the step: the 50-yuan cassette is empty now', () => {
    const { s } = run(() => [notes(100, 5), notes(50, 0)], [done('fetchWithdrawalQuota', QUOTA)], 5_000);
    expect(s.context.rules.noteFen).toBe(10_000);
  });
});

describe('cassettes that make no amount', () => {
  it('end the withdrawal before any amount is offered, and the host is never asked to authorise', () => {
    const { s, authorised } = run(() => [notes(100, 0), notes(50, 0)], [done('fetchWithdrawalQuota', QUOTA)]);
    expect(s.value).toBe('done');
    expect(authorised).toBe(false);
    expect(s.output).toMatchObject({ outcome: 'failed', paidFen: 0, reversed: false });
    expect(s.context.error?.code).toBe('DEVICE_SUPPLY_EMPTY');
  });

  it('leave the choice to explain the balance when the rules allow no amount anyway', () => {
    const { s } = run(() => [], [done('fetchWithdrawalQuota', { ...QUOTA, balanceFen: 5_000 })]);
    expect(s.value).toBe('chooseAmount');
    expect(detailsOf(s)).toMatchObject({ largestFen: 0, amountsFen: [] });
  });
});

describe('a denomination mix where taking the largest note first fails', () => {
  it('accepts 60 yuan from 50- and 20-yuan notes (three 20s) and refuses 30', () => {
    const cash = () => [notes(50, 5), notes(20, 5)];
    const toChoose = [done('fetchWithdrawalQuota', QUOTA)];
    expect(run(cash, [...toChoose, { type: 'AMOUNT_CHOSEN', amountFen: 6_000 }], 2_000).s.value).toBe(
      'authorising',
    );
    const refused = run(cash, [...toChoose, { type: 'AMOUNT_CHOSEN', amountFen: 3_000 }], 2_000);
    expect(refused.authorised).toBe(false);
    // 30 yuan is no multiple of the smallest note (20): the rules refuse it before the notes do
    expect(refused.s.context.error?.code).toBe('WITHDRAWAL_NOT_NOTE_MULTIPLE');
  });
});
