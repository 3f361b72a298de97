/**
 * The kiosk running with a new card left at the card printer's slot (`cardLeftAtSlot`: a real
 * terminal's Evolis emulator over TCP, the real journal in SQLite, the back office faked), and the
 * daemon's two watches of it as the booted kiosk wires them: what holds card making back
 * (`watchNewCardLeftAtSlot`) and the settlement once the printer answers (`CardPrinterBackWatch`,
 * recovery's hands and card-making rules as the daemon gives them).
 */
import { afterEach, expect } from '@jest/globals';
import type { Logger } from '@nestjs/common';
import type { CardReaderPort } from '@kiosk/device-drivers';
import { JOURNEYS } from '@kiosk/domain';
import { JournaledHostRetries } from '../host/journaled-host-retries.js';
import { CardMakingReports } from '../journeys/card-making-reports.js';
import {
  cardLeftAtSlot,
  cardReports,
  type CardLeftWorld,
} from '../journeys/new-card-left-at-slot.spec-support.js';
import { openCardsLeftAtSlot } from '../journeys/new-card-left-at-slot.js';
import { bootedKiosk, healthy } from './kiosk-in-service.spec-support.js';
import { CardPrinterBackWatch } from './card-printer-back-watch.js';
import { settleCardsLeftAtSlot } from './card-printer-back-settlement.js';
import { watchNewCardLeftAtSlot } from './new-card-left-at-slot-watch.js';
import { SettlementHands } from './settlement-hands.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Logger;

/** The journal's steps of a transaction as `step:phase`. */
export const stepNames = async (world: CardLeftWorld, tx = world.tx): Promise<string[]> =>
  (await world.journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);

export const isOpen = async (world: CardLeftWorld, tx = world.tx): Promise<boolean> =>
  (await world.journal.openTransactions()).some((t) => t.id === tx);

/**
 * A card left at the slot and the kiosk around it: `look` tells both watches a reason to look and
 * waits for them; `undecided` is what the recovery answers is left of what the last boot left;
 * `errors` what the settlement's watch logged as errors. The card is left as `cardLeftAtSlot`
 * leaves it (the printer offline, or silent past `stepMs`). `reports`: recovery's card reports go
 * through the daemon's background tries (`CardMakingReports`, short pauses), as the daemon wires them.
 */
export async function kioskWithCardLeft(
  options: { readonly heldByRecovery?: boolean; readonly reports?: boolean } & Parameters<
    typeof cardLeftAtSlot
  >[0] = {},
) {
  const { heldByRecovery: _held, reports: _reports, ...leftBy } = options;
  const left = await cardLeftAtSlot(leftBy);
  const { world } = left;
  const kiosk = await bootedKiosk({ selfTestFails: options.heldByRecovery === true });
  const hands = new SettlementHands();
  const retries = new JournaledHostRetries(world.journal);
  retries.retry = { firstMs: 5, maxMs: 40 };
  const deps = {
    journal: world.journal,
    reader: {} as CardReaderPort, // no card handed in: the reader is not asked
    printer: world.printer,
    log: quiet,
    issuance: world.issuance,
    ...(options.reports
      ? { cardReports: new CardMakingReports(world.journal, world.db, retries, world.issuance) }
      : {}),
  };
  const errors: string[] = [];
  let undecided = 0;
  const recovery = {
    settleWhenTheCardPrinterIsBack: async (skip?: ReadonlySet<string>) => ({
      ...(await settleCardsLeftAtSlot(hands, deps, skip)),
      undecided,
    }),
  };
  const newCardLeft = watchNewCardLeftAtSlot(world.journal, kiosk, () => false, quiet);
  const watch = new CardPrinterBackWatch({
    printer: world.printer,
    kiosk,
    recovery,
    cardsLeft: () => openCardsLeftAtSlot(world.journal),
    sessionRuns: () => false,
    statuses: healthy,
    settled: () => newCardLeft.check(),
    log: { warn: () => undefined, error: (message) => errors.push(message) },
  });
  const look = async () => {
    newCardLeft.check();
    await newCardLeft.settled();
    await watch.check();
    await watch.idle();
    await newCardLeft.settled();
  };
  watch.start();
  await look();
  const close = async () => {
    watch.stop();
    retries.onApplicationShutdown();
    await world.close();
  };
  return {
    ...left,
    kiosk,
    hands,
    deps,
    watch,
    retries,
    errors,
    look,
    close,
    setUndecided: (n: number) => (undecided = n),
    offered: () => kiosk.getSnapshot().context.journeysOffered,
  };
}

export type KioskWithCardLeft = Awaited<ReturnType<typeof kioskWithCardLeft>>;

/** What the kiosk offers while a new card is left at the slot: every journey but card making. */
export const NO_CARD_MAKING = JOURNEYS.filter((j) => j !== 'issueCard' && j !== 'replaceCard');

/**
 * `kioskWithCardLeft` a case, closed after it: registers the `afterEach` in the calling spec and
 * answers the function that starts the case's kiosk.
 */
export function kioskWithCardLeftEachCase(): typeof kioskWithCardLeft {
  let kiosk: KioskWithCardLeft | undefined;
  afterEach(async () => {
    await kiosk?.close();
    kiosk = undefined;
  });
  return async (options) => (kiosk = await kioskWithCardLeft(options));
}

/**
 * Nothing settled yet: no card report sent, the card still at the slot, the reject bin as before,
 * the card making open, and card making held back.
 */
export async function expectStillLeftAtSlot(k: KioskWithCardLeft): Promise<void> {
  const { world, before } = k;
  expect(cardReports(world)).toEqual([]);
  expect(world.devices.printerEmulator.cardPosition()).toBe('outputSlot');
  expect(world.rejectBin()).toBe(before.rejectBin);
  expect(await isOpen(world)).toBe(true);
  expect(k.offered()).toEqual(NO_CARD_MAKING);
}
