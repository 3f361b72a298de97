/**
 * Field staff's verdict on a handed-in card whose capture boot recovery could not decide
 * (`SessionRecoveryService.settleOldCardByStaff`): the verdict journaled as its decision
 * (`settleOldCardByStaff`, `journeys/old-card-staff-settlement.ts`), then the rest of the card
 * making recovered as at boot (its fee order, its new card, `card-making-boot-recovery.ts`) and
 * closed as interrupted when recovered. Left for staff when its new card needs a verdict of its
 * own (listed again), or the host did not answer.
 */
import { ErrorCode } from '@kiosk/domain';
import { settleOldCardByStaff, type OldCardWhereabouts } from '../journeys/old-card-staff-settlement.js';
import { recoverCardMakingAtBoot, type CardMakingRecoveryDeps } from './card-making-boot-recovery.js';

/** Journals the verdict, then recovers the rest of the card making: closed, or left for staff. */
export async function settleOldCardThenRecover(
  making: CardMakingRecoveryDeps,
  transactionId: string,
  oldCard: OldCardWhereabouts,
  staffId: string,
): Promise<{ outcome: 'closed' | 'leftForStaff' }> {
  const { journal, reader } = making;
  await settleOldCardByStaff({ journal, reader }, transactionId, oldCard, staffId);
  const steps = await journal.stepsOf(transactionId);
  const made = await recoverCardMakingAtBoot(making, transactionId, steps, { away: false });
  const closed = made.outcome === 'byStaffVerdict' ? made.settled : made.outcome === 'recovered';
  if (made.outcome === 'recovered')
    await journal.closeTransaction(transactionId, 'interrupted', ErrorCode.SESSION_INTERRUPTED);
  return { outcome: closed ? 'closed' : 'leftForStaff' };
}
