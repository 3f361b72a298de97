/**
 * Fault: pcscd restarted (a crash, an update, the reader's USB link dropping) while a resident's
 * card lay in a reader without a motor (`devices.cardReader.mechanism=presence`: it only senses a
 * card). The link read "no card" when pcscd went, so the running kiosk took the card for pulled out
 * (the session ended CARD_REMOVED, as if the resident had taken it), and pcscd's first status when it
 * came back said "inserted": the idle kiosk handed the same card back as a stray card.
 *
 * Fault (card-handed-back-while-reader-lost): the resident's cancel while pcscd was gone met a
 * hand-back refused at once (DEVICE_OFFLINE: the reader had not said where the card is), then a
 * retract such a reader always refuses, and the card was left "for staff" while it stuck out of the
 * slot. The hand-back now waits for the reader's word on the card (positionWaitMs, within the move's
 * bound): pcscd back within it, the resident is asked to take the card and takes it; past it, the
 * card is left in the slot, the resident told to take it (CARD_LEFT_IN_SLOT), never kept for staff.
 *
 * Fault (card-left-in-slot-while-reader-lost-removal-journaled): the card so left while the reader
 * was still lost had no slot-card wait, so its removal freed the kiosk but was journaled nowhere;
 * the wait now starts on the reader's first word (journey cardLeftAtSlot, its removal journaled).
 *
 * The real daemon (the bundle) on the real PC/SC stack: pcscd with vpcd's reader standing for the
 * plain reader, zhang's virtual card put on it by the spec (the resident's hand). pcscd is killed at
 * PIN entry: the session goes on (no card pulled out). pcscd comes back with the card still on the
 * contacts: the card is sensed where it was, nothing is handed back as a stray card.
 * With CI=true a missing pcscd, vpcd or pcsclite binding fails the run instead of skipping it.
 */
import { createDemoCards, InMemoryCardStore } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, ErrorCode, ServiceReason } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { describeWithPcscd } from './daemon-on-pcscd.js';
import { PCSCD_LOCK_TIMEOUT_MS, readerState } from './daemon-on-pcscd-without-reader.js';
import { pcscdBackWithTheCard, stepsIn, transactionsIn } from './presence-reader-rig.js';
import { presenceReaderWorld, type PresenceReaderWorld } from './presence-reader-world.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const WAIT_MS = 20_000;
/** the hand-back's wait for the reader's word: pcscd back well within it (about a second)... */
const LONG_WAIT = ['--set', 'devices.cardReader.positionWaitMs=8000'];
/** ...or kept away past it */
const SHORT_WAIT = ['--set', 'devices.cardReader.positionWaitMs=1500'];

/** zhang's card in the plain reader at PIN entry, then pcscd killed: the reader offline, the session at its PIN. */
async function pcscdGoneAtPin(world: PresenceReaderWorld): Promise<void> {
  const { rig, card, client } = world;
  await client.emit('session.start', { journey: 'balance' });
  await client.waitForSession((v) => v?.step === 'insertCard');
  await card.attach(createDemoCards({ store: new InMemoryCardStore() }).open(zhang.key)!);
  await client.waitForSession((v) => v?.step === 'enterPin', WAIT_MS);
  await rig.kill();
  await client.waitForKiosk((k) => readerState(k) === 'offline', WAIT_MS);
  expect(client.session?.step).toBe('enterPin');
}

