/**
 * What the across-releases specs of the status's own optional fields (ADR 0018: reasons, supply
 * acts left, run) share: a status a kiosk sends, and how a monitor of the release before the field
 * read it.
 */
import type { z } from 'zod';
import { ReceivedOnlineStatusSchema, type ReceivedOnlineStatus } from './telemetry-reading.js';
import { OnlineStatusSchema } from './telemetry.contract.js';

/** A kiosk's status in service (its receipt printer's paper ok), with `extra`. */
export const statusInService = (extra: Record<string, unknown>) => ({
  connection: 'online',
  kioskId: 'JZ-9001',
  mode: 'inService',
  version: '0.9.0',
  journeysOffered: ['balance'],
  devices: [{ kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: 'ok' }] }],
  heartbeatIntervalS: 10,
  at: '2026-11-28T06:00:00.000Z',
  ...extra,
});

type StatusField = keyof typeof OnlineStatusSchema.shape & keyof ReceivedOnlineStatus;

/** The release before `field` read a status with its closed schema, then its open one, neither knowing it. */
export function readByReleaseBefore(
  field: StatusField,
  body: unknown,
): { closed: boolean; open: z.ZodSafeParseResult<Partial<ReceivedOnlineStatus>> } {
  const without = { [field]: true } as Partial<Record<StatusField, true>>;
  const closed = OnlineStatusSchema.omit(without).strict();
  const open = ReceivedOnlineStatusSchema.omit(without);
  return { closed: closed.safeParse(body).success, open: open.safeParse(body) };
}
