import { ErrorCode, KioskError } from '@kiosk/domain';
import type { WithdrawalView } from '@kiosk/host-simulator/contract';

/**
 * The withdrawals a host answer lists under one serial (the kiosk's idempotency key): each must be
 * of that serial, else the answer is refused (HOST_BAD_RESPONSE) rather than read. A back office
 * that ignored the serial it was asked for (an older release, a proxy dropping the query) lists
 * other withdrawals, newest first: the first taken as this one's had recovery and a supervisor's
 * verdict confirm or give back another withdrawal's hold, or count this one settled by the host.
 */
export function ofSerial(withdrawals: WithdrawalView[], serial: string, what: string): WithdrawalView[] {
  const other = withdrawals.find((w) => w.transactionSerial !== serial);
  if (!other) return withdrawals;
  throw new KioskError(
    ErrorCode.HOST_BAD_RESPONSE,
    'The back office answered with a withdrawal of another serial than the one asked for.',
    { what, serial, answered: other.transactionSerial.slice(0, 64) },
  );
}
