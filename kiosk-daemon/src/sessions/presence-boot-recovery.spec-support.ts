/**
 * Boot recovery and the slot-card service over a reader without a motor (the presence mechanism on
 * pcscd's stand-in), as the daemon wires them, for the daemon's unit specs of a boot or a card at
 * the slot; the session ends' card-left watch; the count of the slot-card wait's take timeouts; and
 * a restart on a journal an earlier run left (`restartWith`). Each is stopped by `cleanups`.
 */
import { Logger } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import type { CardReaderPort } from '@kiosk/device-drivers';
import type { DeviceStatus } from '@kiosk/domain';
import { expect } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import type { DataSource } from '../journal/typeorm-runtime.js';
import type { DevicesService } from '../devices/devices.service.js';
import type { HostService } from '../host/host.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { pcscdStandIn, presenceReaderOn } from './pcscd-presence-stand-in.spec-support.js';
import { SessionEnds } from './session-end.js';
import { SessionRecoveryService } from './session-recovery.service.js';
import { LEFT_AT_SLOT_JOURNEY } from './slot-card-journal.js';
import { SlotCardRecovery } from './slot-card-recovery.js';

export function presenceBootRecovery(
  reader: CardReaderPort,
  journal: JournalService,
  timing: { readonly cardTakeMs: number; readonly positionWaitMs: number },
  cleanups: (() => unknown)[],
): { readonly slotCard: SlotCardRecovery; readonly recovery: SessionRecoveryService } {
  const devices = {
    cardReader: reader,
    // a dispenser that keeps its own counts: none to reconcile from the journal
    cashDispenser: {},
    statuses: (): DeviceStatus[] => [reader.status()],
    onAnyStatus: () => () => undefined,
  } as unknown as DevicesService;
  const config = {
    timeouts: { cardTakeMs: timing.cardTakeMs },
    devices: { cardReader: { driver: 'pcsc', positionWaitMs: timing.positionWaitMs } },
  } as unknown as KioskConfig;
  const slotCard = new SlotCardRecovery(devices, journal, config);
  cleanups.push(() => slotCard.onApplicationShutdown());
  const host = { authorisedWithdrawals: async () => [] } as unknown as HostService;
  const recovery = new SessionRecoveryService(
    devices,
    journal,
    host,
    ...[undefined, undefined, undefined],
    slotCard,
    ...[undefined, undefined, undefined, undefined],
    config,
  );
  cleanups.push(() => recovery.onApplicationShutdown());
  return { slotCard, recovery };
}

/**
 * The slot-card wait listens to the reader anew after each take timeout: counted from now on;
 * `timeoutsPass(more)` resolves once `more` more have passed.
 */
export function takeTimeoutsOf(reader: CardReaderPort): (more: number) => Promise<void> {
  let listens = 0;
  const listen = reader.onCardEvent.bind(reader);
  reader.onCardEvent = (listener) => (listens++, listen(listener));
  return async (more) => {
    const base = listens;
    await eventually(() => listens, `the wait past ${more} take timeouts`, {
      withinMs: 5_000,
      until: (n) => n >= base + more,
    });
  };
}

/**
 * The session ends with no session running, and the card-left watch on `reader`: `kiosk` gets the
 * events told to the kiosk machine (CARD_LEFT_IN_READER, CARD_LEFT_CLEARED).
 */
export function endsWatchingCardLeft(
  reader: CardReaderPort,
  journal: JournalService,
  slotCard: SlotCardRecovery,
  cleanups: (() => unknown)[],
): { readonly ends: SessionEnds; readonly kiosk: string[] } {
  const ends = new SessionEnds({
    journal,
    metrics: new MetricsService(),
    slotCard,
    log: new Logger('Sessions'),
    sessionRuns: () => false,
  });
  const kiosk: string[] = [];
  cleanups.push(ends.watchCardLeft(reader, { send: (e) => kiosk.push(e.type) }));
  return { ends, kiosk };
}

/** What the first run journaled before it stopped: the transaction to follow (the card's, mostly). */
export type BeforeRestart = (journal: JournalService) => Promise<string>;

/** How a boot finds the presence reader and how long it waits. */
export interface PresenceBoot {
  /** the reader listed with a card in its slot or not; undefined: not listed until `list` */
  readonly cardInSlot: boolean | undefined;
  /** the slot-card wait's take timeout */
  readonly cardTakeMs: number;
  /** recovery's wait for the reader's word (default 2 s) */
  readonly positionWaitMs?: number;
}