describeWithPcscd('a card in a presence reader through a pcscd restart', () => {
  const world = presenceReaderWorld('kiosk-presence-restart-');

  it(
    'card-handed-back-while-reader-lost: the resident cancels while pcscd restarts: the hand-back waits for the reader, the card is offered back and taken, never left for staff',
    async () => {
      const w = await world.start(LONG_WAIT);
      const { own, rig, card, daemon, client } = w;
      await pcscdGoneAtPin(w);
      await client.emit('session.command', { command: 'cancel' });
      await client.waitForSession((v) => v?.step === 'ejectingCard', WAIT_MS);
      // pcscd back with the card on the contacts: the reader says where the card is, the hand-back goes on
      await pcscdBackWithTheCard(rig, daemon);
      await client.waitForSession((v) => v?.step === 'takeCard', WAIT_MS);
      await card.detach();
      const ended = await client.waitForSession((v) => v?.step === 'ended', WAIT_MS);
      expect(ended).toMatchObject({ outcome: 'cancelled' });
      expect(ended?.error).toBeUndefined();
      expect(ended?.cardKeptForStaff).toBeUndefined();
      expect(ended?.cardLeftInSlot).toBeUndefined();
      const [balance, ...others] = transactionsIn(own);
      expect(others).toEqual([]);
      const steps = stepsIn(own, balance!.id).map((s) => s.step);
      expect(steps).not.toContain('card.eject:failed');
      expect(steps).not.toContain('card.retract:intent');
      expect(steps).not.toContain('card.unaccounted:event');
      // the kiosk serves the next resident
      await client.waitForKiosk((k) => k.journeysOffered.includes('balance'), WAIT_MS);
    },
    PCSCD_LOCK_TIMEOUT_MS + 90_000,
  );

  it(
    'fault: pcscd not back within the hand-back wait: the card left in the slot, the resident told to take it, never kept for staff; back, the card is sensed where it was, never handed back as a stray card',
    async () => {
      const w = await world.start(SHORT_WAIT);
      const { own, rig, card, daemon, client } = w;
      await pcscdGoneAtPin(w);
      // the resident gives up: the hand-back waits for the reader, which stays away past the wait
      await client.emit('session.command', { command: 'cancel' });
      const ended = await client.waitForSession((v) => v?.step === 'ended', WAIT_MS);
      // before the fix (the old outcome, the fault): DEVICE_OFFLINE at once, cardKeptForStaff, the
      // card journaled card.unaccounted after a retract refused (no capture bin)
      expect(ended).toMatchObject({
        outcome: 'failed',
        cardLeftInSlot: true,
        error: { code: ErrorCode.CARD_LEFT_IN_SLOT },
      });
      expect(ended?.cardKeptForStaff).toBeUndefined();
      // the session's transaction closed (just after its ended view), the only one
      await eventually(() => transactionsIn(own), 'the session closed', {
        withinMs: WAIT_MS,
        until: (all) => all.length === 1 && all[0]!.status === 'closed',
      });
      const [balance] = transactionsIn(own);
      expect(balance).toMatchObject({ journey: 'balance', outcome: 'failed' });
      const steps = stepsIn(own, balance!.id);
      expect(steps.find((s) => s.step === 'card.eject:failed')?.detail).toEqual({
        code: ErrorCode.DEVICE_OFFLINE,
      });
      expect(steps.find((s) => s.step === 'card.leftInSlot:event')?.detail).toMatchObject({
        readerSays: 'unknown',
        captureBin: false,
      });
      expect(steps.map((s) => s.step)).not.toContain('card.retract:intent');
      expect(steps.map((s) => s.step)).not.toContain('card.unaccounted:event');

      // pcscd back with the card still on the contacts: sensed where it was, nothing handed back
      // (the daemon held still until pcscd sees the card, as a real reader reports it at once)
      await pcscdBackWithTheCard(rig, daemon);
      const back = await client.waitForKiosk(
        (k) => readerState(k) === 'online' && k.reason === ServiceReason.CARD_LEFT_IN_READER,
        WAIT_MS,
      );
      expect(back.journeysOffered).not.toContain('balance');
      // the resident takes the card out: the reader empty, the kiosk serves again
      await card.detach();
      const serving = await client.waitForKiosk((k) => k.journeysOffered.includes('balance'), WAIT_MS);
      expect(serving.reason).not.toBe(ServiceReason.CARD_LEFT_IN_READER);
      // its removal journaled in the wait for it (before the fix: no wait, the removal journaled
      // nowhere); no stray-card hand-back, no other transaction, all the while
      const all = await eventually(() => transactionsIn(own), 'the removal journaled', {
        withinMs: WAIT_MS,
        until: (txs) => txs.length === 2 && txs[1]!.status === 'closed',
      });
      expect(all[0]).toEqual(balance);
      expect(all[1]).toMatchObject({ journey: 'cardLeftAtSlot', outcome: 'completed' });
      expect(stepsIn(own, all[1]!.id)).toEqual([
        expect.objectContaining({
          step: 'recovery.slotCard:event',
          detail: expect.objectContaining({ where: 'atSlot', after: 'readerLost' }),
        }),
        expect.objectContaining({ step: 'recovery.slotCard:event', detail: { where: 'taken' } }),
      ]);
    },
    PCSCD_LOCK_TIMEOUT_MS + 120_000,
  );
});
