/**
 * Fault: a resident did not take the card from a reader without a motor
 * (`devices.cardReader.mechanism=presence`: the resident pushes the card in and pulls it out, no
 * capture bin). The session asked the reader to retract it, the reader refused (no capture bin), and
 * the card was journaled "kept for staff" (card.unaccounted) with the refusal on the resident's screen
 * while it stuck out of the slot; the wait for it after the session gave up at the take timeout, so
 * its removal later was journaled nowhere.
 *
 * The real daemon (the bundle) on the real PC/SC stack: pcscd with vpcd's reader standing for the
 * plain reader, zhang's virtual card put on it by the spec (the resident's hand). The resident cancels
 * at PIN entry and walks away: no retract is asked, the card is journaled left in the slot, the
 * resident's screen says to take it (CARD_LEFT_IN_SLOT), the card journeys are held back
 * (CARD_LEFT_IN_READER) while it is there, past the take timeout too; taken out, its removal is
 * journaled and the kiosk serves again. With CI=true a missing pcscd, vpcd or pcsclite binding fails
 * the run instead of skipping it.
 */
import { ErrorCode, ServiceReason } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { describeWithPcscd } from './daemon-on-pcscd.js';
import { PCSCD_LOCK_TIMEOUT_MS } from './daemon-on-pcscd-without-reader.js';
import { slotCardWaitJournaled, slotCardWaitsIn, stepsIn, transactionsIn } from './presence-reader-rig.js';
import { cardNotTakenFromSlot, presenceReaderWorld } from './presence-reader-world.js';

/** the take timeout, the session's and the wait's after it */
const TAKE_MS = 1_500;
/** the ended view stays this long: its end comes past the wait's first take timeout */
const ENDED_VIEW_MS = 4_000;

describeWithPcscd('a card left in a presence reader, not retracted', () => {
  const world = presenceReaderWorld('kiosk-presence-left-');

  it(
    'card-left-in-presence-reader-not-retracted: not taken, journaled left in the slot, the resident told to take it, card journeys held back until it is taken, its removal journaled',
    async () => {
      const { own, card, client } = await world.start([
        ...['--set', `timeouts.cardTakeMs=${TAKE_MS}`],
        ...['--set', `timeouts.endedViewMs=${ENDED_VIEW_MS}`],
      ]);
      // zhang cancels at PIN entry and walks away: the card handed back to the slot, not taken
      const ended = await cardNotTakenFromSlot({ card, client });
      expect(ended).toMatchObject({
        outcome: 'failed',
        cardLeftInSlot: true,
        error: { code: ErrorCode.CARD_LEFT_IN_SLOT },
      });
      expect(ended?.cardKeptForStaff).toBeUndefined();
      const held = await client.waitForKiosk((k) => k.reason === ServiceReason.CARD_LEFT_IN_READER, 20_000);
      expect(held.journeysOffered).not.toContain('balance');

      const balance = transactionsIn(own).find((t) => t.journey === 'balance')!;
      expect(balance).toMatchObject({ status: 'closed', outcome: 'failed' });
      const cardSteps = stepsIn(own, balance.id).filter((s) =>
        /^card\.(eject|retract|unaccounted|leftInSlot)/.test(s.step),
      );
      expect(cardSteps).toEqual([
        { step: 'card.eject:intent', detail: null },
        { step: 'card.eject:done', detail: null },
        {
          step: 'card.leftInSlot:event',
          detail: { readerSays: 'atSlot', captureBin: false, forStaff: true },
        },
      ]);

      // the ended view's end, past the wait's take timeout: the card still waited for, still held back
      await client.waitForSession((v) => v === null, 20_000);
      // the wait is journaled apart from the session's close (its transaction, then its step)
      const [wait, ...moreWaits] = await slotCardWaitJournaled(own);
      const waits = () => slotCardWaitsIn(own);
      expect(moreWaits).toEqual([]);
      expect(wait).toMatchObject({ status: 'open' });
      expect(stepsIn(own, wait!.id)).toEqual([
        { step: 'recovery.slotCard:event', detail: { where: 'atSlot', takeMs: TAKE_MS } },
      ]);
      expect(client.kiosk?.reason).toBe(ServiceReason.CARD_LEFT_IN_READER);

      // someone takes the card out of the slot: journaled, the kiosk serves again
      await card.detach();
      const serving = await client.waitForKiosk((k) => k.journeysOffered.includes('balance'), 20_000);
      expect(serving.reason).not.toBe(ServiceReason.CARD_LEFT_IN_READER);
      await eventually(() => waits()[0]?.status, 'the wait closed', {
        withinMs: 10_000,
        until: (status) => status === 'closed',
      });
      expect(waits()).toEqual([expect.objectContaining({ status: 'closed', outcome: 'completed' })]);
      expect(stepsIn(own, wait!.id).at(-1)).toEqual({
        step: 'recovery.slotCard:event',
        detail: { where: 'taken' },
      });
    },
    PCSCD_LOCK_TIMEOUT_MS + 120_000,
  );
});
