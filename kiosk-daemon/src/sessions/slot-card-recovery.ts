/**
 * A card at the reader's slot that no session waits for, which would otherwise lie there for ever:
 * - found at boot (handed back to the resident, or someone else's card refused at a damaged-card
 *   hand-in, when the kiosk stopped);
 * - a stray card, inserted with no session waiting for it, handed straight back;
 * - a card inside the reader at boot that no open transaction claims (a stray card being read, or
 *   its transaction already closed, when the kiosk stopped): handed back, its owner may be there;
 *   a reader without a motor listed after recovery looked is waited for, its first word says;
 * - a card a session left at the slot when it ended (its retract refused or failed, ADR 0016), or
 *   in a lost presence reader's slot (waited for from the reader's first word, ADR 0002);
 * - at boot, a card the journal left at the slot or for staff in a reader that cannot capture, or
 *   found taken while the kiosk was down (`slot-card-at-boot.ts`).
 * It gets the take timeout (`timeouts.cardTakeMs`: the resident may still be standing there) and is
 * then retracted into the capture bin if still there, as a session does with a card not taken; a
 * reader that cannot capture (a motorless presence reader) leaves it there, waited for until it is
 * taken, which is journaled (ADR 0002).
 * This runs in the background, the kiosk in service meanwhile. Any other move of the card (taken,
 * pushed back in) ends the wait; while a session runs neither is retracted (`respectSessions`).
 *
 * At boot, journaled in the transaction that put the card at the slot when the journal says so (its
 * last card step is a hand-back), else in a transaction of its own (journey `recovery`): the card
 * found, then the retract's intent and done (`recovery.card.retract`, as for a card found in the
 * reader), or the card taken. A stray card has a small transaction of its own (journey
 * `strayCard`): the eject's intent and done (`card.eject`), then the card taken, or the retract's
 * intent and done (`card.retract`). A card inside the reader at boot is journaled as a stray card's,
 * in a transaction of journey `recovery` and with the boot's retract step (`recovery.card.retract`).
 * The capture bin's count goes to the device counters.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import type { CardReaderPort } from '@kiosk/device-drivers';
import { KioskError } from '@kiosk/domain';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { DevicesService } from '../devices/devices.service.js';
import { JournalService, type StepDetail } from '../journal/journal.service.js';
import { journaledAct } from '../journeys/journey-tools.js';
import {
  BOOT_HAND_BACK,
  type HandBack,
  LEFT_AT_SLOT_JOURNEY,
  RECOVERY_JOURNEY,
  SLOT_CARD_STEP,
  slotCardOwner,
  STRAY_HAND_BACK,
} from './slot-card-journal.js';
import { inPresenceReaderAtBoot, type SlotCardAtBootDeps, takenWhileDown } from './slot-card-at-boot.js';
import { type SettleDeps, settleAtSlot } from './slot-card-settle.js';
import { SlotCardWaits } from './slot-card-waits.js';
import { afterReaderLost, type ReaderLostDeps } from './slot-card-reader-lost.js';
import { CardLeftListeners } from './card-left-in-reader.js';

export type { SlotCardOutcome } from './slot-card-settle.js';
/** an open transaction boot recovery found: its id and journey */
type OpenAtBoot = { readonly id: string; readonly journey: string };
import type { SlotCardOutcome } from './slot-card-settle.js';

@Injectable()
export class SlotCardRecovery implements OnApplicationShutdown {
  private readonly log = new Logger('Recovery');
  /** the waits under way (one per card at the slot), each stopped at shutdown */
  private readonly waits = new SlotCardWaits();
  /** told when a card at the slot could not be captured: left for staff (`onCardLeftForStaff`) */
  private readonly cardLeft = new CardLeftListeners();
  private watching = false;
  private settled: Promise<SlotCardOutcome> = Promise.resolve('none');
  /** a session runs: the card found at boot is not retracted then (none known: none runs) */
  private sessionRuns: () => boolean = () => false;

  constructor(
    private readonly devices: DevicesService,
    private readonly journal: JournalService,
    @Inject(KIOSK_CONFIG) private readonly config: KioskConfig,
  ) {}

