/**
 * A card found at the reader's slot at boot: handed back (the resident's own card, or someone
 * else's card refused at a damaged-card hand-in) when the kiosk stopped, it would lie there for
 * ever, for no session will ever wait for it. It gets the take timeout (`timeouts.cardTakeMs`: the
 * resident may still be standing there) and is then retracted into the capture bin if still
 * there, as a session does with a card not taken. This runs in the background after boot, the
 * kiosk in service meanwhile, as it is for a stray card handed back.
 *
 * Journaled in the transaction that put the card at the slot when the journal says so (its last
 * card step is a hand-back), else in a transaction of its own (journey `recovery`): the card
 * found, then the retract's intent and done (`recovery.card.retract`, as for a card found in the
 * reader), or the card taken. The capture bin's count goes to the device counters.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import type { CardReaderPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { DevicesService } from '../devices/devices.service.js';
import { JournalService } from '../journal/journal.service.js';
import { journaledAct, recordDeviceCounters } from '../journeys/journey-tools.js';

/** the journey of a transaction recovery opens for a card at the slot nobody's journal claims */
export const RECOVERY_JOURNEY = 'recovery';
/** journaled when the card is found at the slot and when it is taken */
export const SLOT_CARD_STEP = 'recovery.slotCard';
/** the steps that leave a card at the slot (and a wait of this kind cut short by a restart) */
const HAND_BACK_STEPS: readonly string[] = ['card.eject', 'oldCard.return', SLOT_CARD_STEP];
/** the steps that move a card in or out of the reader */
const CARD_STEP = /^(card\.(eject|retract)|oldCard\.(return|capture)|recovery\.(card\.retract|slotCard))$/;

export type SlotCardOutcome = 'none' | 'taken' | 'retracted' | 'failed' | 'stopped';

@Injectable()
export class SlotCardRecovery implements OnApplicationShutdown {
  private readonly log = new Logger('Recovery');
  private timer: NodeJS.Timeout | undefined;
  private stopWait: (() => void) | undefined;
  private watching = false;
  private settled: Promise<SlotCardOutcome> = Promise.resolve('none');

  constructor(
    private readonly devices: DevicesService,
    private readonly journal: JournalService,
    @Inject(KIOSK_CONFIG) private readonly config: KioskConfig,
  ) {}

  /**
   * Called by boot recovery once the open transactions are settled (`openIds`: those it found
   * open). Returns at once; `outcome()` tells how the card at the slot ended.
   */
  startAtBoot(openIds: readonly string[]): void {
    const reader = this.devices.cardReader;
    // a self-test run again while a card found before still waits: that wait has it
    if (this.watching || reader.cardPosition() !== 'atSlot') return;
    this.watching = true;
    this.settled = this.waitThenRetract(reader, openIds).catch((e: unknown) => {
      this.log.error(`a card left at the slot was not settled: ${KioskError.from(e).code}`);
      return 'failed' as const;
    });
    void this.settled.finally(() => (this.watching = false));
  }

  /** How the card found at the slot at boot ended ('none' when there was none). */
  outcome(): Promise<SlotCardOutcome> {
    return this.settled;
  }

  onApplicationShutdown(): void {
    this.stopWait?.();
  }

  private async waitThenRetract(
    reader: CardReaderPort,
    openIds: readonly string[],
  ): Promise<SlotCardOutcome> {
    const takeMs = this.config.timeouts.cardTakeMs;
    // listening before the first await: a card taken while the journal writes is not missed
    const moved = this.nextCardEvent(reader, takeMs);
    const owner = await this.ownerOf(openIds);
    const transactionId = owner ?? (await this.journal.openTransaction(randomUUID(), RECOVERY_JOURNEY));
    await this.journal.recordStep(transactionId, SLOT_CARD_STEP, 'event', { where: 'atSlot', takeMs });
    const event = await moved;
    if (event === 'stopped') return 'stopped';
    if (event === 'taken') {
      await this.journal.recordStep(transactionId, SLOT_CARD_STEP, 'event', { where: 'taken' });
      if (!owner) await this.journal.closeTransaction(transactionId, 'completed', null);
      this.log.log('the card left at the slot was taken');
      return 'taken';
    }
    // pushed back in, or gone some other way: the reader's own handling (a session, a stray card) has it
    if (event !== 'timeout' || reader.cardPosition() !== 'atSlot') {
      await this.journal.recordStep(transactionId, SLOT_CARD_STEP, 'event', { where: event });
      if (!owner) await this.journal.closeTransaction(transactionId, 'completed', null);
      return 'none';
    }
    if (!reader.status().supplies.some((s) => s.name === 'captureBin')) {
      // a reader without a capture bin cannot take a card back: it stays with the resident
      await this.journal.recordStep(transactionId, SLOT_CARD_STEP, 'event', {
        where: 'atSlot',
        captureBin: false,
      });
      if (!owner) await this.journal.closeTransaction(transactionId, 'completed', null);
      return 'none';
    }
    try {
      await journaledAct(this.journal, transactionId, 'recovery.card.retract', () => reader.retract(), {
        where: 'atSlot',
      });
    } catch (e) {
      const code = KioskError.from(e).code;
      if (!owner) await this.journal.closeTransaction(transactionId, 'failed', code);
      this.log.error(`a card left at the slot could not be captured: ${code}`);
      return 'failed';
    }
    await recordDeviceCounters(this.journal, reader.status());
    if (!owner)
      await this.journal.closeTransaction(transactionId, 'cardRetracted', ErrorCode.CARD_NOT_TAKEN_RETRACTED);
    this.log.warn('a card left at the slot across a restart was retracted into the capture bin');
    return 'retracted';
  }

  /** The open transaction whose last card step left the card at the slot, newest first. */
  private async ownerOf(openIds: readonly string[]): Promise<string | undefined> {
    for (const id of [...openIds].reverse()) {
      const steps = await this.journal.stepsOf(id);
      const last = [...steps].reverse().find((s) => CARD_STEP.test(s.step));
      if (last && HAND_BACK_STEPS.includes(last.step)) return id;
    }
    return undefined;
  }

  /** The card's next move ('taken', 'inserted'...), 'timeout' after `ms`, 'stopped' at shutdown. */
  private nextCardEvent(reader: CardReaderPort, ms: number): Promise<string> {
    return new Promise((resolve) => {
      const done = (what: string) => {
        off();
        clearTimeout(this.timer);
        this.stopWait = undefined;
        resolve(what);
      };
      const off = reader.onCardEvent((e) => done(e.type));
      this.timer = setTimeout(() => done('timeout'), ms);
      this.timer.unref();
      this.stopWait = () => done('stopped');
    });
  }
}
