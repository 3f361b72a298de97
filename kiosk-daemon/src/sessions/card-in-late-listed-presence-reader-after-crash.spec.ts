/**
 * Fault: the kiosk crashed (or lost power) with a resident's card in a reader without a motor (the
 * "presence" mechanism: it only senses a card), and at the next boot pcscd listed that reader a
 * little late, after boot recovery had looked. Recovery took the reader's 'none' as final: the
 * cut-short session was closed with its card treated as gone, and when the reader was listed its
 * first status said "inserted", which the kiosk handed back at the slot as a stray card (a
 * transaction of journey `strayCard`), to whoever stood there.
 *
 * Now the reader says 'unknown' until its first status, and recovery waits for its word (at most
 * `devices.cardReader.positionWaitMs`) when the newest open transaction took a card into the reader:
 * listed within the wait, the card is recognised as that transaction's (a presence reader cannot
 * capture it: journaled left in its slot and waited for, ADR 0002); still silent at the bound, the card is
 * accounted for as of unknown whereabouts and the kiosk stays out of service for staff
 * (CARD_POSITION_UNKNOWN); listed afterwards, it is sensed, never a stray card.
 *
 * The real journal (SQLite), the reader as `PcscCardReader` makes it for a reader without a motor
 * (`MotorisedCardReader` on the `PresenceCardMechanism`) with pcscd's side stood in for (the reader
 * listed, and its statuses, when the spec says; the driver's own handling of pcscd's first status is
 * device-drivers' `card-in-late-listed-presence-reader`), boot recovery, the slot-card service and
 * the daemon's relay of the reader's events (a card inserted with no session: handed back).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import { DEMO_RESIDENTS, ErrorCode, maskCardNumber } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { MetricsService } from '../telemetry/metrics.service.js';
import { expectLeftInSlotAtBoot, expectUnknownAtTheBound } from './card-left-late-listed.spec-support.js';
import { relayDeviceEvents } from './device-events.js';
import { pcscdStandIn, presenceReaderOn } from './pcscd-presence-stand-in.spec-support.js';
import { presenceBootRecovery } from './presence-boot-recovery.spec-support.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const cleanups: (() => Promise<unknown> | unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The kiosk at its next boot: the journal with the cut-short balance session open (its card read
 * when `cardRead`), the presence reader opened with pcscd not listing it yet, recovery waiting at most
 * `positionWaitMs` for it.
 */
