/**
 * What a new session machine starts with: the kiosk's timeouts and PIN length, the journeys
 * offered now, and each journey's options from the configuration and the devices' state (a
 * receipt only when the printer has paper, the smallest note actually loaded).
 */
import type { KioskConfig } from '@kiosk/config';
import {
  DEFAULT_DISPENSER_BOUNDS,
  isUsable,
  notesAboveReserve,
  smallestNoteOf,
  type CashUnit,
  type Journey,
} from '@kiosk/domain';
import type { DispenserBounds, SessionInput } from '@kiosk/state-machines';
import type { DevicesService } from '../devices/devices.service.js';
import { idCardPlacementsOf } from './id-card-placements.js';

/** A damaged card can be handed in while the card reader works and its capture bin has room. */
export function takesDamagedCardsIn(devices: DevicesService): boolean {
  const reader = devices.cardReader.status();
  const bin = reader.supplies.find((x) => x.name === 'captureBin');
  return isUsable(reader) && bin !== undefined && bin.level !== 'full';
}

/** The receipt printer works and has paper (its port answers at once). */
export function receiptPrintable(devices: DevicesService): boolean {
  const printer = devices.receiptPrinter.status();
  return isUsable(printer) && !printer.supplies.some((x) => x.name === 'paper' && x.level === 'empty');
}

export function sessionInputOf(
  config: KioskConfig,
  devices: DevicesService,
  sessionId: string,
  journeysOffered: readonly Journey[],
): SessionInput {
  const { stepMs, warnMs, cardTakeMs } = config.timeouts;
  const printAvailable = receiptPrintable(devices);
  return {
    sessionId,
    // the card steps wait for the reader's answer, which comes within its bound of a card move
    timeouts: { stepMs, warnMs, cardTakeMs, cardMoveMs: config.devices.cardReader.moveTimeoutMs },
    pinLength: config.pin.length,
    journeysOffered,
    now: Date.now,
    // the ID card this session read, still on the reader at its end: asked to be taken
    idCardLeft: () => idCardPlacementsOf(devices.idReader).leftBy(sessionId) !== null,
    // a reader without a capture bin (a motorless presence reader) is never asked to retract a card
    readerCaptures: () => devices.cardReader.canCapture(),
    journeyOptions: {
      identify: {
        faceThreshold: config.faceMatch.acceptScore,
        maxFaceTries: config.faceMatch.maxTries,
      },
      records: {
        printAvailable,
        printLimit: config.card.recordsUntilPrintRequired,
        screenLimit: config.card.recordsOnScreen,
      },
      // a card reported lost already is offered to be unfrozen (the resident found it again)
      reportLoss: { allowUnfreeze: true },
      // the QR wait is the payment order's validity: one value (ADR 0008, "The fee")
      issue: {
        maxRetries: config.card.makingRetries,
        makeCardMs: config.timeouts.cardMakingMs,
        paymentMs: config.timeouts.feePaymentMs,
        feeMethods: config.card.replacementFeeMethods,
        handInDamaged: config.card.damagedCardHandIn && takesDamagedCardsIn(devices),
      },
      withdrawal: {
        rules: {
          singleMaxFen: config.caps.singleWithdrawalFen,
          dailyMaxFen: config.caps.dailyWithdrawalFen,
          dailyCountMax: config.caps.withdrawalsPerDay,
          noteFen: smallestNoteLoaded(config, devices),
        },
        receiptAvailable: printAvailable,
        // read again at the amounts: the session's own printing may have used the paper up
        receiptAvailableNow: () => receiptPrintable(devices),
        cashTakeMs: config.timeouts.cashTakeMs,
        cashUnits: () => notesOffered(devices),
        dispenserBounds: dispenserBoundsOf(config),
      },
    },
  };
}

/**
 * What the dispenser's driver bounds its acts by: the LCDM driver's configured timeouts; the
 * in-memory emulator answers at once, and gets the same defaults as the LCDM driver.
 */
export function dispenserBoundsOf(config: KioskConfig): DispenserBounds {
  const dispenser = config.devices.cashDispenser;
  return dispenser.driver === 'lcdm-serial'
    ? { dispenseTimeoutMs: dispenser.dispenseTimeoutMs, responseTimeoutMs: dispenser.responseTimeoutMs }
    : DEFAULT_DISPENSER_BOUNDS;
}

/** The smallest denomination in a cassette that holds notes, else the configured smallest note. */
function smallestNoteLoaded(config: KioskConfig, devices: DevicesService): number {
  return smallestNoteOf(notesOffered(devices)) ?? config.caps.smallestNoteFen;
}

/**
 * The notes the kiosk offers amounts from, read when the withdrawal shows its amounts: each
 * cassette in place, less its reserve (the notes at or under its empty threshold, where it reads
 * 'empty'). The dispenser replaces a note it rejects (a double) from the same cassette, so a
 * reserve covers rejects; with the default threshold of 0 every note is offered.
 */
export function notesOffered(devices: DevicesService): CashUnit[] {
  return notesAboveReserve(devices.cashDispenser.cassettes()).map((c) => ({
    denominationFen: c.denominationFen,
    count: c.count,
  }));
}
