/**
 * The event id of a staff alert the kiosk derives from its journal (ADR 0004, "Staff alerts kept
 * until stored"): the same at every boot that tells it, so a restart that tells it again (the
 * broker away, the alert still queued, or stored already) queues it once and the monitor stores
 * it once. A UUID of version 5's form from the road that tells it, the kiosk and what the journal
 * names it by (a host act given up: its transaction, step and attempt; a supply act left for staff:
 * its transaction, device and supply).
 */
import { createHash } from 'node:crypto';

export function staffAlertEventId(road: string, kioskId: string, key: string): string {
  const hex = createHash('sha256').update(`${road}|${kioskId}|${key}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
