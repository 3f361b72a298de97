/**
 * Maintenance mode for field staff. A member presents the staff card (its number) and types the
 * PIN on the kiosk's PIN pad: the kiosk leaves service at once (the resident screen says "under
 * maintenance"), the PIN goes from the pad to the hash check and is wiped, never logged or
 * journaled. A visit is one journal transaction of journey `maintenance`: log-in, every action
 * and log-out are its steps, and each is told to the fleet (`maintenance` events). Log-out, or the
 * end of the visit's time, runs the kiosk's self test again and places it by what the devices allow;
 * an operator's out-of-service hold stays. Return to service ends the visit the same way but
 * releases that hold first, journaled and reported with who released it (ADR 0010).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown } from '@nestjs/common';
import type { KioskConfig, StaffRole } from '@kiosk/config';
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { DevicesService } from '../devices/devices.service.js';
import { DeviceCountersService } from '../journal/device-counters.service.js';
import { JournalService, type StepDetail } from '../journal/journal.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { OperatorHoldFile } from '../telemetry/fleet/operator-hold-file.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import type { MaintenanceEvent, MaintenanceEvents } from './maintenance-events.js';
import {
  LOGIN_STEP,
  MAX_FAILED_LOGINS,
  StaffCardLockouts,
  StaffPinEntry,
  staffPinRefusal,
} from './staff-login.js';
import { staffSelfTest, type StaffSelfTest } from './staff-self-test.js';
import { guardStaffAction } from './staff-guard.js';
import { supplyActsEnded } from './supply-turns.js';
import { printTestReceipt } from './test-receipt.js';

export { MAX_FAILED_LOGINS } from './staff-login.js';
export type { MaintenanceAction, MaintenanceEvent, MaintenanceEvents } from './maintenance-events.js';

export const MAINTENANCE_JOURNEY = 'maintenance';

export interface StaffVisit {
  readonly token: string;
  readonly staffId: string;
  readonly role: StaffRole;
  readonly expiresAt: string;
}

/** Everyone logged in for maintenance; cash and settlements need a supervisor. */
export const ANY_STAFF: readonly StaffRole[] = ['engineer', 'supervisor'];
export const SUPERVISORS: readonly StaffRole[] = ['supervisor'];
/** who may end a visit releasing an operator's hold: the field engineer who fixed the kiosk, or a supervisor */
export const RETURN_TO_SERVICE_ROLES: readonly StaffRole[] = ['engineer', 'supervisor'];

interface OpenVisit extends StaffVisit {
  readonly transactionId: string;
  readonly timer: NodeJS.Timeout;
}

@Injectable()
export class MaintenanceService extends EventEmitter<MaintenanceEvents> implements OnApplicationShutdown {
  private readonly log = new Logger('Maintenance');
  private visit: OpenVisit | undefined;
  private loggingIn = false;
  /** wrong PINs in a row per staff card, and until when a card is refused (read back from the journal) */
  private readonly lockouts: StaffCardLockouts;
  /** the staff PIN typed at a log-in: digits entered of how many, for the staff screen */
  readonly pinEntry = new StaffPinEntry();

  constructor(
    private readonly sessions: SessionsService,
    private readonly devices: DevicesService,
    private readonly journal: JournalService,
    private readonly counters: DeviceCountersService,
    @Inject(KIOSK_CONFIG) private readonly config: KioskConfig,
    @Optional() metrics?: MetricsService,
  ) {
    super();
    this.lockouts = new StaffCardLockouts(this.log, journal);
    // every staff action counted on /metrics, by its result
    this.on('action', ({ action, code }) =>
      metrics?.maintenanceActions.inc({ action, result: code ?? 'ok' }),
    );
  }

