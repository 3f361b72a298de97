/**
 * The maintenance API on the daemon's loopback address (the kiosk's own screen and service tools):
 *   POST /maintenance/login      { staffId }  → the kiosk leaves service and its PIN pad asks for the
 *                                 staff PIN; answers { token, staffId, role, expiresAt } once accepted
 *   POST /maintenance/logout     ends the visit: self test, back in service by what the devices allow;
 *                                 an operator's out-of-service hold from the fleet stays
 *   POST /maintenance/return-to-service  ends the visit releasing that hold (engineer, supervisor):
 *                                 answers { releasedHold } (the hold's code, or null), audited (ADR 0010)
 *   POST /maintenance/self-test  every device's status now
 *   POST /maintenance/test-receipt  a test receipt through the printer's driver
 *   GET  /maintenance/counters   supplies as the devices count them and the journal's latest counts
 *   GET  /maintenance/journal    the last transactions, masked (supervisor)
 *   GET  /journal/export         the auditors' export (supervisor; journal-export.controller.ts)
 * Every route but login needs `authorization: Bearer <token>`. Errors carry a domain code.
 */
import { Body, Controller, Get, Headers, HttpCode, HttpException, HttpStatus, Post } from '@nestjs/common';
import { z } from 'zod';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { JournalService } from '../journal/journal.service.js';
import { MaintenanceService, type StaffVisit } from './maintenance.service.js';
import { recentJournal } from './recent-journal.js';
import type { StaffPinProgress } from './staff-login.js';

const LoginSchema = z.strictObject({ staffId: z.string().regex(/^[A-Z]{2}-\d{4,6}$/) });

const STATUS: Partial<Record<string, HttpStatus>> = {
  [ErrorCode.STAFF_LOGIN_FAILED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.STAFF_NOT_LOGGED_IN]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.STAFF_ROLE_NOT_ALLOWED]: HttpStatus.FORBIDDEN,
  [ErrorCode.SESSION_BUSY]: HttpStatus.CONFLICT,
  [ErrorCode.GATEWAY_MALFORMED_MESSAGE]: HttpStatus.BAD_REQUEST,
  [ErrorCode.MAINTENANCE_SUPPLY_UNKNOWN]: HttpStatus.BAD_REQUEST,
  [ErrorCode.MAINTENANCE_COUNT_MISMATCH]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.MAINTENANCE_SETTLEMENT_AMOUNT_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.MAINTENANCE_OVER_CAPACITY]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.MAINTENANCE_FAULT_PERSISTS]: HttpStatus.CONFLICT,
  [ErrorCode.MAINTENANCE_ALREADY_SETTLED]: HttpStatus.CONFLICT,
  [ErrorCode.MAINTENANCE_SETTLED_BY_HOST]: HttpStatus.CONFLICT,
  [ErrorCode.MAINTENANCE_SETTLEMENT_IN_PROGRESS]: HttpStatus.CONFLICT,
  [ErrorCode.MAINTENANCE_SUPPLY_UNSETTLED]: HttpStatus.CONFLICT,
  // recovery still at work on the devices: offered again once it has finished
  [ErrorCode.MAINTENANCE_KIOSK_SETTLING]: HttpStatus.CONFLICT,
  // a card making's new card at the slot: settled first, then the test card
  [ErrorCode.MAINTENANCE_NEW_CARD_AT_SLOT]: HttpStatus.CONFLICT,
  // well formed, but the visit has more than one act left: which one is meant depends on the journal
  [ErrorCode.MAINTENANCE_SUPPLY_ACT_AMBIGUOUS]: HttpStatus.CONFLICT,
  // the device did not answer: the act is left for staff to confirm (ADR 0022)
  [ErrorCode.MAINTENANCE_SUPPLY_ACT_TIMEOUT]: HttpStatus.GATEWAY_TIMEOUT,
  [ErrorCode.DEVICE_BIN_FULL]: HttpStatus.CONFLICT,
  [ErrorCode.DEVICE_SUPPLY_EMPTY]: HttpStatus.CONFLICT,
  [ErrorCode.DEVICE_BUSY]: HttpStatus.CONFLICT,
  [ErrorCode.SESSION_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.DEVICE_OFFLINE]: HttpStatus.SERVICE_UNAVAILABLE,
};

export function bearer(authorization: string | undefined): string | undefined {
  return /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
}

/** Runs the work; a KioskError becomes { code, message, details } with the code's HTTP status. */
export async function coded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const error = KioskError.from(e);
    throw new HttpException(
      { code: error.code, message: error.message, details: error.details },
      STATUS[error.code] ?? HttpStatus.INTERNAL_SERVER_ERROR,
    );
  }
}

@Controller('maintenance')
export class MaintenanceController {
  constructor(
    private readonly maintenance: MaintenanceService,
    private readonly journalService: JournalService,
  ) {}

  @Post('login')
  @HttpCode(200)
  login(@Body() body: unknown): Promise<StaffVisit> {
    return coded(async () => {
      const parsed = LoginSchema.safeParse(body);
      if (!parsed.success)
        throw new KioskError(ErrorCode.GATEWAY_MALFORMED_MESSAGE, 'Expected { staffId } like FS-0001.');
      return this.maintenance.logIn(parsed.data.staffId);
    });
  }

  /**
   * How far the staff PIN typed on the pad for a log-in is (`{ pin: { entered, length } }`, never a
   * digit), `{ pin: null }` while none is asked: the staff screen shows it as the resident's shows.
   */
  @Get('login/pin')
  loginPin(): { pin: StaffPinProgress | null } {
    return { pin: this.maintenance.pinEntry.progress() };
  }

  @Post('logout')
  @HttpCode(204)
  logout(@Headers('authorization') authorization?: string): Promise<void> {
    return coded(async () => {
      const token = bearer(authorization);
      this.maintenance.visitOf(token);
      await this.maintenance.logOut(token!);
    });
  }

  @Post('return-to-service')
  @HttpCode(200)
  returnToService(@Headers('authorization') authorization?: string) {
    return coded(() => this.maintenance.returnToService(bearer(authorization) ?? ''));
  }

  @Post('self-test')
  @HttpCode(200)
  selfTest(@Headers('authorization') authorization?: string) {
    return coded(() => this.maintenance.selfTest(bearer(authorization) ?? ''));
  }

  @Post('test-receipt')
  @HttpCode(200)
  testReceipt(@Headers('authorization') authorization?: string) {
    return coded(() => this.maintenance.testReceipt(bearer(authorization) ?? ''));
  }

  @Get('counters')
  counters(@Headers('authorization') authorization?: string) {
    return coded(() => this.maintenance.supplyCounts(bearer(authorization) ?? ''));
  }

  @Get('journal')
  journal(@Headers('authorization') authorization?: string) {
    return coded(() => recentJournal(this.maintenance, this.journalService, bearer(authorization) ?? ''));
  }
}
