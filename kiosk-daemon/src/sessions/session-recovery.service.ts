import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { DevicesService } from '../devices/devices.service.js';
import { HostService } from '../host/host.service.js';
import { IssuanceHostService } from '../host/issuance-host.service.js';
import { JournaledHostRetries } from '../host/journaled-host-retries.js';
import { DeviceCountersFeed } from '../journal/device-counters-feed.js';
import { reconcileDeviceCounters } from '../journal/device-counters-reconcile.js';
import { FeeOrderScan } from '../journal/fee-order-scan.service.js';
import { JournalService } from '../journal/journal.service.js';
import { outlivingItsJourney } from '../journal/late-writes.js';
import { PinResetReports } from '../journeys/pin-reset-report.js';
import { PinOutcomeReports } from './pin-outcome-to-host.js';
import { CardMakingReports } from '../journeys/card-making-reports.js';
import { CardActivations } from '../journeys/card-activation.js';
import { catchUpCardsIssued } from '../journeys/cards-issued.js';
import { settleIssuanceByStaff, type CardWhereabouts } from '../journeys/issuance-staff-settlement.js';
import type { OldCardWhereabouts } from '../journeys/old-card-staff-settlement.js';
import { WithdrawalHoldRelease } from '../journeys/withdrawal-hold-release.js';
import type { BootSettlementDeps } from '../journeys/withdrawal-boot-settlement.js';
import { settleWithdrawalByStaff, type WithdrawalVerdict } from '../journeys/withdrawal-staff-settlement.js';
import { cardPositionWaitOf } from './card-inside-at-boot.js';
import { CardLeftListeners } from './card-left-in-reader.js';
import { settleCardsLeftAtSlot, type CardsLeftSettled } from './card-printer-back-settlement.js';
import { settleWhatWaits, type LateTurn } from './dispenser-back-turn.js';
import { LeftUndecided } from './left-undecided.js';
import type { HostLeftoversDeps } from './host-leftovers-recovery.js';
import { settleOldCardThenRecover } from './old-card-staff-recovery.js';
import type { OpenTransactionRecoveryDeps } from './open-transaction-recovery.js';
import { recoverOpenAtBoot, type RecoveryReport } from './open-transactions-at-boot.js';
import { SettlementHands } from './settlement-hands.js';
import { SlotCardRecovery } from './slot-card-recovery.js';
import { RecoveryAtWork } from './recovery-at-work.js';
import { recoveryPartsOf, type Settlements, settlementsOf } from './session-recovery-parts.js';
import { leftForStaffAtBoot, type LeftForStaff } from './undecided-for-staff.js';

/**
 * Runs at boot, after the devices open and before the kiosk goes in service: every journal
 * transaction still open was cut short by a crash or power loss. Each is finished in a known
 * state and closed as interrupted; a card still held by the reader is captured (its holder has
 * walked away), or, when the reader cannot, accounted for and left there for staff
 * (`boot-card-capture.ts`). A withdrawal is confirmed or reversed at the host from the journal, the
 * dispenser's own state and the host's state by idempotency key (`decideWithdrawal`); so is
 * every withdrawal the host still holds money for whose session ended without settling it. Card
 * making is finished by `recoverIssuance`. What cannot be decided is journaled
 * (`recovery.needsStaff`, with the reason), stays open and stops the self-test, so the kiosk
 * stays out of service and the fleet raises an alert for field staff.
 */
@Injectable()
export class SessionRecoveryService implements OnApplicationShutdown {
  private readonly log = new Logger('Recovery');
  /** after boot, every change of a device's counts goes to the device counters table */
  private readonly feed: DeviceCountersFeed;
  /** what settling a withdrawal at boot needs (`journeys/withdrawal-boot-settlement.ts`) */
  private readonly withdrawals: BootSettlementDeps;
  /** what recovering a transaction left open needs (`open-transaction-recovery.ts`) */
  private readonly openTransactions: OpenTransactionRecoveryDeps;
  /** what settling the host's leftovers of earlier runs needs (`host-leftovers-recovery.ts`) */
  private readonly hostLeftovers: HostLeftoversDeps;
  /** what a withdrawal's, a card making's or a card's settlement acts on */
  private readonly settlements: Settlements;
  /** one hand at a time on a card making or a withdrawal: recovery's or staff's (`settlement-hands.ts`) */
  private readonly hands = new SettlementHands();
  /** what the last recovery left undecided, some of it for the dispenser's silence alone */
  private readonly left = new LeftUndecided();
  /** what the last recovery left for staff, with the cause it stopped the self test with */
  private lastLeft: LeftForStaff | undefined;
  /** told when a card is left in the reader for staff (`onCardLeftForStaff`) */
  private readonly cardLeftListeners = new CardLeftListeners();
  /** recovery at work on the devices: staff acts wait for it */
  readonly atWork = new RecoveryAtWork();

