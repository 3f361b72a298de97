/**
 * The damaged-card hand-in with the daemon's actors (the hand-in, the card accounting, the real
 * journal on SQLite in memory, the emulated card reader), on a simulated clock. The fault: the
 * hand-in's backstop fired while the reader gave someone else's card back (its eject, not the
 * capture) and `card.unaccounted` was journaled after a retract: field staff looked for the card
 * in the capture bin while it was in the reader or at the slot. Now the hand-in tells the journey
 * the move it asks for before it asks, and the row names the move that ran.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import { EmulatedCardReader, type CardReaderPort } from '@kiosk/device-drivers';
import { demoResident } from '@kiosk/domain';
import { handInBackstopMs, identifyMachine, type SessionInput } from '@kiosk/state-machines';
import { createActor, fromPromise, SimulatedClock, waitFor } from 'xstate';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostService } from '../host/host.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import type { JournaledHostRetries } from '../host/journaled-host-retries.js';
import type { WithdrawalHoldRelease } from '../journeys/withdrawal-hold-release.js';
import { SessionActorsFactory } from './session-actors.js';

const STEP_MS = 30_000;
const CARD_MOVE_MS = 10_000;
const zhang = demoResident('zhang')!;

let db: DataSource | undefined;
let reader: EmulatedCardReader | undefined;

afterEach(async () => {
  await reader?.close();
  await db?.destroy();
  db = reader = undefined;
});

/**
 * The emulated reader with `card` in; the move `never` reaches the reader's port (`asked`) and is
 * never answered (a reader that broke its own bound, still honouring its signal).
 */
async function readerNeverAnswering(card: string, never: 'eject' | 'retract') {
  const r = new EmulatedCardReader({ today: new Date('2026-11-26'), moveTimeoutMs: CARD_MOVE_MS });
  reader = r;
  await r.open();
  await r.insertCard(card);
  let ask: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => (ask = resolve));
  const port = Object.assign(Object.create(r) as CardReaderPort, {
    [never]: (signal?: AbortSignal) => {
      ask();
      return new Promise<void>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    },
  });
  return { port, asked, whereIs: () => r.listCards().find((c) => c.cardId === card)?.location };
}

/**
 * A replacement by Zhang, identified (ID card and face answered at once), who hands a card in as
 * his damaged one: the daemon's session machine and actors, its transaction in the real journal.
 */
async function handingIn(cardReader: CardReaderPort) {
  const opened = await openMemoryJournal();
  db = opened.db;
  const journal = opened.journal;
  const factory = new SessionActorsFactory(
    { cardReader, pinPad: {} } as unknown as DevicesService,
    {} as HostService,
    journal,
    {} as KioskConfig,
    {} as IssuanceHostService,
    {} as WithdrawalHoldRelease,
    {} as JournaledHostRetries,
  );
  const identified = identifyMachine.provide({
    actors: {
      readIdCard: fromPromise(async () => ({
        idNumber: zhang.idNumber,
        name: zhang.name,
        birthDate: zhang.birthDate,
        validTo: '2035-01-01',
      })),
      matchFace: fromPromise(async () => ({ score: 99 })),
    },
  });
  const machine = factory.sessionMachine.provide({ actors: { identifyJourney: identified } });
  const clock = new SimulatedClock();
  const input: SessionInput = {
    sessionId: 's-1',
    timeouts: { stepMs: STEP_MS, warnMs: 20_000, cardTakeMs: 30_000, cardMoveMs: CARD_MOVE_MS },
    pinLength: 6,
    journeysOffered: ['replaceCard'],
    journeyOptions: { issue: { handInDamaged: true } },
    now: () => clock.now(),
  };
  const tx = await journal.openTransaction('s-1', 'replaceCard');
  const actor = createActor(machine, { input, clock });
  factory.scope(actor.system, { transactionId: tx, locale: () => 'en', send: () => undefined });
  actor.start();
  actor.send({ type: 'SELECT_JOURNEY', journey: 'replaceCard' });
  // identified: the replacement asks why first (its journey starts at that question)
  await waitFor(actor, (s) => s.matches({ noCard: 'issuing' }), { timeout: 2_000 });
  actor.send({ type: 'REPLACEMENT_REASON', reason: 'damaged' });
  const ended = async () => {
    await waitFor(actor, (s) => s.status === 'done', { timeout: 2_000 });
    return actor.getSnapshot().output;
  };
  const steps = async () =>
    (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}${s.detail ? ` ${s.detail}` : ''}`);
  return { clock, ended, steps };
}

const unaccounted = (steps: string[]) => steps.filter((s) => s.startsWith('card.unaccounted'));

describe('fault: the hand-in’s backstop fires during the eject of someone else’s card', () => {
  it('card.unaccounted names the eject and where the reader says the card is, not a retract', async () => {
    const r = await readerNeverAnswering('li', 'eject');
    const s = await handingIn(r.port);
    await r.asked;
    s.clock.increment(handInBackstopMs(STEP_MS, CARD_MOVE_MS));
    expect(await s.ended()).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_TIMEOUT' },
      cardUnaccounted: 'eject',
    });
    expect(r.whereIs()).toBe('inReader');
    const steps = await s.steps();
    expect(steps.some((x) => x.startsWith('oldCard.return:intent'))).toBe(true);
    expect(steps.some((x) => x.startsWith('oldCard.capture'))).toBe(false);
    expect(unaccounted(steps)).toEqual([
      'card.unaccounted:event {"after":"eject","readerSays":"inReader","forStaff":true}',
    ]);
  });

  it('the holder’s card whose capture never answers: card.unaccounted names the retract', async () => {
    const r = await readerNeverAnswering('zhang', 'retract');
    const s = await handingIn(r.port);
    await r.asked;
    s.clock.increment(handInBackstopMs(STEP_MS, CARD_MOVE_MS));
    expect(await s.ended()).toMatchObject({ outcome: 'failed', cardUnaccounted: 'retract' });
    const steps = await s.steps();
    expect(steps.some((x) => x.startsWith('oldCard.capture:intent'))).toBe(true);
    expect(unaccounted(steps)).toEqual([
      'card.unaccounted:event {"after":"retract","readerSays":"inReader","forStaff":true}',
    ]);
  });
});
