/**
 * Fault: pcscd restarted (a crash, an update, the reader's USB link dropping) while a resident's
 * card lay in a reader without a motor (`devices.cardReader.mechanism=presence`: it only senses a
 * card). The link read "no card" when pcscd went, so the running kiosk took the card for pulled out
 * (the session ended CARD_REMOVED, as if the resident had taken it), and pcscd's first status when it
 * came back said "inserted": the idle kiosk handed the same card back as a stray card.
 *
 * The real daemon (the bundle) on the real PC/SC stack: pcscd with vpcd's reader standing for the
 * plain reader, zhang's virtual card put on it by the spec (the resident's hand). pcscd is killed at
 * PIN entry: the session goes on (no card pulled out), and the resident's cancel meets a device
 * fault (the reader offline, DEVICE_OFFLINE) when the card is to be handed back; the card, whose
 * place nobody knows then, is accounted for and left for staff (a presence reader can neither hand
 * it back nor capture it). pcscd comes back with the card
 * still on the contacts: the card is sensed where it was, nothing is handed back as a stray card,
 * the card journeys stay held back until the card leaves the reader, and then the kiosk serves again.
 * With CI=true a missing pcscd, vpcd or pcsclite binding fails the run instead of skipping it.
 */
import { createDemoCards, InMemoryCardStore } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, ErrorCode, ServiceReason } from '@kiosk/domain';
import { describeWithPcscd } from './daemon-on-pcscd.js';
import { PCSCD_LOCK_TIMEOUT_MS, readerState } from './daemon-on-pcscd-without-reader.js';
import { pcscdBackWithTheCard, stepsIn, transactionsIn } from './presence-reader-rig.js';
import { presenceReaderWorld } from './presence-reader-world.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

describeWithPcscd('a card in a presence reader through a pcscd restart', () => {
  const world = presenceReaderWorld('kiosk-presence-restart-');

  it(
    'fault: pcscd restarts with the card in a presence reader mid-session: a device fault, not a card pulled out; back, the card is sensed where it was, never handed back as a stray card',
    async () => {
      const { own, rig, card, daemon, client } = await world.start();
      await client.emit('session.start', { journey: 'balance' });
      await client.waitForSession((v) => v?.step === 'insertCard');
      // the resident puts the card in the plain reader: pcscd sees it, the daemon reads it
      await card.attach(createDemoCards({ store: new InMemoryCardStore() }).open(zhang.key)!);
      await client.waitForSession((v) => v?.step === 'enterPin', 20_000);

      // pcscd goes with the card on the contacts: the reader offline, the session still at its PIN
      await rig.kill();
      await client.waitForKiosk((k) => readerState(k) === 'offline', 20_000);
      expect(client.session?.step).toBe('enterPin');
      // the resident gives up: the card's hand-back meets the reader offline, a device fault (the
      // reader cannot say where the card is), and the card is left for staff
      await client.emit('session.command', { command: 'cancel' });
      const ended = await client.waitForSession((v) => v?.step === 'ended', 20_000);
      // the resident reads why the card was not given back (the reader offline), not the fallback
      // retract's refusal (a presence reader has no capture bin); the journal keeps both
      expect(ended).toMatchObject({
        outcome: 'failed',
        cardKeptForStaff: true,
        error: { code: ErrorCode.DEVICE_OFFLINE },
      });
      const [balance, ...others] = transactionsIn(own);
      expect(others).toEqual([]);
      expect(balance).toMatchObject({ journey: 'balance', status: 'closed' });
      const steps = stepsIn(own, balance!.id);
      expect(steps.find((s) => s.step === 'card.eject:failed')?.detail).toEqual({
        code: ErrorCode.DEVICE_OFFLINE,
      });
      expect(steps.find((s) => s.step === 'card.retract:failed')?.detail).toEqual({
        code: ErrorCode.DEVICE_HARDWARE_ERROR,
      });
      expect(steps.find((s) => s.step === 'card.unaccounted:event')?.detail).toMatchObject({
        readerSays: 'unknown',
        forStaff: true,
      });

      // pcscd back with the card still on the contacts: sensed where it was, nothing handed back
      // (the daemon held still until pcscd sees the card, as a real reader reports it at once)
      await pcscdBackWithTheCard(rig, daemon);
      const back = await client.waitForKiosk(
        (k) => readerState(k) === 'online' && k.reason === ServiceReason.CARD_LEFT_IN_READER,
        20_000,
      );
      expect(back.journeysOffered).not.toContain('balance');
      // the resident (or staff) takes the card out: the reader empty, the kiosk serves again
      await card.detach();
      const serving = await client.waitForKiosk((k) => k.journeysOffered.includes('balance'), 20_000);
      expect(serving.reason).not.toBe(ServiceReason.CARD_LEFT_IN_READER);
      // no stray-card hand-back, no other transaction, all the while
      expect(transactionsIn(own)).toEqual([balance]);
    },
    PCSCD_LOCK_TIMEOUT_MS + 120_000,
  );
});
