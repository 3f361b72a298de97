import { Injectable, Logger, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { DEVICE_KINDS, ErrorCode, KioskError, isUsable } from '@kiosk/domain';
import type { WithdrawalView } from '@kiosk/host-simulator/contract';
import { DevicesService } from '../devices/devices.service.js';
import { HostService } from '../host/host.service.js';
import { IssuanceHostService } from '../host/issuance-host.service.js';
import { countersDiffer, deviceCountersOf } from '../journal/device-counters-of.js';
import { DeviceCountersFeed } from '../journal/device-counters-feed.js';
import type { DeviceCounters } from '../journal/device-counters.service.js';
import { FeeOrderScan } from '../journal/fee-order-scan.service.js';
import { JournalService } from '../journal/journal.service.js';
import { recoverQrOrders } from '../journeys/fee-settlement.js';
import { recoverIssuance } from '../journeys/issuance-recovery.js';
import { settleIssuanceByStaff, type CardWhereabouts } from '../journeys/issuance-staff-settlement.js';
import { journaledAct, recordDeviceCounters } from '../journeys/journey-tools.js';
import { decideWithdrawal, type WithdrawalDecision } from '../journeys/withdrawal-recovery.js';
import { settleWithdrawalByStaff, type StaffVerdict } from '../journeys/withdrawal-staff-settlement.js';

export interface RecoveryReport {
  readonly recovered: number;
  readonly cardsCaptured: number;
  /** withdrawals settled at the host by recovery: confirmed or reversed */
  readonly withdrawalsSettled: number;
  /** device counters that differed from the journal's last record at boot */
  readonly counterDifferences: readonly string[];
}

/**
 * Runs at boot, after the devices open and before the kiosk goes in service: every journal
 * transaction still open was cut short by a crash or power loss. Each is finished in a known
 * state and closed as interrupted; a card still held by the reader is captured (its holder has
 * walked away). A withdrawal is confirmed or reversed at the host from the journal, the
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

  constructor(
    private readonly devices: DevicesService,
    private readonly journal: JournalService,
    private readonly host: HostService,
    // optional: recovery of card making tells the host what it was not told (absent in unit specs)
    @Optional() private readonly issuance?: IssuanceHostService,
    // optional: QR fee orders left open in closed transactions (absent in unit specs)
    @Optional() private readonly feeOrders?: FeeOrderScan,
  ) {
    this.feed = new DeviceCountersFeed(journal.counters, devices, (message) => this.log.warn(message));
  }

  onApplicationShutdown(): void {
    this.feed.stop();
  }

  async recoverUnfinished(): Promise<RecoveryReport> {
    const counterDifferences = await this.reconcileCounters();
    const open = await this.journal.openTransactions();
    let cardsCaptured = 0;
    let withdrawalsSettled = 0;
    const undecided: string[] = [];
    for (const tx of open) {
      const steps = await this.journal.stepsOf(tx.id);
      const last = steps[steps.length - 1];
      await this.journal.recordStep(tx.id, 'recovery.found', 'event', {
        lastStep: last ? `${last.step}:${last.phase}` : null,
        cardPosition: this.devices.cardReader.cardPosition(),
      });
      if (this.devices.cardReader.cardPosition() === 'inReader') {
        try {
          await journaledAct(this.journal, tx.id, 'recovery.card.retract', () =>
            this.devices.cardReader.retract(),
          );
        } catch (e) {
          throw new KioskError(
            ErrorCode.DEVICE_HARDWARE_ERROR,
            'A card left in the reader could not be captured.',
            {
              transactionId: tx.id,
              code: KioskError.from(e).code,
            },
          );
        }
        cardsCaptured += 1;
      }
      if (tx.journey === 'issueCard' || tx.journey === 'replaceCard') {
        // a QR fee order the fee screen waited on is closed (refunded if paid): no money without a card
        if (this.issuance) await this.settleFeeOrders(tx.id);
        if (!(await recoverIssuance(this.journal, this.devices.cardPrinter, this.issuance, tx.id))) {
          this.log.error(`recovery: ${tx.id} needs field staff: where its new card went is not known`);
          undecided.push(tx.id);
          continue;
        }
      }
      if (tx.journey === 'withdraw') {
        const settled = await this.recoverWithdrawal(tx.id);
        if (settled === undefined) {
          undecided.push(tx.id);
          continue;
        }
        if (settled) withdrawalsSettled += 1;
      }
      await this.journal.closeTransaction(tx.id, 'interrupted', ErrorCode.SESSION_INTERRUPTED);
      this.log.warn(
        `recovered interrupted transaction ${tx.id} (${tx.journey}), last step ${last?.step ?? 'none'}`,
      );
    }
    // a session that ended while its confirm or reversal failed left money held at the host
    const openIds = new Set(open.map((t) => t.id));
    for (const held of await this.heldAtHost()) {
      if (openIds.has(held.transactionSerial)) continue;
      if ((await this.journal.stepsOf(held.transactionSerial)).length === 0) {
        // money held under a serial this journal does not know (a replaced or lost journal file)
        this.log.error(
          `recovery: the host holds ${held.heldFen} fen under ${held.transactionSerial}, unknown here`,
        );
        undecided.push(held.transactionSerial);
        continue;
      }
      const settled = await this.recoverWithdrawal(held.transactionSerial);
      if (settled === undefined) undecided.push(held.transactionSerial);
      else if (settled) withdrawalsSettled += 1;
    }
    // a session that ended while its QR fee order was being closed, cut short there
    if (this.issuance && this.feeOrders) {
      for (const transactionId of await this.feeOrders.transactionsWithOpenOrders()) {
        if (!openIds.has(transactionId)) await this.settleFeeOrders(transactionId);
      }
    }
    this.feed.start();
    if (undecided.length > 0) {
      throw new KioskError(
        ErrorCode.SESSION_INTERRUPTED,
        'Recovery could not decide what happened to the cash or the new card of an interrupted transaction; field staff must count and settle it.',
        { transactions: undecided.join(',') },
      );
    }
    return { recovered: open.length, cardsCaptured, withdrawalsSettled, counterDifferences };
  }

  /** Closes the transaction's QR fee orders not settled (ADR 0008); the host not answering waits for the next boot. */
  private async settleFeeOrders(transactionId: string): Promise<void> {
    if (!this.issuance) return;
    await recoverQrOrders(this.journal, this.issuance, transactionId, { tries: 2 }, (message) =>
      this.log.warn(message),
    );
  }

  /**
   * The host's held withdrawals of this kiosk. Unreachable: the sweep waits for the next boot (the
   * money stays held at the host, nothing is paid or lost); the open transactions were decided
   * with the host already, or are undecided.
   */
  private async heldAtHost(): Promise<WithdrawalView[]> {
    try {
      return await this.host.authorisedWithdrawals();
    } catch (e) {
      this.log.warn(`recovery: the host cannot list held withdrawals now: ${KioskError.from(e).code}`);
      return [];
    }
  }

  /**
   * Settles one withdrawal. Returns true when recovery confirmed or reversed it at the host,
   * false when there was nothing to settle, undefined when it cannot be decided (journaled).
   */
  private async recoverWithdrawal(transactionId: string): Promise<boolean | undefined> {
    const steps = await this.journal.stepsOf(transactionId);
    if (!steps.some((s) => s.step === 'withdrawal.authorise')) {
      // the kiosk never asked for money under this serial: nothing can be held, nothing moved
      await this.journal.recordStep(transactionId, 'recovery.withdrawal', 'event', {
        action: 'none',
        why: 'never authorised',
      });
      return false;
    }
    let host: WithdrawalView | undefined;
    try {
      host = await this.host.withdrawalByKey(transactionId);
    } catch (e) {
      await this.needsStaff(transactionId, `the host did not answer: ${KioskError.from(e).code}`);
      return undefined;
    }
    const dispenser = this.devices.cashDispenser;
    const decision = decideWithdrawal({
      steps,
      dispenserAnswers: isUsable(dispenser.status()),
      presenter: dispenser.presenter(),
      cassettes: Object.fromEntries(dispenser.cassettes().map((c) => [c.id, c.count])),
      retractBin: dispenser.status().supplies.find((s) => s.name === 'retractBin')?.count ?? null,
      host,
    });
    await this.journal.recordStep(transactionId, 'recovery.withdrawal', 'event', {
      action: decision.action,
      why: decision.why,
      hostStatus: host?.status ?? 'unknown to the host',
    });
    try {
      return await this.carryOut(transactionId, decision, host);
    } catch (e) {
      await this.needsStaff(transactionId, `${decision.action} failed: ${KioskError.from(e).code}`);
      return undefined;
    }
  }

  private async carryOut(
    transactionId: string,
    decision: WithdrawalDecision,
    host: WithdrawalView | undefined,
  ): Promise<boolean | undefined> {
    const dispenser = this.devices.cashDispenser;
    const retract = async () => {
      await journaledAct(this.journal, transactionId, 'recovery.cash.retract', () => dispenser.retract());
      await recordDeviceCounters(this.journal, dispenser.status(), dispenser.cassettes());
    };
    switch (decision.action) {
      case 'undecided':
        await this.needsStaff(transactionId, decision.why);
        return undefined;
      case 'none':
        if (decision.retractStray) await retract();
        return false;
      case 'reverse': {
        if (decision.retract) await retract();
        const { authorisationId } = host!;
        await journaledAct(
          this.journal,
          transactionId,
          'recovery.withdrawal.reverse',
          () =>
            this.host.reverseWithdrawal(authorisationId, transactionId, {
              amountFen: decision.amountFen,
              reason: decision.reason,
            }),
          { amountFen: decision.amountFen, reason: decision.reason },
        );
        return true;
      }
      case 'confirm': {
        const { authorisationId } = host!;
        if (decision.reverseFirstFen > 0) {
          await journaledAct(
            this.journal,
            transactionId,
            'recovery.withdrawal.reverse',
            () =>
              this.host.reverseWithdrawal(authorisationId, transactionId, {
                amountFen: decision.reverseFirstFen,
                reason: 'dispenseFault',
              }),
            { amountFen: decision.reverseFirstFen, reason: 'partialDispense' },
          );
        }
        await journaledAct(this.journal, transactionId, 'recovery.withdrawal.confirm', () =>
          this.host.confirmWithdrawal(authorisationId, transactionId),
        );
        return true;
      }
    }
  }

  /**
   * Field staff counted the cash of a withdrawal recovery could not decide: confirm or reverse it
   * at the host and close it (see `settleWithdrawalByStaff`). Run the self test afterwards.
   */
  settleByStaff(
    transactionId: string,
    verdict: StaffVerdict,
    staffId: string,
  ): Promise<{ hostStatus: string }> {
    return settleWithdrawalByStaff(
      { journal: this.journal, host: this.host, dispenser: this.devices.cashDispenser },
      transactionId,
      verdict,
      staffId,
    );
  }

  /**
   * Field staff looked for the card of a card making recovery could not decide: report it issued
   * (taken) or abandoned (in the reject bin) and close it (see `settleIssuanceByStaff`).
   */
  settleCardMakingByStaff(
    transactionId: string,
    card: CardWhereabouts,
    staffId: string,
  ): Promise<{ outcome: 'issued' | 'abandoned' }> {
    return settleIssuanceByStaff(
      { journal: this.journal, printer: this.devices.cardPrinter, issuance: this.issuance },
      transactionId,
      card,
      staffId,
    );
  }

  private async needsStaff(transactionId: string, reason: string): Promise<void> {
    await this.journal.recordStep(transactionId, 'recovery.needsStaff', 'event', { reason });
    this.log.error(`recovery: ${transactionId} needs field staff: ${reason}`);
  }

  /**
   * Compares what every device counts now with the journal's last record of it, records the
   * device's own counts as the new truth, and returns each difference (`kind.counter: a → b`):
   * notes or cards that moved while the journal could not follow (a crash), or staff refilling.
   */
  private async reconcileCounters(): Promise<string[]> {
    const recorded = await this.journal.counters.latestCounters();
    this.restoreDispenserCounts(recorded.cashDispenser?.counters);
    const differences: string[] = [];
    for (const kind of DEVICE_KINDS) {
      const status = this.devices.statuses().find((s) => s.kind === kind);
      if (!status) continue;
      const cassettes = kind === 'cashDispenser' ? this.devices.cashDispenser.cassettes() : undefined;
      const now = deviceCountersOf(status, cassettes);
      if (!now) continue;
      const before = recorded[kind]?.counters;
      const differ = before ? countersDiffer(before, now) : [];
      for (const d of differ)
        differences.push(`${kind}.${d.counter}: ${d.recorded ?? '-'} → ${d.now ?? '-'}`);
      if (!before || differ.length > 0) await this.journal.counters.recordCounters(kind, now);
    }
    if (differences.length > 0) {
      this.log.warn(`device counters moved since the journal last recorded them: ${differences.join('; ')}`);
    }
    return differences;
  }

  /**
   * A dispenser that counts nothing itself (a real LCDM) starts from the configured counts: the
   * notes left are what the journal last recorded, set before anything compares or dispenses.
   */
  private restoreDispenserCounts(kept: DeviceCounters | undefined): void {
    const dispenser = this.devices.cashDispenser;
    if (!dispenser.countsFromJournal || !dispenser.restoreCounts || !kept?.cassettes) return;
    dispenser.restoreCounts({
      cassettes: kept.cassettes,
      ...(kept.rejectBin !== undefined && { rejectBin: kept.rejectBin }),
      ...(kept.retractBin !== undefined && { retractBin: kept.retractBin }),
    });
    const notes = kept.cassettes.map((c) => `${c.cassette} ${c.notes}`).join(', ');
    this.log.log(`cash dispenser counts restored from the journal: ${notes}`);
  }
}
