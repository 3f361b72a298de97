/**
 * A supervisor's verdict on a card making recovery left for staff, and the cards issued count:
 * handed to the resident (`taken`) is journaled handed over with the staff card and counted issued
 * once, before the office is told; found in the reject bin or missing is never issued; a verdict
 * the office did not answer, sent again or carried through at the next boot, is not counted again.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { CARD_TAKEN_STEP } from '../journeys/cards-issued.js';
import { codeOf, settlementWorldPerTest } from './card-making-settlement.spec-support.js';

const w = settlementWorldPerTest();

const issued = async () => (await w.journal.counters.latestCounters()).cardPrinter?.counters.issued;
const handOvers = async () =>
  (await w.journal.stepsOf(w.cardTx))
    .filter((s) => s.step === CARD_TAKEN_STEP)
    .map((s) => JSON.parse(s.detail!));

describe('a card making settled by staff: cards issued', () => {
  it('handed to the resident: journaled handed over with the staff card, counted issued once, before the office is told', async () => {
    const supervisor = await w.logIn('FS-0002');
    await w.checks.settleCardMaking(supervisor, w.cardTx, 'taken');
    expect(await issued()).toBe(1);
    expect(await handOvers()).toEqual([{ card: 'H41******999', issued: 1, staff: 'FS-0002' }]);
    const steps = await w.stepsOf(w.cardTx);
    expect(steps.indexOf('card.taken:event')).toBeLessThan(steps.indexOf('recovery.host.issued:intent'));
  });

  it.each(['inRejectBin', 'missing'] as const)('fault: the card %s: not issued', async (card) => {
    const supervisor = await w.logIn('FS-0002');
    await w.checks.settleCardMaking(supervisor, w.cardTx, card);
    expect(await issued()).toBeUndefined();
    expect(await handOvers()).toEqual([]);
  });

  it('fault: the office does not answer a taken verdict, the supervisor sends it again: counted once', async () => {
    const supervisor = await w.logIn('FS-0002');
    w.office.down = true;
    expect(await codeOf(w.checks.settleCardMaking(supervisor, w.cardTx, 'taken'))).toBe(
      ErrorCode.HOST_UNREACHABLE,
    );
    expect(await issued()).toBe(1);
    w.office.down = false;
    await w.checks.settleCardMaking(supervisor, w.cardTx, 'taken');
    expect(await issued()).toBe(1);
    expect(await handOvers()).toHaveLength(1);
    expect(await w.isOpen(w.cardTx)).toBe(false);
  });

  it('fault: a restart after the taken verdict the office did not answer: the boot carries it through, counted once', async () => {
    const supervisor = await w.logIn('FS-0002');
    w.office.down = true;
    await codeOf(w.checks.settleCardMaking(supervisor, w.cardTx, 'taken'));
    w.office.down = false;
    await w.recovery.recoverUnfinished();
    expect(w.office.report).toHaveBeenLastCalledWith(
      'A0000042',
      expect.objectContaining({ outcome: 'issued' }),
      w.cardTx,
    );
    expect(await w.isOpen(w.cardTx)).toBe(false);
    expect(await issued()).toBe(1);
    expect(await handOvers()).toHaveLength(1);
  });
});