  /** Staff card presented: out of service now, then the PIN on the pad. Refused: back to service. */
  async logIn(staffId: string): Promise<StaffVisit> {
    const settings = this.config.maintenance;
    if (!settings) throw new KioskError(ErrorCode.STAFF_LOGIN_FAILED, 'No field staff are configured here.');
    if (this.visit || this.loggingIn)
      throw new KioskError(ErrorCode.SESSION_BUSY, 'A member of staff is logged in already.');
    if (this.sessions.sessionInProgress)
      throw new KioskError(ErrorCode.SESSION_BUSY, 'A resident is using the kiosk; wait until they finish.');
    this.loggingIn = true;
    try {
      await this.lockouts.recall(staffId); // a restart forgets no wrong PIN
      const transactionId = await this.journal.openTransaction(randomUUID(), MAINTENANCE_JOURNEY);
      const refused = async (code: ErrorCode, detail: StepDetail, message: string) => {
        await this.journal.recordStep(transactionId, LOGIN_STEP, 'failed', { staffId, ...detail });
        await this.journal.closeTransaction(transactionId, 'rejected', code);
        return new KioskError(code, message);
      };
      if (this.lockouts.locked(staffId)) {
        const why = `This staff card is refused for a while after ${MAX_FAILED_LOGINS} wrong PINs.`;
        const refusal = await refused(ErrorCode.STAFF_LOGIN_FAILED, { locked: true }, why);
        this.emit('action', { action: 'loginRefused', staffId, code: ErrorCode.STAFF_LOGIN_FAILED });
        throw refusal;
      }
      // a resident's session begun while the log-in read the journal: never taken from under them
      // (checked in the very turn the kiosk leaves service; a start under way checks after it)
      if (this.sessions.sessionInProgress)
        throw await refused(
          ErrorCode.SESSION_BUSY,
          { code: ErrorCode.SESSION_BUSY },
          'A resident is using the kiosk.',
        );
      this.sessions.enterMaintenance();
      // from here on a log-in that does not end in a visit (refused, or the journal refusing its
      // step) takes the kiosk out of maintenance again: nobody would be logged in to end it
      let visited = false;
      try {
        const visit = await this.visitOfPin(transactionId, staffId, settings);
        visited = true;
        return visit;
      } finally {
        if (!visited) this.sessions.exitMaintenance();
      }
    } finally {
      this.loggingIn = false;
    }
  }

  /** The PIN on the pad checked (a wrong one counted before anything is journaled), then the visit opened. */
  private async visitOfPin(
    transactionId: string,
    staffId: string,
    settings: NonNullable<KioskConfig['maintenance']>,
  ): Promise<StaffVisit> {
    const member = settings.staff.find((s) => s.id === staffId);
    const code = await staffPinRefusal(this.devices.pinPad, settings, member, this.pinEntry);
    if (code !== null || !member) {
      if (code === ErrorCode.STAFF_LOGIN_FAILED) this.lockouts.failed(staffId);
      await this.journal.recordStep(transactionId, LOGIN_STEP, 'failed', { staffId, code });
      await this.journal.closeTransaction(transactionId, 'rejected', code ?? ErrorCode.STAFF_LOGIN_FAILED);
      this.emit('action', { action: 'loginRefused', staffId, code: ErrorCode.STAFF_LOGIN_FAILED });
      throw new KioskError(ErrorCode.STAFF_LOGIN_FAILED, 'The staff card and PIN were not accepted.');
    }
    this.lockouts.loggedIn(staffId);
    await this.journal.recordStep(transactionId, LOGIN_STEP, 'done', {
      staffId,
      role: member.role,
    });
    const expiresAt = Date.now() + settings.sessionMs;
    const token = randomBytes(32).toString('base64url');
    const timer = setTimeout(() => void this.logOut(token, 'expired'), settings.sessionMs);
    timer.unref();
    this.visit = {
      token,
      staffId,
      role: member.role,
      expiresAt: new Date(expiresAt).toISOString(),
      transactionId,
      timer,
    };
    this.log.log(`${staffId} (${member.role}) logged in for maintenance`);
    this.emit('action', { action: 'login', staffId });
    return { token, staffId, role: member.role, expiresAt: this.visit.expiresAt };
  }

  /**
   * The visit of this token (else STAFF_NOT_LOGGED_IN), with one of the roles when roles are named
   * (else STAFF_ROLE_NOT_ALLOWED).
   */
  visitOf(token: string | undefined, roles?: readonly StaffRole[]): StaffVisit {
    const visit = this.visit;
    if (!visit || token === undefined || token !== visit.token)
      throw new KioskError(ErrorCode.STAFF_NOT_LOGGED_IN, 'Log in with a staff card and PIN first.');
    if (roles && !roles.includes(visit.role)) {
      throw new KioskError(
        ErrorCode.STAFF_ROLE_NOT_ALLOWED,
        'This needs a member of staff with another role.',
        { role: visit.role },
      );
    }
    return visit;
  }

  /** The reason code of an operator's out-of-service hold, or null (the staff screens show it). */
  get operatorHold(): string | null {
    return this.sessions.operatorHold;
  }

  /** Tells the fleet (and every listener) what staff did. */
  report(event: MaintenanceEvent): void {
    const code =
      event.code !== undefined && /^[A-Z][A-Z0-9_]{1,63}$/.test(event.code) ? event.code : undefined;
    const { code: _raw, ...rest } = event;
    this.emit('action', { ...rest, ...(code !== undefined && { code }) });
  }

