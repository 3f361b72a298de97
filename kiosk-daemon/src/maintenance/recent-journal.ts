/**
 * The last transactions for a supervisor at the kiosk (`GET /maintenance/journal`): masked, as the
 * journal keeps them, newest first, each with its steps by name and phase. Who read the journal,
 * and how much, is itself journaled in the visit.
 */
import type { JournalService } from '../journal/journal.service.js';
import type { MaintenanceService } from './maintenance.service.js';

export async function recentJournal(
  maintenance: MaintenanceService,
  journal: JournalService,
  token: string,
  limit = 20,
): Promise<unknown[]> {
  const visit = maintenance.visitOf(token, ['supervisor']);
  const today = new Date();
  const from = new Date(today.getTime() - 86_400_000).toISOString().slice(0, 10);
  const rows = await journal.exportRange(from, today.toISOString().slice(0, 10));
  await journal.recordStep(maintenance.transactionOf(visit), 'maintenance.journalViewed', 'event', {
    transactions: Math.min(limit, rows.length),
  });
  return rows
    .slice(-limit)
    .reverse()
    .map(({ transaction, steps }) => ({ ...transaction, steps: steps.map((s) => `${s.step}:${s.phase}`) }));
}