  constructor(
    private readonly devices: DevicesService,
    private readonly journal: JournalService,
    host: HostService,
    // optional: recovery of card making tells the host what it was not told (absent in unit specs)
    @Optional() issuance?: IssuanceHostService,
    // optional: QR fee orders left open in closed transactions (absent in unit specs)
    @Optional() feeOrders?: FeeOrderScan,
    // optional: withdrawal holds released by serial, cut short by a restart (absent in unit specs)
    @Optional() holdRelease?: WithdrawalHoldRelease,
    // optional: a card left at the slot across the restart, retracted after the take timeout
    @Optional() private readonly slotCard?: SlotCardRecovery,
    // optional: recovery's card reports the host did not answer, tried until it does (absent in unit specs)
    @Optional() cardReports?: CardMakingReports,
    // optional: the background tries of host acts, which recovery leaves alone and hands its own to
    @Optional() retries?: JournaledHostRetries,
    // optional: PIN reset reports the host had not answered when the kiosk stopped (absent in unit specs)
    @Optional() pinResets?: PinResetReports,
    // optional: PIN outcomes the host had not answered when the kiosk stopped (absent in unit specs)
    @Optional() pinOutcomes?: PinOutcomeReports,
    // optional: the profile, for the wait for a reader that has not said where the card is (absent in unit specs)
    @Optional() @Inject(KIOSK_CONFIG) config?: Pick<KioskConfig, 'devices'>,
    // optional: card activations the host had not answered when the kiosk stopped (absent in unit specs)
    @Optional() activations?: CardActivations,
  ) {
    this.feed = new DeviceCountersFeed(journal.counters, devices, (message) => this.log.warn(message));
    this.settlements = settlementsOf({ journal, host, devices, log: this.log }, { issuance, cardReports });
    ({
      withdrawals: this.withdrawals,
      openTransactions: this.openTransactions,
      hostLeftovers: this.hostLeftovers,
    } = recoveryPartsOf(
      { journal, host, devices, log: this.log },
      {
        // what the late sweep (the host away at boot) leaves for the dispenser waits for it too
        lateSweepLeft: (undecided) => this.left.noteLate(journal, undecided),
        inHand: (serial, settle) => this.hands.sweep(serial, settle),
        notesWaitForTheDispenser: (serial, code) => this.left.noteNotesAtSlot(serial, code),
        withdrawalSettlement: this.settlements.withdrawal,
        cardMaking: this.settlements.cardMaking,
        tellCardLeft: () => this.cardLeftListeners.tell(),
        cardPositionWaitMs: cardPositionWaitOf(config),
      },
      { issuance, feeOrders, holdRelease, cardReports, pinResets, pinOutcomes, activations, retries },
    ));
  }

  onApplicationShutdown(): void {
    this.feed.stop();
  }

  /**
   * `listener` is told when recovery leaves a card in the reader for staff (its capture refused or
   * failed): the kiosk holds back the journeys that take a card into the reader (ADR 0016).
   */
  onCardLeftForStaff(listener: () => void): void {
    this.cardLeftListeners.add(listener);
  }

  /**
   * Settles what earlier runs left. Its writes into transactions they closed (a release or a
   * settlement resumed, the sweeps, a QR fee order's close) are by design: logged at info as
   * recovery at boot, not warned as late (`late-writes.ts`).
   */
  recoverUnfinished(): Promise<RecoveryReport> {
    return this.atWork.run(() => outlivingItsJourney('recovery at boot', () => this.recover()));
  }

  private async recover(): Promise<RecoveryReport> {
    // a staff settlement still running (the visit ended under it): finished first, then read anew;
    // a settlement asked for from the claim on is refused
    const { open, release } = await this.hands.claimForRecovery(() => this.journal.openTransactions());
    try {
      this.left.forget();
      this.lastLeft = undefined;
      const counterDifferences = await reconcileDeviceCounters(this.journal.counters, this.devices, this.log);
      // a hand-over journaled whose count a restart cut short: recorded now, once
      const caughtUp = await catchUpCardsIssued(this.journal);
      if (caughtUp !== undefined) this.log.warn(`cards issued caught up from the journal: ${caughtUp}`);
      return await this.recoverOpen(open, counterDifferences);
    } finally {
      release();
    }
  }

