/**
 * Spec support for the session's card steps with the daemon's actors: the emulated card reader
 * with one card in and the session actors' factory on it (only the card reader, the real journal on
 * SQLite in memory), both closed after each spec. Used by the specs of a card move that outlasts
 * the step timer and of the damaged-card hand-in's backstop.
 */
import { afterEach } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import { EmulatedCardReader, type CardReaderPort } from '@kiosk/device-drivers';
import { DEFAULT_STEP_MS, DEFAULT_WARN_MS } from '@kiosk/domain';
import type { SessionInput, sessionMachine } from '@kiosk/state-machines';
import { type Actor, createActor, SimulatedClock } from 'xstate';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostService } from '../host/host.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { JournalService } from '../journal/journal.service.js';
import type { JournaledHostRetries } from '../host/journaled-host-retries.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import type { WithdrawalHoldRelease } from '../journeys/withdrawal-hold-release.js';
import { SessionActorsFactory } from './session-actors.js';

let db: DataSource | undefined;
let reader: EmulatedCardReader | undefined;

afterEach(async () => {
  await reader?.close();
  await db?.destroy();
  db = reader = undefined;
});

/** The emulated reader (`options`: its move bound, a capture bin), opened, with `card` in. */
export async function readerWithCard(
  card: string,
  options: { moveTimeoutMs: number; captureBin?: { count: number; capacity: number } },
): Promise<EmulatedCardReader> {
  const r = new EmulatedCardReader({ today: new Date('2026-11-26'), ...options });
  reader = r;
  await r.open();
  await r.insertCard(card);
  return r;
}

/** The daemon's session actors on `cardReader` (no other device, no host), journaling to the real journal. */
export async function sessionActorsOn(cardReader: CardReaderPort) {
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
  return { journal, factory, db: opened.db };
}

/**
 * A balance session (`s-1`) run by the daemon's session machine and actors on a simulated clock, its
 * transaction opened in the journal; the resident cancels while the card is read, so the card goes
 * back (ejectingCard next). `readerCaptures`: the reader's capability, as the daemon gives it.
 */
export async function cancelledBalanceSession(
  factory: SessionActorsFactory,
  journal: JournalService,
  options: { cardTakeMs: number; cardMoveMs: number; readerCaptures?: () => boolean },
): Promise<{ actor: Actor<typeof sessionMachine>; clock: SimulatedClock; tx: string }> {
  const { cardTakeMs, cardMoveMs, readerCaptures } = options;
  const clock = new SimulatedClock();
  const input: SessionInput = {
    sessionId: 's-1',
    timeouts: { stepMs: DEFAULT_STEP_MS, warnMs: DEFAULT_WARN_MS, cardTakeMs, cardMoveMs },
    pinLength: 6,
    journeysOffered: ['balance'],
    now: () => clock.now(),
    ...(readerCaptures ? { readerCaptures } : {}),
  };
  const tx = await journal.openTransaction('s-1', 'balance');
  const actor = createActor(factory.sessionMachine, { input, clock });
  factory.scope(actor.system, { transactionId: tx, locale: () => 'en', send: () => undefined });
  actor.start();
  actor.send({ type: 'SELECT_JOURNEY', journey: 'balance' });
  actor.send({ type: 'CARD_INSERTED' });
  actor.send({ type: 'CANCEL' });
  return { actor, clock, tx };
}
