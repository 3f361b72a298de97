/**
 * Fault: the kiosk crashed (or lost power) while a card lay in the slot of a reader without a motor
 * (`devices.cardReader.mechanism=presence`), left there by a resident who did not take it. After
 * the restart the reader says the card is inside (it cannot tell the slot from inside), and boot
 * recovery asked it to capture the card: refused (no capture bin), the card was journaled
 * `card.unaccounted` kept for staff, no wait resumed, and its removal afterwards was journaled
 * nowhere; a card taken while the kiosk was down was journaled nowhere either.
 *
 * The real daemon (the bundle) on the real PC/SC stack: pcscd with vpcd's reader standing for the
 * plain reader, zhang's virtual card put on it by the spec (the resident's hand); the daemon killed
 * (SIGKILL) with the wait for the card open, and started again on the same journal:
 * - the card still on the contacts: no capture asked, journaled left in the slot after the restart,
 *   the card journeys held back again (CARD_LEFT_IN_READER), and taken out, its removal journaled
 *   and the kiosk serving again;
 * - the card pulled while the daemon was down: journaled taken at boot, the kiosk serving;
 * - killed in a session's second journey (the records after a balance) with the card pushed in: the
 *   card is the session's, journaled left in the slot under the records with the number the
 *   balance read, the card journeys held back, no stray return
 *   (card-claimed-by-no-transaction-after-crash-in-next-journey, ADR 0028).
 * With CI=true a missing pcscd, vpcd or pcsclite binding fails the run instead of skipping it.
 */
import { createDemoCards, InMemoryCardStore } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, maskCardNumber, ServiceReason } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { describeWithPcscd } from './daemon-on-pcscd.js';
import { PCSCD_LOCK_TIMEOUT_MS } from './daemon-on-pcscd-without-reader.js';
import { slotCardWaitJournaled, slotCardWaitsIn, stepsIn, transactionsIn } from './presence-reader-rig.js';
import { cardNotTakenFromSlot, presenceReaderWorld } from './presence-reader-world.js';

/** the take timeout, the session's and the wait's after it */
const TAKE_MS = 1_500;
const ARGS = ['--set', `timeouts.cardTakeMs=${TAKE_MS}`, '--set', 'timeouts.endedViewMs=1000'];
/** and the demo panel's PIN pad, for a session that types its PIN */
const WITH_PIN_PAD = [...ARGS, '--set', 'demo.panel=true'];
const LEFT_AT_SLOT = { step: 'recovery.slotCard:event', detail: { where: 'atSlot', takeMs: TAKE_MS } };
const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

