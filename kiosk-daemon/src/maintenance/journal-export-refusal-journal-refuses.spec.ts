/**
 * A journal export refused within an engineer's visit is journaled in the visit
 * (`maintenance.journalExportRefused`); when the journal does not take that step, the engineer
 * still reads the refusal (STAFF_ROLE_NOT_ALLOWED, 403), not the journal's fault, and the attempt
 * goes to the log instead. The maintenance service and the journal are stand-ins.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';
import { exportingVisit } from './journal-export-refusal.js';
import type { MaintenanceService, StaffVisit } from './maintenance.service.js';

const ENGINEER: StaffVisit = { token: 't', staffId: 'FS-0001', role: 'engineer', expiresAt: '' };

const maintenance = {
  visitOf: (_token: string | undefined, roles?: readonly string[]) => {
    if (roles && !roles.includes(ENGINEER.role))
      throw new KioskError(ErrorCode.STAFF_ROLE_NOT_ALLOWED, 'another role', { role: ENGINEER.role });
    return ENGINEER;
  },
  transactionOf: () => 'tx-visit',
} as unknown as MaintenanceService;

afterEach(() => {
  jest.restoreAllMocks();
});

describe('journal export refusal the journal refuses', () => {
  it('the engineer reads the refusal, the attempt in the log', async () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const journal = {
      recordStep: async () => {
        throw new KioskError(ErrorCode.JOURNAL_WRITE_FAILED, 'the journal did not take it');
      },
    } as unknown as JournalService;
    const visit = exportingVisit(maintenance, journal, 't', ['supervisor'], { from: '2026-11-29' });
    await expect(visit).rejects.toMatchObject({ code: ErrorCode.STAFF_ROLE_NOT_ALLOWED });
    expect(warnings.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringMatching(
        /journal export refused \(STAFF_ROLE_NOT_ALLOWED\) in tx-visit, not journaled: JOURNAL_WRITE_FAILED/,
      ),
    ]);
  });

  it('journaled in the visit when the journal takes it', async () => {
    const steps: unknown[] = [];
    const journal = {
      recordStep: async (...args: unknown[]) => void steps.push(args),
    } as unknown as JournalService;
    const visit = exportingVisit(maintenance, journal, 't', ['supervisor'], { from: '2026-11-29', to: 7 });
    await expect(visit).rejects.toMatchObject({ code: ErrorCode.STAFF_ROLE_NOT_ALLOWED });
    expect(steps).toEqual([
      [
        'tx-visit',
        'maintenance.journalExportRefused',
        'failed',
        {
          from: '2026-11-29',
          to: null,
          format: null,
          code: ErrorCode.STAFF_ROLE_NOT_ALLOWED,
          role: 'engineer',
        },
      ],
    ]);
  });
});