  /**
   * Called by boot recovery once the open transactions are settled (`open`: those it found
   * open; `leftForStaff`: it left a card in the reader for staff, which a reader that captures keeps
   * inside for them, never handed back). Returns at once; `outcome()` tells how the card ended.
   */
  startAtBoot(open: readonly OpenAtBoot[], leftForStaff = false): void {
    const openIds = open.map((t) => t.id);
    const reader = this.devices.cardReader;
    const position = reader.cardPosition();
    // a self-test run again while a card found before still waits: that wait has it
    if (this.watching) return;
    // a reader without a motor listed late: its first word (sensed) says whether a card lies there
    if (position === 'unknown') {
      this.watching = true;
      return this.afterFirstWord(open, leftForStaff);
    }
    // a reader that cannot capture holds no card back: one kept for staff sticks out of its slot
    if (leftForStaff && reader.canCapture()) return;
    if (position !== 'atSlot' && position !== 'inReader' && position !== 'none') return;
    // inside the reader while a session runs: the session's card, not this one's to hand back
    if (position === 'inReader' && this.sessionRuns()) return;
    this.watching = true;
    const settle =
      position === 'none'
        ? takenWhileDown(this.atBoot, reader, openIds)
        : position === 'atSlot'
          ? this.waitThenRetract(reader, openIds)
          : reader.canCapture()
            ? this.atBoot.handBack()
            : inPresenceReaderAtBoot(this.atBoot, reader, open);
    this.settled = settle.catch((e: unknown) => {
      this.log.error(`a card left at the slot was not settled: ${KioskError.from(e).code}`);
      return 'failed' as const;
    });
    void this.settled.finally(() => (this.watching = false));
  }

  /**
   * The kiosk's "a session runs" check (SessionsService's), for the wait of the card found at boot:
   * as a stray card's, it is not retracted while a session runs, and waited for again.
   */
  respectSessions(running: () => boolean): void {
    this.sessionRuns = running;
  }

  /** How the card found at the slot at boot ended ('none' when there was none). */
  outcome(): Promise<SlotCardOutcome> {
    return this.settled;
  }

  /**
   * A card inserted with no session waiting for it: handed back (journaled, in a transaction of its
   * own), then the take timeout and the capture bin as for a card found at boot. `busy` tells that a
   * session runs: the card is not retracted then (the resident at the screen may be about to take it).
   * Never rejects; answers how the card ended.
   */
  returnStray(busy: () => boolean = () => false): Promise<SlotCardOutcome> {
    return this.ejectThenWait(this.devices.cardReader, busy, STRAY_HAND_BACK).catch((e: unknown) => {
      this.log.warn(`a card inserted outside a session was not settled: ${KioskError.from(e).code}`);
      return 'failed' as const;
    });
  }

  /**
   * A session ended with its card at the slot (a retract refused or failed: the card neither taken
   * nor captured, ADR 0016): the same wait as a stray card's, in a transaction of its own under the
   * session's id (journey `cardLeftAtSlot`): the card found, then taken, or retracted into the
   * capture bin after the take timeout (`card.retract`), not while a session runs (`busy`). The
   * reader lost meanwhile (no word on the card: a card left in a presence reader's slot while pcscd
   * restarts), its first word is waited for (until shutdown): the card there is waited for so, one
   * gone journaled taken. Nothing when no card is at the slot. Never rejects; answers how it ended.
   */
  afterSession(sessionId: string, busy: () => boolean): Promise<SlotCardOutcome> {
    const reader = this.devices.cardReader;
    const position = reader.cardPosition();
    const settle =
      position === 'atSlot'
        ? this.waitLeftAtSlot(reader, sessionId, busy)
        : position === 'unknown'
          ? afterReaderLost(this.readerLostDeps(sessionId, busy), reader, sessionId)
          : Promise.resolve('none' as const);
    return settle.catch((e: unknown) => {
      this.log.warn(`a card a session left at the slot was not settled: ${KioskError.from(e).code}`);
      return 'failed' as const;
    });
  }

  /**
   * `listener` is told when a card at the slot could not be captured (the capture bin full, the
   * reader's fault at the capture): accounted for (`card.unaccounted`), left there for staff, the
   * kiosk holds back the journeys that take a card into the reader (ADR 0016).
   */
  onCardLeftForStaff(listener: () => void): void {
    this.cardLeft.add(listener);
  }

  onApplicationShutdown(): void {
    this.waits.stopAll();
  }