  async logOut(token: string, why: 'staff' | 'expired' = 'staff'): Promise<void> {
    if (this.visit?.token !== token) return;
    // its supply acts end first (each bounded): one left for staff keeps its transaction apart, open
    await supplyActsEnded(this, token);
    const visit = this.visit;
    if (!visit || visit.token !== token) return;
    this.visit = undefined;
    clearTimeout(visit.timer);
    // closed before the self test: recovery at boot-style self test would take an open one as cut short
    await this.journal.recordStep(visit.transactionId, 'maintenance.logout', 'done', { why });
    await this.journal.closeTransaction(visit.transactionId, 'done', null);
    this.sessions.exitMaintenance();
    this.log.log(`${visit.staffId} logged out (${why})`);
    this.emit('action', { action: 'logout', staffId: visit.staffId });
  }

  /**
   * Ends the visit returning the kiosk to service: an operator's hold (also the one kept for
   * restarts) is released, journaled with who released it and reported to the fleet with the hold's
   * code; then log-out as usual, and the self test places the kiosk by what the devices allow.
   */
  async returnToService(token: string): Promise<{ releasedHold: string | null }> {
    this.visitOf(token, RETURN_TO_SERVICE_ROLES);
    await supplyActsEnded(this, token); // as at log-out
    const visit = this.visitOf(token, RETURN_TO_SERVICE_ROLES) as OpenVisit;
    const releasedHold = this.sessions.operatorHold;
    // journal first: the release is on record before the hold goes
    await this.journal.recordStep(visit.transactionId, 'maintenance.returnToService', 'done', {
      staffId: visit.staffId,
      releasedHold,
    });
    this.visit = undefined;
    clearTimeout(visit.timer);
    OperatorHoldFile.beside(this.config).clear();
    await this.journal.recordStep(visit.transactionId, 'maintenance.logout', 'done', {
      why: 'returnToService',
    });
    await this.journal.closeTransaction(visit.transactionId, 'done', null);
    this.sessions.exitMaintenanceToService();
    this.log.log(
      `${visit.staffId} returned the kiosk to service${releasedHold ? ` (released the operator's ${releasedHold})` : ''}`,
    );
    this.report({
      action: 'returnToService',
      staffId: visit.staffId,
      ...(releasedHold !== null && { code: releasedHold }),
    });
    this.emit('action', { action: 'logout', staffId: visit.staffId });
    return { releasedHold };
  }

  /**
   * Every device's status now; journaled and reported with the first fault's code, which the answer
   * names too (`staff-self-test.ts`). Like every staff act, never beside a resident's session nor
   * once the visit is ending (`guardStaffAction`).
   */
  async selfTest(token: string): Promise<StaffSelfTest> {
    const { visit, transactionId } = guardStaffAction(this, this.sessions, token, ANY_STAFF);
    const answer = await staffSelfTest(this.journal, this.devices.statuses(), transactionId);
    this.report({ action: 'selfTest', staffId: visit.staffId, code: answer.failed?.code });
    return answer;
  }

  /** Prints a test receipt through the real driver: journaled before it prints, then done or failed. */
  async testReceipt(token: string): Promise<{ printed: boolean; code?: string }> {
    const { visit, transactionId } = guardStaffAction(this, this.sessions, token, ANY_STAFF);
    const printer = this.devices.receiptPrinter;
    const code = await printTestReceipt(this.journal, printer, this.config, transactionId, visit.staffId);
    this.report({ action: 'testReceipt', staffId: visit.staffId, code });
    return { printed: code === undefined, ...(code !== undefined && { code }) };
  }

  /** Supplies as the devices count them, beside the journal's latest recorded counts. */
  async supplyCounts(token: string): Promise<{ devices: DeviceStatus[]; journal: unknown }> {
    this.visitOf(token);
    return { devices: this.devices.statuses(), journal: await this.counters.latestCounters() };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.visit) clearTimeout(this.visit.timer);
  }

  /** The visit's journal transaction, where every action is a step. */
  transactionOf(visit: StaffVisit): string {
    return (visit as OpenVisit).transactionId;
  }

  /** The visit goes on in a new transaction, `from` left open for staff (a supply act no device answered). */
  async continueVisitApart(from: string): Promise<void> {
    const visit = this.visit;
    if (visit?.transactionId !== from) return;
    const transactionId = await this.journal.openTransaction(randomUUID(), MAINTENANCE_JOURNEY);
    await this.journal.recordStep(transactionId, 'maintenance.continued', 'event', {
      staffId: visit.staffId,
      from,
    });
    if (this.visit === visit) this.visit = { ...visit, transactionId };
    else await this.journal.closeTransaction(transactionId, 'done', null); // logged out meanwhile
  }
}