/** A boot on `journal`: the presence reader listed with the card in its slot or not (or later), recovery wired. */
export async function presenceBootOn(
  journal: JournalService,
  db: DataSource,
  boot: PresenceBoot,
  cleanups: (() => Promise<unknown> | unknown)[],
) {
  const pcscd = pcscdStandIn();
  const reader = presenceReaderOn(pcscd);
  await reader.open();
  const stops: (() => unknown)[] = [() => reader.close()];
  if (boot.cardInSlot !== undefined) pcscd.list(boot.cardInSlot);
  const timing = { cardTakeMs: boot.cardTakeMs, positionWaitMs: boot.positionWaitMs ?? 2_000 };
  const { slotCard, recovery } = presenceBootRecovery(reader, journal, timing, stops);
  const { ends, kiosk } = endsWatchingCardLeft(reader, journal, slotCard, stops);
  recovery.onCardLeftForStaff(() => ends.cardLeftByRecovery());
  const timeoutsPass = takeTimeoutsOf(reader);
  /** the daemon stops (its waits stopped, the reader closed): the card stays where it is */
  const stop = async () => {
    for (const each of stops.splice(0).reverse()) await each();
  };
  cleanups.push(stop);
  /** the waits for a card left in the slot (`cardLeftAtSlot`) the boot opened */
  const waits = async () =>
    (await db.query(`SELECT "id", "status", "outcome" FROM "journal_transaction" WHERE "journey" = ?`, [
      LEFT_AT_SLOT_JOURNEY,
    ])) as { id: string; status: string; outcome: string | null }[];
  const pull = () => pcscd.say(false);
  const list = (withCard: boolean) => pcscd.list(withCard);
  return { reader, recovery, slotCard, kiosk, timeoutsPass, waits, pull, list, stop };
}

export type PresenceBooted = Awaited<ReturnType<typeof presenceBootOn>>;

/** The next boot: the journal as `before` left it, the presence reader as `boot` says. */
export async function restartWith(
  before: BeforeRestart,
  boot: PresenceBoot,
  cleanups: (() => Promise<unknown> | unknown)[],
) {
  const { db, journal } = await openMemoryJournal();
  cleanups.push(() => db.destroy());
  const holder = await before(journal);
  const steps = async (id: string) =>
    (await journal.stepsOf(id)).map((s) => `${s.step}:${s.phase}${s.detail ? ` ${s.detail}` : ''}`);
  const allSteps = async () =>
    ((await db.query(`SELECT "step" FROM "journal_step" ORDER BY rowid`)) as { step: string }[]).map(
      (s) => s.step,
    );
  const journeys = async () =>
    (await db.query(
      `SELECT "id", "journey", "status", "outcome" FROM "journal_transaction" ORDER BY rowid`,
    )) as {
      id: string;
      journey: string;
      status: string;
      outcome: string | null;
    }[];
  const booted = await presenceBootOn(journal, db, boot, cleanups);
  const again = (cardInSlot: boolean) => presenceBootOn(journal, db, { ...boot, cardInSlot }, cleanups);
  return { ...booted, journal, holder, steps, allSteps, journeys, again };
}

/** The boot's wait for the card, once it is journaled (the one open wait: any other was closed). */
export async function resumedWait(k: Pick<PresenceBooted, 'waits'>): Promise<string> {
  return eventually(async () => (await k.waits()).filter((w) => w.status === 'open'), 'the wait resumed', {
    withinMs: 5_000,
    until: (open) => open.length === 1,
  }).then((open) => open[0]!.id);
}

/**
 * The card waited for in its slot (`wait`, journaled `found`) while the journeys are held back:
 * several take timeouts pass with nothing more journaled, then someone takes it: journaled, the wait
 * completed, the card journeys offered again (CARD_LEFT_CLEARED).
 */
export async function expectWaitedUntilTaken(
  k: Pick<PresenceBooted, 'timeoutsPass' | 'kiosk' | 'pull' | 'slotCard' | 'waits'> & {
    readonly steps: (id: string) => Promise<string[]>;
  },
  wait: string,
  found: string,
): Promise<void> {
  await k.timeoutsPass(3);
  expect(await k.steps(wait)).toEqual([found]);
  expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER']);
  k.pull();
  await expect(k.slotCard.outcome()).resolves.toBe('taken');
  expect(await k.steps(wait)).toEqual([found, 'recovery.slotCard:event {"where":"taken"}']);
  expect((await k.waits()).find((w) => w.id === wait)).toMatchObject({ outcome: 'completed' });
  expect(k.kiosk).toEqual(['CARD_LEFT_IN_READER', 'CARD_LEFT_CLEARED']);
}
