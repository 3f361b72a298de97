/**
 * The fault: after a session ended with its card left in the reader (the retract refused, the
 * capture bin full; or the reader never answered a card move: card.unaccounted, ADR 0016), the
 * reader refused every card inserted (DEVICE_BUSY) until the next boot while the kiosk kept offering
 * every card journey, and neither staff nor the fleet saw why. With the emulated reader and the
 * kiosk's root machine: the session's end with its card still in the reader takes the card
 * journeys off (CARD_LEFT_IN_READER, the kiosk degraded), the card leaving the reader (taken from
 * the slot) offers them again; a card that left the reader, or a session that accounted for none,
 * changes nothing. A card boot recovery could not capture is told the same way, during the self test.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { EmulatedCardReader } from '@kiosk/device-drivers';
import { ErrorCode, JOURNEYS } from '@kiosk/domain';
import { kioskMachine, type SessionOutput } from '@kiosk/state-machines';
import { createActor, fromPromise, waitFor } from 'xstate';
import { watchCardLeftInReader } from './card-left-in-reader.js';
import { healthyBut, watchedKiosk } from './kiosk-in-service.spec-support.js';

let reader: EmulatedCardReader | undefined;
afterEach(async () => {
  await reader?.close();
  reader = undefined;
});

/** the kiosk in service with every other device healthy, and the watch of a card left in `r` */
const kioskAround = (r: EmulatedCardReader) =>
  watchedKiosk(
    () => healthyBut(r.status()),
    (kiosk, sessionRuns) => watchCardLeftInReader(r, kiosk, sessionRuns),
  );

const retractFailed: SessionOutput = {
  sessionId: 's-1',
  journey: 'balance',
  outcome: 'failed',
  error: { code: ErrorCode.DEVICE_OFFLINE, message: 'The card reader is offline.' },
  cardUnaccounted: 'retract',
};

/**
 * a session's card at the slot, not taken, whose retract failed: the reader dropped offline for
 * it, online again since (a full capture bin no longer serves: it holds the card journeys back
 * before any session starts, CARD_CAPTURE_BIN_FULL)
 */
async function cardLeftAtSlot(): Promise<EmulatedCardReader> {
  const r = new EmulatedCardReader({ today: new Date('2026-11-26') });
  reader = r;
  await r.open();
  await r.insertCard('zhang');
  await r.eject();
  r.setFault('offline');
  await expect(r.retract()).rejects.toMatchObject({ code: ErrorCode.DEVICE_OFFLINE });
  r.setFault(null);
  return r;
}

