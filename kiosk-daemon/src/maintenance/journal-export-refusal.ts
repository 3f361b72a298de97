/**
 * A refused `GET /journal/export` on record (ADR 0010: the journal leaves the kiosk with a
 * supervisor, every act of a visit audited). Asked within another role's visit (an engineer's),
 * the refusal is a step of that visit (`maintenance.journalExportRefused`, failed: the range and
 * format asked, the code, the role), journaled as the visit's other acts. Asked without a visit
 * (no token, or one of no visit), nobody is on record to name and no visit to journal in: a
 * journal row per request would let anything on the kiosk's machine grow the journal at will (no
 * staff card or PIN pad in its way), so the attempt is a warning in the daemon's log, which field
 * engineers read: the code, the range and format asked (bounded, quoted, an ID number masked),
 * whether a token came (never the token).
 */
import { Logger } from '@nestjs/common';
import { ErrorCode, KioskError, maskIdNumbersInText } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';
import type { MaintenanceService, StaffVisit } from './maintenance.service.js';

const log = new Logger('Maintenance');

/** What the refused request asked for, as the record names it: each value a bounded string or null. */
function asked(query: Record<string, unknown>): Record<string, string | null> {
  const value = (name: string): string | null => {
    const v = query[name];
    return typeof v === 'string' ? maskIdNumbersInText(v.slice(0, 40)) : null;
  };
  return { from: value('from'), to: value('to'), format: value('format') };
}

/**
 * The supervisor's visit of `token`, else the refusal put on record (in the visit of another role,
 * or the log) and thrown.
 */
export async function exportingVisit(
  maintenance: MaintenanceService,
  journal: JournalService,
  token: string | undefined,
  roles: readonly StaffVisit['role'][],
  query: Record<string, unknown>,
): Promise<StaffVisit> {
  try {
    return maintenance.visitOf(token, roles);
  } catch (e) {
    const refused = KioskError.from(e);
    if (refused.code === ErrorCode.STAFF_ROLE_NOT_ALLOWED) {
      const visit = maintenance.visitOf(token);
      const detail = { ...asked(query), code: refused.code, role: visit.role };
      const tx = maintenance.transactionOf(visit);
      // a journal that does not take the step leaves the refusal as it is, in the log instead
      await journal
        .recordStep(tx, 'maintenance.journalExportRefused', 'failed', detail)
        .catch((e: unknown) => {
          log.warn(
            `journal export refused (${refused.code}) in ${tx}, not journaled: ${KioskError.from(e).code}`,
          );
        });
    } else {
      log.warn(
        `journal export refused (${refused.code}): asked ${JSON.stringify(asked(query))}, ${
          token === undefined ? 'no staff token' : 'a token of no visit'
        }`,
      );
    }
    throw refused;
  }
}
