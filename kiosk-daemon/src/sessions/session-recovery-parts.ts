/**
 * What each part of recovery needs (`session-recovery.service.ts`), wired from the service's
 * collaborators and its own hands: settling a withdrawal at boot, recovering a transaction left
 * open, and settling the host's leftovers of earlier runs.
 */
import type { BootSettlementDeps } from '../journeys/withdrawal-boot-settlement.js';
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
