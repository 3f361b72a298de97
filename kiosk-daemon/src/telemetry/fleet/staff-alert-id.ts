/**
 * The event id of a staff alert the kiosk derives from its journal (ADR 0004, "Staff alerts kept
 * until stored"): the same at every boot that tells it, so a restart that tells it again (the
 * broker away, the alert still queued, or stored already) queues it once and the monitor stores
 * it once. A UUID of version 5's form from the road that tells it, the kiosk and what the journal
 * names it by (a host act given up: its transaction, step and attempt; a supply act left for staff:
 * its transaction, device and supply; a self test's recovery alert: its cause and the transactions
 * recovery left for staff, `recoveryAlertEventId`).
 */
import { createHash } from 'node:crypto';
import { ServiceReason } from '@kiosk/domain';
import type { LeftForStaff } from '../../sessions/undecided-for-staff.js';

export function staffAlertEventId(road: string, kioskId: string, key: string): string {
  const hex = createHash('sha256').update(`${road}|${kioskId}|${key}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The event id of a self test's recovery alert (`recoveryNeedsStaff` SELF_TEST_FAILED) told of what
 * recovery left for staff (`left`, of the same cause): derived from that cause and the transactions
 * left, whatever their order, so a self test failing again on the same (at every boot while a
 * withdrawal, a card making or a card waits for staff) tells it under the same id, stored once by the
 * monitor; another transaction left, or the same cause once what was left is settled and something
 * new is, is another id: stored, a new alert raised. Undefined (a new id each time it is told) for
 * any other event, a self test that timed out, or one that failed of something recovery did not leave.
 */
export function recoveryAlertEventId(
  kioskId: string,
  event: { readonly type: string; readonly code?: string; readonly cause?: string },
  left: LeftForStaff | undefined,
): string | undefined {
  if (event.type !== 'recoveryNeedsStaff' || event.code !== ServiceReason.SELF_TEST_FAILED) return undefined;
  if (left === undefined || left.cause !== event.cause || left.transactions.length === 0) return undefined;
  const episode = [...new Set(left.transactions)].sort().join(',');
  return staffAlertEventId('recoveryNeedsStaff', kioskId, `${left.cause}|${episode}`);
}
