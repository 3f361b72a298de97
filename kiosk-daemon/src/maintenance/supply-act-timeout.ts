/**
 * A refill or bin emptying whose device does not answer in time (`timeouts.supplyActMs`, ADR
 * 0022). The staff screen waited for the driver's own deadline, a card printer's 60 s a command
 * (more behind other commands on its line), and the supply's turn with it: another screen's act of
 * that supply, or staff's answer to one cut off, waited as long. Past the bound nothing at the kiosk
 * can tell whether the device took the act, so it is not guessed: it is left for staff as one cut
 * off by a restart is (`recovery.needsStaff`, `supplyActUndecided`, journaled first; staff's count
 * before it recorded where the journal keeps the count, as boot does), its visit's transaction is
 * left open for the boot or staff catch-up, and the visit goes on in a transaction of its own.
 * The device's answer when it comes is not journaled (it would count the act a second time beside
 * staff's answer or boot's decision): only said in the log.
 */
import { Logger } from '@nestjs/common';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { countOf } from '@kiosk/device-drivers';
import type { ReplenishableDevice } from './maintenance-supply-requests.js';
import type { MaintenanceService } from './maintenance.service.js';
import { leaveActForStaff } from './supply-act-left-for-staff.js';
import type { SupplyActIntent } from './supply-act-steps.js';

const log = new Logger('Maintenance');

/** What a device's act came to within the bound: its answer, or none. */
export const NO_ANSWER = Symbol('no answer in time');

/**
 * The act's answer, or NO_ANSWER once `boundMs` passed without one; an answer (or refusal) coming
 * after that is said in the log only.
 */
export async function answerWithin<T>(
  work: Promise<T>,
  boundMs: number,
  what: string,
): Promise<T | typeof NO_ANSWER> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<typeof NO_ANSWER>((resolve) => {
    timer = setTimeout(() => resolve(NO_ANSWER), boundMs);
    // nothing to keep a process alive for: its services closed, an act still waiting does not hold it
    timer.unref();
  });
  try {
    const first = await Promise.race([work, bound]);
    if (first === NO_ANSWER)
      work.then(
        () =>
          log.warn(`${what}: the device answered past the ${boundMs} ms bound; left for staff, not counted`),
        (e: unknown) =>
          log.warn(
            `${what}: the device refused past the ${boundMs} ms bound (${KioskError.from(e).code}); left for staff`,
          ),
      );
    return first;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The act left for staff (journal first), its transaction kept open for them and the visit going on
 * in one of its own, told to the fleet; the coded refusal staff get, naming that transaction for the
 * list of acts cut off.
 */
export interface LeavingDeps {
  readonly journal: JournalService;
  readonly devices: DevicesService;
  readonly maintenance: MaintenanceService;
}

export async function leaveUnansweredAct(
  deps: LeavingDeps,
  transactionId: string,
  intent: SupplyActIntent,
  boundMs: number,
): Promise<KioskError> {
  const { journal, devices, maintenance } = deps;
  await leaveActForStaff(deps, transactionId, await journal.stepsOf(transactionId), intent, {
    deviceNow: countOf(devices[intent.device as ReplenishableDevice].status().supplies, intent.supply),
    noAnswerMs: boundMs,
  });
  await maintenance.continueVisitApart(transactionId);
  const { device, supply, staffId } = intent;
  const action = intent.step === 'maintenance.refill' ? 'refill' : 'emptyBin';
  maintenance.report({ action, staffId, device, supply, code: ErrorCode.MAINTENANCE_SUPPLY_ACT_TIMEOUT });
  return new KioskError(
    ErrorCode.MAINTENANCE_SUPPLY_ACT_TIMEOUT,
    `The device did not answer in ${Math.round(boundMs / 1000)} s; whether it took this is not known. Look at the supply and confirm it in the list of acts cut off.`,
    { device, supply, unsettledTransactionId: transactionId },
  );
}
