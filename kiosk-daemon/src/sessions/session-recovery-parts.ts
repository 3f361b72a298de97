/**
 * What each part of recovery needs (`session-recovery.service.ts`), wired from the service's
 * collaborators and its own hands: settling a withdrawal at boot, recovering a transaction left
 * open, and settling the host's leftovers of earlier runs; and what a withdrawal's, a card
 * making's or a card's settlement acts on (at boot, late or by staff).
 */
import type { CardSettlementDeps } from '../journeys/issuance-staff-settlement.js';
import type { BootSettlementDeps } from '../journeys/withdrawal-boot-settlement.js';
import type { StaffSettlementDeps } from '../journeys/withdrawal-staff-settlement.js';
import type { CardMakingRecoveryDeps } from './card-making-boot-recovery.js';
import type { HostLeftoversDeps } from './host-leftovers-recovery.js';
import type { OpenTransactionRecoveryDeps } from './open-transaction-recovery.js';

export interface RecoveryParts {
  /** what settling a withdrawal at boot needs (`journeys/withdrawal-boot-settlement.ts`) */
  readonly withdrawals: BootSettlementDeps;
  /** what recovering a transaction left open needs (`open-transaction-recovery.ts`) */
  readonly openTransactions: OpenTransactionRecoveryDeps;
  /** what settling the host's leftovers of earlier runs needs (`host-leftovers-recovery.ts`) */
  readonly hostLeftovers: HostLeftoversDeps;
}

/** The service's own part in them: its hands, what it leaves for the dispenser, its listeners. */
type OwnPart = Pick<BootSettlementDeps, 'lateSweepLeft' | 'inHand' | 'notesWaitForTheDispenser'> &
  Pick<
    OpenTransactionRecoveryDeps,
    'withdrawalSettlement' | 'cardMaking' | 'tellCardLeft' | 'cardPositionWaitMs'
  >;

export function recoveryPartsOf(
  base: Pick<OpenTransactionRecoveryDeps, 'journal' | 'devices' | 'log'> & Pick<BootSettlementDeps, 'host'>,
  own: OwnPart,
  hostSide: Omit<HostLeftoversDeps, 'journal' | 'log' | 'withdrawals'>,
): RecoveryParts {
  const { journal, devices, log } = base;
  const withdrawals: BootSettlementDeps = {
    ...base,
    lateSweepLeft: own.lateSweepLeft,
    inHand: own.inHand,
    notesWaitForTheDispenser: own.notesWaitForTheDispenser,
  };
  return {
    withdrawals,
    openTransactions: {
      journal,
      devices,
      log,
      withdrawals,
      withdrawalSettlement: own.withdrawalSettlement,
      cardMaking: own.cardMaking,
      tellCardLeft: own.tellCardLeft,
      cardPositionWaitMs: own.cardPositionWaitMs,
    },
    hostLeftovers: { journal, log, withdrawals, ...hostSide },
  };
}

/** What a settlement acts on, the devices read at each call (`settlementsOf`). */
export interface Settlements {
  readonly withdrawal: () => StaffSettlementDeps;
  readonly cardMaking: () => CardMakingRecoveryDeps;
  readonly card: () => CardSettlementDeps;
}

export function settlementsOf(
  base: Pick<OpenTransactionRecoveryDeps, 'journal' | 'devices' | 'log'> & Pick<BootSettlementDeps, 'host'>,
  hostSide: Pick<CardMakingRecoveryDeps, 'issuance' | 'cardReports'>,
): Settlements {
  const { journal, host, devices, log } = base;
  const { issuance, cardReports } = hostSide;
  return {
    withdrawal: () => ({ journal, host, dispenser: devices.cashDispenser }),
    cardMaking: () => {
      const { cardReader: reader, cardPrinter: printer } = devices;
      return { journal, reader, printer, log, issuance, cardReports };
    },
    card: () => ({ journal, printer: devices.cardPrinter, issuance }),
  };
}
