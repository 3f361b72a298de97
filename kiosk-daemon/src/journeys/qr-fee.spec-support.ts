/**
 * The QR fee's world for the specs of the fee screen's wait: the real journal (SQLite in memory)
 * with one replace-card transaction and its journey tools, the fee's dependencies around the
 * issuance host the spec gives (polls and settlement tries fast), a fresh QR fee and its input.
 * The spec destroys `db` when it wants it closed.
 */
import type { KioskConfig } from '@kiosk/config';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { journeyTools } from './journey-tools.js';
import { QR_FEE } from './qr-fee.js';

export async function qrFeeWorld(issuance: IssuanceHostService) {
  const { db, journal } = await openMemoryJournal();
  const config = {
    kiosk: { id: 'JZ-0001' },
    journal: { retentionDays: 30 },
    timeouts: { feePaymentMs: 90_000 },
  } as KioskConfig;
  const tx = await journal.openTransaction('s1', 'replaceCard');
  const tools = journeyTools(
    journal,
    tx,
    () => 'zh-CN',
    () => undefined,
  );
  const deps = {
    issuance,
    journal,
    config,
    paymentPollMs: 5,
    feeSettlement: { retryMs: 1 },
  };
  const fee = QR_FEE.make();
  const input = { applicationId: 'A0000042', amountFen: 2000 };
  return { db, journal, tx, tools, deps, fee, input };
}