async function bootAfterCrash(positionWaitMs: number, cardRead = true) {
  const { db, journal } = await openMemoryJournal();
  cleanups.push(() => db.destroy());
  const cut = await journal.openTransaction('s-b', 'balance');
  const card = maskCardNumber(zhang.cardNumber);
  if (cardRead) await journal.recordStep(cut, 'card.read', 'event', { card });
  const pcscd = pcscdStandIn();
  const reader = presenceReaderOn(pcscd);
  await reader.open();
  cleanups.push(() => reader.close());
  /** pcscd lists the reader, then its first status: the card on the contacts, or none */
  const listReader = (withCard: boolean) => pcscd.list(withCard);
  const timing = { cardTakeMs: 60_000, positionWaitMs };
  const { slotCard, recovery } = presenceBootRecovery(reader, journal, timing, cleanups);
  const cardLeft: string[] = [];
  recovery.onCardLeftForStaff(() => cardLeft.push('CARD_LEFT_IN_READER'));
  /** recovery has begun waiting for the reader's word (its listener on the reader's card events) */
  const waiting = new Promise<void>((resolve) => {
    const listen = reader.onCardEvent.bind(reader);
    reader.onCardEvent = (listener) => (resolve(), listen(listener));
  });
  /** the booted kiosk relays the reader's events as the daemon does, no session running */
  const relay = () => {
    const quiet = new Proxy({}, { get: () => () => () => undefined });
    const others = ['receiptPrinter', 'pinPad', 'cashDispenser', 'idReader', 'cardMaking', 'cardPrinter'];
    const relayed = {
      ...Object.fromEntries(others.map((kind) => [kind, quiet])),
      cardReader: reader,
      onAnyStatus: () => () => undefined,
    };
    const offs = relayDeviceEvents(
      relayed as unknown as DevicesService,
      quiet as IssuanceHostService,
      quiet as MetricsService,
      {
        session: () => null,
        devicesChanged: () => undefined,
        notify: () => undefined,
        strayCard: () => void slotCard.returnStray(),
      },
    );
    cleanups.push(() => offs.forEach((off) => off()));
  };
  const events: string[] = [];
  reader.onCardEvent((e) => events.push(e.type));
  const stepsOf = async (tx: string) =>
    (await journal.stepsOf(tx)).map((s) => ({
      step: `${s.step}:${s.phase}`,
      detail: s.detail === null ? null : (JSON.parse(s.detail) as unknown),
    }));
  const journeys = async () =>
    (await db.query(`SELECT journey, status, outcome FROM journal_transaction ORDER BY rowid`)) as {
      journey: string;
      status: string;
      outcome: string | null;
    }[];
  return {
    cut,
    card,
    reader,
    listReader,
    recovery,
    slotCard,
    cardLeft,
    waiting,
    relay,
    events,
    stepsOf,
    journeys,
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The cut-short session closed as interrupted, its card waited for in the slot (`cardLeftAtSlot`),
 * marked handed back with no move ('ejected' is the mechanism's word for it).
 */
async function expectWaitedInSlot(k: Awaited<ReturnType<typeof bootAfterCrash>>): Promise<void> {
  const waited = [
    { journey: 'balance', status: 'closed', outcome: 'interrupted' },
    { journey: 'cardLeftAtSlot', status: 'open', outcome: null },
  ];
  await eventually(() => k.journeys(), 'the card waited for', {
    withinMs: 5_000,
    until: (rows) => rows.length === 2,
  });
  expect(await k.journeys()).toEqual(waited);
  expect(k.reader.cardPosition()).toBe('atSlot');
  expect(k.events).toEqual(['sensed', 'ejected']);
}

describe('card in a late-listed presence reader after a crash', () => {
  it("listed during recovery's wait with the card inside: the cut-short session's card, left in its slot and waited for, never a stray card", async () => {
    const k = await bootAfterCrash(20_000);
    const recovered = k.recovery.recoverUnfinished();
    // pcscd lists the reader once recovery looks for it (or, were recovery not to wait, after it)
    await Promise.race([k.waiting, recovered.catch(() => undefined)]);
    await tick();
    k.listReader(true);
    const report = await recovered;
    k.relay();
    await tick();

    expect(report).toMatchObject({ recovered: 1, cardsLeftForStaff: 0 });
    expectLeftInSlotAtBoot(await k.stepsOf(k.cut), k.card);
    expect(k.cardLeft).toEqual(['CARD_LEFT_IN_READER']);
    // closed as interrupted, the card waited for in the slot (ADR 0002): no stray-card hand-back,
    // no boot hand-back
    await expectWaitedInSlot(k);
  });

  it('still silent at the bound: accounted for as of unknown whereabouts, out of service for staff (CARD_POSITION_UNKNOWN); listed later, sensed, no stray card, waited for in its slot', async () => {
    const k = await bootAfterCrash(50);
    await expect(k.recovery.recoverUnfinished()).rejects.toMatchObject({
      code: ErrorCode.CARD_POSITION_UNKNOWN,
    });
    expectUnknownAtTheBound(await k.stepsOf(k.cut), k.card);
    expect(k.cardLeft).toEqual(['CARD_LEFT_IN_READER']);
    expect(await k.journeys()).toEqual([{ journey: 'balance', status: 'closed', outcome: 'interrupted' }]);

    // the kiosk runs on (out of service); pcscd lists the reader with the card in it
    k.relay();
    k.listReader(true);
    // the card kept for staff sticks out of the slot: waited for there until it is taken, journaled
    // (card-kept-for-staff-in-presence-reader-removal-journaled), never handed back as a stray card
    await expectWaitedInSlot(k);
    expect(await k.stepsOf(k.cut)).toHaveLength(3);
  });

  it('listed empty during the wait: recovery goes on at once, nothing left for staff', async () => {
    const k = await bootAfterCrash(30_000);
    const recovered = k.recovery.recoverUnfinished();
    await k.waiting;
    k.listReader(false);
    await expect(recovered).resolves.toMatchObject({ recovered: 1, cardsLeftForStaff: 0 });
    expect((await k.stepsOf(k.cut)).map((s) => s.step)).toEqual(['card.read:event', 'recovery.found:event']);
    expect(k.cardLeft).toEqual([]);
  });

  it('no cut-short session took a card into the reader: the silent reader is not waited for', async () => {
    // a balance session cut short while it waited for the card
    const k = await bootAfterCrash(30_000, false);
    await expect(k.recovery.recoverUnfinished()).resolves.toMatchObject({
      recovered: 1,
      cardsLeftForStaff: 0,
    });
    expect(k.cardLeft).toEqual([]);
  });

  it('fault: a card no cut-short session claims, in the reader listed after recovery, was not handed back as one found at boot', async () => {
    // listed in time, such a card is handed back at boot (the slot-card service, journey recovery);
    // listed late, its first word (sensed) went to no one and the card lay in the idle kiosk unjournaled
    const k = await bootAfterCrash(30_000, false);
    await expect(k.recovery.recoverUnfinished()).resolves.toMatchObject({ cardsLeftForStaff: 0 });
    k.relay();
    k.listReader(true);
    const handedBack = await eventually(
      async () => (await k.journeys()).filter((t) => t.journey === 'recovery'),
      'the card found in the reader handed back in a recovery transaction',
      { withinMs: 5_000, until: (found) => found.length === 1 },
    );
    expect(handedBack).toEqual([{ journey: 'recovery', status: 'open', outcome: null }]);
    expect(k.events).toEqual(['sensed', 'ejected']);
    expect(k.reader.cardPosition()).toBe('atSlot');
  });
});