  private get settleDeps(): SettleDeps {
    const { journal, waits, log } = this;
    const leftForStaff = () => this.cardLeft.tell();
    return { journal, waits, log, takeMs: this.config.timeouts.cardTakeMs, leftForStaff };
  }

  private readerLostDeps(sessionId: string, busy: () => boolean): ReaderLostDeps {
    const { journal, waits, log } = this;
    const reader = this.devices.cardReader;
    const waitLeftAtSlot = (found: StepDetail) => this.waitLeftAtSlot(reader, sessionId, busy, found);
    return { journal, waits, log, waitLeftAtSlot };
  }

  private get atBoot(): SlotCardAtBootDeps {
    const busy = () => this.sessionRuns();
    const reader = this.devices.cardReader;
    return {
      journal: this.journal,
      log: this.log,
      waitLeftAtSlot: (found) => this.waitLeftAtSlot(reader, randomUUID(), busy, found),
      handBack: () => this.ejectThenWait(reader, busy, BOOT_HAND_BACK),
    };
  }

  private async waitLeftAtSlot(
    reader: CardReaderPort,
    sessionId: string,
    busy: () => boolean,
    found: StepDetail = {},
  ): Promise<SlotCardOutcome> {
    const takeMs = this.config.timeouts.cardTakeMs;
    // listening before the first await: a card taken while the journal writes is not missed
    const moved = this.waits.nextCardEvent(reader, takeMs);
    const transactionId = await this.journal.openTransaction(sessionId, LEFT_AT_SLOT_JOURNEY);
    await this.journal.recordStep(transactionId, SLOT_CARD_STEP, 'event', {
      where: 'atSlot',
      takeMs,
      ...found,
    });
    return settleAtSlot(this.settleDeps, reader, {
      transactionId,
      owned: true,
      moved,
      busy,
      retract: 'card.retract',
    });
  }

  private async ejectThenWait(
    reader: CardReaderPort,
    busy: () => boolean,
    kind: HandBack,
  ): Promise<SlotCardOutcome> {
    const takeMs = this.config.timeouts.cardTakeMs;
    const transactionId = await this.journal.openTransaction(randomUUID(), kind.journey);
    let moved: Promise<string> = Promise.resolve('none');
    try {
      const eject = async () => {
        await reader.eject();
        // listening as soon as it is at the slot: a card taken while the journal writes is not missed
        moved = this.waits.nextCardEvent(reader, takeMs);
      };
      await journaledAct(this.journal, transactionId, 'card.eject', eject, { ...kind.detail, takeMs });
    } catch (e) {
      const code = KioskError.from(e).code;
      await this.journal.closeTransaction(transactionId, 'failed', code);
      this.log.warn(`could not hand back a card no session waits for: ${code}`);
      return 'failed';
    }
    return settleAtSlot(this.settleDeps, reader, {
      transactionId,
      owned: true,
      moved,
      busy,
      retract: kind.retract,
    });
  }

  private async waitThenRetract(
    reader: CardReaderPort,
    openIds: readonly string[],
  ): Promise<SlotCardOutcome> {
    const takeMs = this.config.timeouts.cardTakeMs;
    // listening before the first await: a card taken while the journal writes is not missed
    const moved = this.waits.nextCardEvent(reader, takeMs);
    const owner = await slotCardOwner(this.journal, openIds);
    const transactionId = owner ?? (await this.journal.openTransaction(randomUUID(), RECOVERY_JOURNEY));
    await this.journal.recordStep(transactionId, SLOT_CARD_STEP, 'event', { where: 'atSlot', takeMs });
    return settleAtSlot(this.settleDeps, reader, {
      transactionId,
      owned: !owner,
      moved,
      busy: () => this.sessionRuns(),
      retract: 'recovery.card.retract',
    });
  }

  /** `startAtBoot` once the reader has said where the card is (none said by shutdown: 'stopped'). */
  private afterFirstWord(open: readonly OpenAtBoot[], leftForStaff: boolean): void {
    const said = async (): Promise<SlotCardOutcome> => {
      if ((await this.waits.firstWord(this.devices.cardReader)) === 'unknown') return 'stopped';
      this.watching = false;
      this.startAtBoot(open, leftForStaff);
      return this.watching ? this.settled : 'none';
    };
    this.settled = said();
  }
}
