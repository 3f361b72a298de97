/**
 * Fault: boot recovery stopped at a card it could not capture. A card left inside the reader by a
 * cut-short session is captured at boot (`recovery.card.retract`); when the reader refused the
 * capture (capture bin full, DEVICE_BIN_FULL) or failed it (offline, DEVICE_OFFLINE; the move past
 * its own bound, DEVICE_TIMEOUT), recovery threw at once: the other cut-short transactions (a
 * withdrawal whose presented notes must be retracted and reversed, a card making to report, a QR
 * fee order to close) were left open for staff, the host kept holding the money, and the card was
 * journaled nowhere but in the failed retract. Now the card is accounted for where it is
 * (`card.unaccounted`, its number masked, for staff), it stays in the reader (not handed back to
 * whoever stands at the slot), the kiosk is told so (CARD_LEFT_IN_READER: nothing that takes a card
 * into the reader is offered), and every transaction is recovered, once.
 *
 * The real journal in a SQLite file, the emulated reader keeping its card in `card-reader.json`
 * beside it (as the daemon's does across a restart), the emulated dispenser, a host that counts
 * what it is asked.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { DEMO_RESIDENTS, maskCardNumber } from '@kiosk/domain';
import { CAPACITY, cutShortWithCardInside, runCleanups } from './card-not-captured-at-boot.spec-support.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

afterEach(runCleanups);

describe('a card boot recovery cannot capture', () => {
  it.each([
    ['the capture bin full', CAPACITY, undefined, 'DEVICE_BIN_FULL'],
    ['the card reader offline', 0, 'offline' as const, 'DEVICE_OFFLINE'],
  ])(
    'card not captured at boot (%s): accounted for in the reader, every other transaction recovered once',
    async (_what, bin, fault, code) => {
      const k = await cutShortWithCardInside(bin);
      const { report, cardLeft, slot, where } = await k.boot({ fault });

      // every transaction recovered and closed; the money reversed once, the notes retracted
      expect(report).toMatchObject({
        recovered: 4,
        cardsCaptured: 0,
        cardsLeftForStaff: 1,
        withdrawalsSettled: 1,
      });
      expect(await k.journal.openTransactions()).toEqual([]);
      expect(k.host.calls.sort()).toEqual(['close P1', 'report A1 issued', 'reverse 20000']);
      expect(k.host.withdrawal()).toMatchObject({ status: 'reversed', heldFen: 0, paidFen: 0 });
      // the two 100-yuan notes left in the presenter: retracted into the retract bin
      expect(k.dispenser.status().supplies.find((s) => s.name === 'retractBin')?.count).toBe(2);

      // the card: still in the reader (not handed back at the slot), accounted for (masked) for
      // staff, the kiosk told
      expect(where).toBe('inReader');
      expect(slot).toBe('none');
      expect(cardLeft).toEqual(['CARD_LEFT_IN_READER']);
      const steps = await k.journal.stepsOf(k.balance);
      const unaccounted = steps.filter((s) => s.step === 'card.unaccounted');
      expect(unaccounted).toHaveLength(1);
      expect(JSON.parse(unaccounted[0]!.detail!)).toEqual({
        after: 'retract',
        readerSays: 'inReader',
        code,
        card: maskCardNumber(zhang.cardNumber),
        forStaff: true,
      });
      expect(unaccounted[0]!.detail).not.toContain(zhang.cardNumber);
      expect(await k.steps(k.balance)).toEqual([
        'card.read:event',
        'recovery.found:event',
        'recovery.card.retract:intent',
        'recovery.card.retract:failed',
        'card.unaccounted:event',
      ]);
      // the card's own transaction (the newest) accounts for it, once: no other one tries the capture
      for (const tx of [k.withdrawal, k.cardMaking, k.fee]) {
        expect(
          (await k.steps(tx)).filter((s) => s.startsWith('recovery.card') || s.startsWith('card.un')),
        ).toEqual([]);
      }

      // the next start before staff came (the card still inside, nothing open): nothing settled
      // twice, the card kept for staff and the kiosk told again, not handed back
      const again = await k.boot({ fault });
      expect(again.report).toMatchObject({ recovered: 0, withdrawalsSettled: 0, cardsLeftForStaff: 1 });
      expect(again).toMatchObject({ cardLeft: ['CARD_LEFT_IN_READER'], slot: 'none', where: 'inReader' });
      expect(k.host.calls).toHaveLength(3);

      // a visit ended (the bin emptied, the reader back): its self test hands the card to staff at
      // the slot, captured into the emptied bin when nobody takes it
      const visited = await k.boot({ visit: true });
      expect(visited.report).toMatchObject({ recovered: 0, cardsLeftForStaff: 0 });
      expect(visited).toMatchObject({ cardLeft: [], slot: 'retracted', where: 'captured' });
      expect(k.host.calls).toHaveLength(3);
    },
  );

  it('card not captured at boot (its move past the reader’s bound): accounted for, the others recovered', async () => {
    const k = await cutShortWithCardInside(0);
    // the motor slower than the reader's bound of one move: the retract ends DEVICE_TIMEOUT
    const { report, where } = await k.boot({ slowMotor: true });
    expect(report).toMatchObject({
      recovered: 4,
      cardsCaptured: 0,
      cardsLeftForStaff: 1,
      withdrawalsSettled: 1,
    });
    expect(await k.journal.openTransactions()).toEqual([]);
    expect(where).toBe('inReader');
    const unaccounted = (await k.journal.stepsOf(k.balance)).find((s) => s.step === 'card.unaccounted');
    expect(JSON.parse(unaccounted!.detail!)).toMatchObject({
      after: 'retract',
      code: 'DEVICE_TIMEOUT',
      forStaff: true,
    });
  });
});