describeWithPcscd('a card left in a presence reader slot across a restart', () => {
  const world = presenceReaderWorld('kiosk-presence-restart-');

  /** zhang's card left in the slot, the wait for it open, then the daemon killed */
  async function cardLeftThenCrash() {
    const first = await world.start(ARGS);
    await cardNotTakenFromSlot(first);
    await first.client.waitForKiosk((k) => k.reason === ServiceReason.CARD_LEFT_IN_READER, 20_000);
    const waits = () => slotCardWaitsIn(first.own);
    // the daemon is killed only once the wait's transaction and its step are both written
    await slotCardWaitJournaled(first.own);
    expect(waits()).toEqual([expect.objectContaining({ status: 'open' })]);
    expect(stepsIn(first.own, waits()[0]!.id)).toEqual([LEFT_AT_SLOT]);
    return { first, waits, wait: waits()[0]!.id };
  }

  it(
    'card-left-in-presence-slot-across-restart: still in the slot after the restart, no capture asked, the card journeys held back again, its removal journaled',
    async () => {
      const { waits, wait } = await cardLeftThenCrash();
      const { own, card, client } = await world.crashAndRestart();
      const held = await client.waitForKiosk((k) => k.reason === ServiceReason.CARD_LEFT_IN_READER, 20_000);
      expect(held.journeysOffered).not.toContain('balance');
      // the cut-short wait closed with the card left in the slot; a new wait for it, open, with its
      // step (its transaction opened, then its step: a read between the two sees none)
      const resumed = () => waits().find((t) => t.id !== wait);
      await eventually(resumed, 'the wait resumed', {
        withinMs: 15_000,
        until: (found) => found?.status === 'open' && stepsIn(own, found.id).length > 0,
      });
      expect(
        stepsIn(own, wait)
          .slice(1)
          .map((s) => s.step),
      ).toEqual(['recovery.found:event', 'card.leftInSlot:event']);
      expect(stepsIn(own, wait).at(-1)!.detail).toMatchObject({
        after: 'restart',
        captureBin: false,
        forStaff: true,
      });
      expect(stepsIn(own, resumed()!.id)).toEqual([
        { ...LEFT_AT_SLOT, detail: { ...LEFT_AT_SLOT.detail, after: 'restart', leftBy: wait } },
      ]);
      const everyStep = transactionsIn(own).flatMap((t) => stepsIn(own, t.id).map((s) => s.step));
      expect(everyStep.filter((s) => /retract|unaccounted/.test(s))).toEqual([]);

      // taken out of the slot: journaled, the kiosk serves again
      await card.detach();
      const serving = await client.waitForKiosk((k) => k.journeysOffered.includes('balance'), 20_000);
      expect(serving.reason).not.toBe(ServiceReason.CARD_LEFT_IN_READER);
      await eventually(() => resumed()?.status, 'the removal journaled', {
        withinMs: 10_000,
        until: (status) => status === 'closed',
      });
      expect(resumed()).toMatchObject({ outcome: 'completed' });
      expect(stepsIn(own, resumed()!.id).at(-1)).toEqual({
        step: 'recovery.slotCard:event',
        detail: { where: 'taken' },
      });
    },
    PCSCD_LOCK_TIMEOUT_MS + 120_000,
  );

  it(
    'card-claimed-by-no-transaction-after-crash-in-next-journey: killed in the records after a balance, the card pushed in: left in the slot under the records, the card journeys held back, no stray return',
    async () => {
      const { own, card, client } = await world.start(WITH_PIN_PAD);
      await client.emit('session.start', { journey: 'balance' });
      await client.waitForSession((v) => v?.step === 'insertCard');
      await card.attach(createDemoCards({ store: new InMemoryCardStore() }).open(zhang.key)!);
      await client.waitForSession((v) => v?.step === 'enterPin', 20_000);
      for (const key of zhang.cardPin) await client.emit('demo.pinpad', { key });
      await client.waitForSession((v) => v?.pin?.entered === zhang.cardPin.length);
      await client.emit('demo.pinpad', { key: 'enter' });
      await client.waitForSession((v) => v?.step === 'showBalance', 20_000);
      expect(await client.emit('session.start', { journey: 'records' })).toEqual({ ok: true });
      await client.waitForSession((v) => v?.step === 'showRecords', 20_000);
      // the switch journaled before the machine was told: the card read in the balance, now closed
      const [balance, records, ...more] = transactionsIn(own);
      expect(more).toEqual([]);
      expect(balance).toMatchObject({ journey: 'balance', status: 'closed' });
      expect(stepsIn(own, balance!.id).map((s) => s.step)).toContain('card.read:event');
      expect(records).toMatchObject({ journey: 'records', status: 'open' });
      // and no step of the card in the records: boot read the newest's alone and found none
      expect(stepsIn(own, records!.id).filter((s) => s.step.startsWith('card.'))).toEqual([]);

      const { client: after } = await world.crashAndRestart();
      const held = await after.waitForKiosk((k) => k.reason === ServiceReason.CARD_LEFT_IN_READER, 20_000);
      expect(held.journeysOffered).not.toContain('balance');
      // journaled before the kiosk was told: once, under the records, with the number the balance read
      expect(stepsIn(own, records!.id).at(-1)).toEqual({
        step: 'card.leftInSlot:event',
        detail: {
          after: 'restart',
          readerSays: 'inReader',
          captureBin: false,
          card: maskCardNumber(zhang.cardNumber),
          forStaff: true,
        },
      });
      const [wait, ...others] = await slotCardWaitJournaled(own);
      expect(others).toEqual([]);
      expect(stepsIn(own, wait!.id)[0]!.detail).toMatchObject({ leftBy: records!.id });
      expect(transactionsIn(own).map((t) => t.journey)).not.toContain('recovery');

      // taken out of the slot: the kiosk serves again
      await card.detach();
      await after.waitForKiosk((k) => k.journeysOffered.includes('balance'), 20_000);
    },
    PCSCD_LOCK_TIMEOUT_MS + 120_000,
  );

  it(
    'card-left-in-presence-slot-taken-while-down: pulled while the daemon was down, journaled taken at boot, the kiosk serving',
    async () => {
      const { first, wait } = await cardLeftThenCrash();
      await first.daemon.stop('SIGKILL');
      await first.card.detach();
      const { own, client } = await world.crashAndRestart();
      await client.waitForKiosk((k) => k.journeysOffered.includes('balance'), 20_000);
      expect(stepsIn(own, wait).at(-1)).toEqual({
        step: 'recovery.slotCard:event',
        detail: { where: 'taken', after: 'restart' },
      });
    },
    PCSCD_LOCK_TIMEOUT_MS + 120_000,
  );
});
