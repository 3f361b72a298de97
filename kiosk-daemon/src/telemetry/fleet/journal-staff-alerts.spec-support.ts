/**
 * What the specs of an alert the journal's staff alerts tell share: one start of them (what they
 * told kept), and the check of one alert told once per start, kept until stored, under the same id
 * after a restart, with nothing of the resident's or the transaction's on it.
 */
import { expect } from '@jest/globals';
import type { JournalService } from '../../journal/journal.service.js';
import { keptUntilStored } from '../mqtt/queue-drop-order.js';
import type { QueuedEvent } from '../mqtt/telemetry-queue.js';
import { JournalStaffAlerts } from './journal-staff-alerts.js';

export const STAFF_ALERTS_KIOSK = 'JZ-0001';

/** The journal's staff alerts of one start, what they told kept. */
export function aStart(journal: JournalService) {
  const told: { event: unknown; id: string | undefined }[] = [];
  const publisher = {
    kioskId: STAFF_ALERTS_KIOSK,
    publishEvent: (event: unknown, id?: string) => told.push({ event, id }),
  };
  const alerts = new JournalStaffAlerts(publisher as never, journal);
  return { told, tell: async () => alerts.tell(await alerts.read()) };
}

/**
 * `alert` is the one told in a start, with none of `secrets` on it, kept until a monitor stored it,
 * not told twice in the start, and told again under the same id after a restart.
 */
export async function toldOnceAcrossRestart(
  journal: JournalService,
  alert: { event: object; id: string },
  secrets: readonly string[],
): Promise<void> {
  const start = aStart(journal);
  await start.tell();
  expect(start.told).toEqual([alert]);
  const sent = JSON.stringify(start.told);
  for (const secret of secrets) expect(sent).not.toContain(secret);
  // kept in the kiosk's queue until a monitor stored it
  expect(keptUntilStored({ ...alert.event, id: 'x' } as unknown as QueuedEvent)).toBe(true);
  await start.tell(); // read again in the same start: not told twice
  expect(start.told).toHaveLength(1);
  const restarted = aStart(journal);
  await restarted.tell(); // a restart tells it again under the same id: stored once by the monitor
  expect(restarted.told).toEqual([alert]);
}