describe('a card a session left in the reader', () => {
  it('card retract failed, the card left in the reader: card journeys held back with CARD_LEFT_IN_READER, offered again once the card is taken', async () => {
    const r = await cardLeftAtSlot();
    const k = await kioskAround(r);
    expect(k.offered()).toEqual([...JOURNEYS]);

    k.watch.sessionEnded(retractFailed);
    expect(k.kiosk.getSnapshot().value).toBe('degraded');
    expect(k.kiosk.getSnapshot().context.reason).toBe('CARD_LEFT_IN_READER');
    expect(k.offered()).not.toContain('balance');
    expect(k.offered()).not.toContain('withdraw');
    expect(k.offered()).toEqual(['issueCard', 'reportLoss']);
    // what the journeys held back would have met: the reader refuses the next card
    await expect(r.insertCard('li')).rejects.toMatchObject({ code: ErrorCode.DEVICE_BUSY });

    await r.takeCard();
    expect(k.kiosk.getSnapshot().value).toBe('inService');
    expect(k.offered()).toEqual([...JOURNEYS]);
    k.kiosk.stop();
    k.watch.stop();
  });

  it('card eject never answered, the card still inside: held back, and a session running does not clear it', async () => {
    const r = new EmulatedCardReader({ today: new Date('2026-11-26') });
    reader = r;
    await r.open();
    await r.insertCard('zhang');
    const k = await kioskAround(r);
    k.watch.sessionEnded({
      ...retractFailed,
      error: { code: 'DEVICE_TIMEOUT', message: 'x' },
      cardUnaccounted: 'eject',
    });
    expect(k.kiosk.getSnapshot().context.reason).toBe('CARD_LEFT_IN_READER');
    // a card event while a session runs is the session's own
    k.setSessionRuns(true);
    await r.eject();
    await r.takeCard();
    expect(k.kiosk.getSnapshot().context.reason).toBe('CARD_LEFT_IN_READER');
    k.kiosk.stop();
    k.watch.stop();
  });

  it('card left at the slot taken while another resident’s session runs (a loss report): card journeys offered again when that session ends', async () => {
    const r = await cardLeftAtSlot();
    const k = await kioskAround(r);
    k.watch.sessionEnded({
      ...retractFailed,
      error: { code: 'CARD_LEFT_IN_SLOT', message: 'x' },
      cardUnaccounted: undefined,
      cardLeftInSlot: true,
    });
    expect(k.kiosk.getSnapshot().context.reason).toBe('CARD_LEFT_IN_READER');
    // the next resident reports a loss (no card into the reader) and takes the card left in the slot
    k.setSessionRuns(true);
    await r.takeCard();
    expect(k.kiosk.getSnapshot().context.reason).toBe('CARD_LEFT_IN_READER');
    k.setSessionRuns(false);
    k.watch.sessionEnded({ sessionId: 's-2', journey: 'reportLoss', outcome: 'completed' });
    expect(k.kiosk.getSnapshot().value).toBe('inService');
    expect(k.offered()).toEqual([...JOURNEYS]);
    k.kiosk.stop();
    k.watch.stop();
  });

  it('card not captured at boot, left in the reader by recovery: told during the self test, the kiosk placed with CARD_LEFT_IN_READER', async () => {
    const r = new EmulatedCardReader({
      today: new Date('2026-11-26'),
      captureBin: { count: 50, capacity: 50 },
    });
    reader = r;
    await r.open();
    await r.insertCard('zhang');
    // told to the kiosk actor made below, once it runs
    const watch = watchCardLeftInReader(r, { send: (event) => kiosk.send(event) }, () => false);
    // the self test's recovery: the capture refused (the bin full), the card accounted for and left
    const kiosk = createActor(
      kioskMachine.provide({
        actors: {
          selfTest: fromPromise(async () => {
            await expect(r.retract()).rejects.toMatchObject({ code: ErrorCode.DEVICE_BIN_FULL });
            watch.leftByRecovery();
            return healthyBut(r.status());
          }),
        },
      }),
      { input: {} },
    ).start();
    kiosk.send({ type: 'BOOTED' });
    await waitFor(kiosk, (s) => !s.matches('selfTest') && !s.matches('placing'));
    expect(kiosk.getSnapshot().value).toBe('degraded');
    expect(kiosk.getSnapshot().context.reasons).toEqual(['CARD_LEFT_IN_READER', 'CARD_CAPTURE_BIN_FULL']);
    expect(kiosk.getSnapshot().context.journeysOffered).toEqual(['issueCard', 'reportLoss']);
    // reader offline as well: still degraded (a new card and the loss report need no card reader),
    // the reader's reason first, the card still held
    r.setFault('offline');
    kiosk.send({ type: 'DEVICES_CHANGED', statuses: healthyBut(r.status()) });
    expect(kiosk.getSnapshot().value).toBe('degraded');
    expect(kiosk.getSnapshot().context.reason).toBe('CARD_READER_DOWN');
    expect(kiosk.getSnapshot().context.reasons).toContain('CARD_LEFT_IN_READER');
    expect(kiosk.getSnapshot().context.journeysOffered).toEqual(['issueCard', 'reportLoss']);
    r.setFault(null);
    kiosk.send({ type: 'DEVICES_CHANGED', statuses: healthyBut(r.status()) });
    expect(kiosk.getSnapshot().context.reason).toBe('CARD_LEFT_IN_READER');
    // the card leaves the reader with no session running (given back, taken): held back no more for it
    await r.eject();
    await r.takeCard();
    expect(kiosk.getSnapshot().context.reasons).toEqual(['CARD_CAPTURE_BIN_FULL']);
    kiosk.stop();
    watch.stop();
  });

  it('a session that left no card, or whose card left the reader meanwhile, changes nothing', async () => {
    const r = await cardLeftAtSlot();
    const k = await kioskAround(r);
    k.watch.sessionEnded({ ...retractFailed, cardUnaccounted: undefined, outcome: 'cardRetracted' });
    expect(k.offered()).toEqual([...JOURNEYS]);
    await r.takeCard();
    k.watch.sessionEnded(retractFailed);
    expect(k.kiosk.getSnapshot().value).toBe('inService');
    expect(k.offered()).toEqual([...JOURNEYS]);
    k.kiosk.stop();
    k.watch.stop();
  });
});