  private async recoverOpen(
    open: Awaited<ReturnType<JournalService['openTransactions']>>,
    counterDifferences: readonly string[],
  ): Promise<RecoveryReport> {
    // the reader's card, each open transaction, then the host's leftovers (`open-transactions-at-boot.ts`)
    const counted = await recoverOpenAtBoot(this.openTransactions, this.hostLeftovers, open);
    const { cardsCaptured, cardsLeftForStaff, withdrawalsSettled, undecided } = counted;
    this.feed.start();
    // a card handed back to the slot before the restart: the take timeout, then captured (background);
    // one inside the reader that no open transaction claimed is handed back first, its owner may be
    // there; never the one just left for staff inside a reader that captures (a reader that cannot
    // holds it in its slot: waited for until it is taken, ADR 0002)
    this.slotCard?.startAtBoot(open, cardsLeftForStaff > 0);
    await this.left.note(this.journal, undecided);
    // coded by what staff must settle: the self test's cause (`undecided-for-staff.ts`)
    const stop = leftForStaffAtBoot(counted);
    this.lastLeft = stop?.left;
    if (stop !== undefined) throw stop.error;
    return {
      recovered: open.length,
      cardsCaptured,
      cardsLeftForStaff,
      withdrawalsSettled,
      counterDifferences,
    };
  }

  /**
   * What the last recovery left for staff and the cause it stopped the self test with (named by the
   * fleet's recovery alert: ADR 0004); undefined when it left nothing, or has not ended.
   */
  get leftForStaff(): LeftForStaff | undefined {
    return this.lastLeft;
  }

  /** Something waits for the dispenser: a withdrawal left for its silence alone, or notes at the slot. */
  get waitsForTheDispenser(): boolean {
    return this.left.waitsForTheDispenser;
  }

  /**
   * A journey left its notes in the presenter, its retract unanswered (`cash.leftInPresenter`): it
   * waits for the dispenser beside what the late sweep left, settled by recovery's rules once it answers.
   */
  notesLeftInPresenter(serial: string): Promise<void> {
    return this.left.noteLate(this.journal, [serial]);
  }

  /** `listener` is told when, in service, withdrawals are left for staff or settled late (ADR 0004). */
  onWithdrawalsLeftChanged(listener: () => void): () => void {
    return this.left.onChange(listener);
  }

  /** `listener` is told when the late sweep of held withdrawals left one for the dispenser. */
  onWaitingForTheDispenser(listener: () => void): void {
    this.left.onWaiting(listener);
  }

  /**
   * The withdrawals left for staff only because the dispenser did not answer, settled by recovery's
   * rules now that it does (`dispenser-back-settlement.ts`), in recovery's hands (a staff settlement
   * of one is refused meanwhile). Undefined when none waits for it.
   */
  settleWhenTheDispenserIsBack(): Promise<LateTurn | undefined> {
    return this.atWork.run(() => settleWhatWaits(this.hands, this.left, this.withdrawals));
  }

  /**
   * The card makings whose new card was left at the slot, settled by recovery's rules now that the
   * card printer answers (`card-printer-back-settlement.ts`), but not those of `skip`; `undecided`:
   * how much of what the last recovery left undecided still is.
   */
  async settleWhenTheCardPrinterIsBack(
    skip?: ReadonlySet<string>,
  ): Promise<CardsLeftSettled & { readonly undecided: number }> {
    const done = await this.atWork.run(() =>
      settleCardsLeftAtSlot(this.hands, this.settlements.cardMaking(), skip),
    );
    return {
      ...done,
      undecided: this.left.taken({ settled: done.settled, stillWaiting: this.left.waiting }),
    };
  }

  /**
   * Field staff counted the cash of a withdrawal recovery could not decide: confirm or reverse it
   * at the host and close it (see `settleWithdrawalByStaff`). Run the self test afterwards.
   */
  settleByStaff(
    transactionId: string,
    verdict: WithdrawalVerdict,
    staffId: string,
  ): ReturnType<typeof settleWithdrawalByStaff> {
    return this.hands.staffSettlement(transactionId, 'This withdrawal', () =>
      settleWithdrawalByStaff(this.settlements.withdrawal(), transactionId, verdict, staffId),
    );
  }

  /**
   * Field staff looked for the card of a card making recovery could not decide: report it issued
   * (taken) or abandoned (in the reject bin) and close it (see `settleIssuanceByStaff`).
   */
  async settleCardMakingByStaff(
    transactionId: string,
    card: CardWhereabouts,
    staffId: string,
  ): Promise<{ outcome: 'issued' | 'abandoned' }> {
    return this.hands.staffSettlement(transactionId, 'This card making', () =>
      settleIssuanceByStaff(this.settlements.card(), transactionId, card, staffId),
    );
  }

  /**
   * Field staff looked for a handed-in card whose capture recovery could not decide: the verdict
   * journaled as its decision (`settleOldCardByStaff`), then the rest of the card making recovered
   * as at boot (its fee order, its new card) and closed; `leftForStaff` when its new card needs a
   * verdict of its own (listed again), or the host did not answer.
   */
  async settleOldCardByStaff(
    transactionId: string,
    oldCard: OldCardWhereabouts,
    staffId: string,
  ): Promise<{ outcome: 'closed' | 'leftForStaff' }> {
    return this.hands.staffSettlement(transactionId, 'This card making', () =>
      settleOldCardThenRecover(this.settlements.cardMaking(), transactionId, oldCard, staffId),
    );
  }
}
