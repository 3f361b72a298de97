/**
 * What the daily counts' specs (stats-daily-one-day-more-in-china,
 * stats-daily-no-today-before-first-journey) store: a kiosk's completed journey.
 */
import { randomUUID } from 'node:crypto';
import type { ReceivedEvent } from '../contract/telemetry-reading.js';
import type { FleetStore } from './fleet-store.js';

let seq = 0;

/** A completed balance journey of `kioskId` ended at `at`, counted on `day` (none: an older kiosk's). */
export async function journeyCounted(
  store: Pick<FleetStore, 'saveEvent'>,
  kioskId: string,
  at: string,
  day?: string,
): Promise<void> {
  const event = {
    id: randomUUID(),
    kioskId,
    seq: seq++,
    at,
    type: 'journeyOutcome',
    journey: 'balance',
    outcome: 'completed',
    durationMs: 9_000,
    ...(day !== undefined && { day }),
  } as ReceivedEvent;
  await store.saveEvent(event, at);
}
