/** A withdrawal held at the host, as the host answers it, for the specs of its recovery at boot. */
import type { WithdrawalView } from '@kiosk/host-simulator/contract';

/** li's withdrawal of 200 yuan held under `serial`: authorised, nothing paid or reversed yet */
export const heldWithdrawal = (serial: string): WithdrawalView => ({
  authorisationId: 'W00000001',
  cardNumber: 'H41080000102',
  transactionSerial: serial,
  status: 'authorised',
  amountFen: 20_000,
  heldFen: 20_000,
  paidFen: 0,
  reversedFen: 0,
  balanceAfterFen: 1_000_000,
  authorisedAt: '2026-11-26T02:00:00.000Z',
  settledAt: null,
});
