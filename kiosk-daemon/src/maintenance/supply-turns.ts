/**
 * One supply's acts one at a time, per daemon (its maintenance service): staff's refill or bin emptying
 * (`maintenance-supplies.service.ts`) and staff's answer to an act of that supply cut off by a
 * restart (`supply-act-settlement.service.ts`, ADR 0022). Each reads the journal's count, checks
 * against it and writes the count it makes; two of them side by side (two staff screens, a double
 * tap) would check a count against a journal mid-update and write it from a stale one. A later
 * act waits for the earlier one, then reads the journal anew. Acts of other supplies go on.
 */
import { OneAtATime } from '@kiosk/domain';
import type { MaintenanceService } from './maintenance.service.js';

const turns = new WeakMap<MaintenanceService, OneAtATime<string>>();

/** Runs `work` once every act of this supply handed in before it has ended. */
export function inSupplyTurn<T>(
  maintenance: MaintenanceService,
  device: string,
  supply: string,
  work: () => Promise<T>,
): Promise<T> {
  let supplies = turns.get(maintenance);
  if (!supplies) turns.set(maintenance, (supplies = new OneAtATime()));
  return supplies.run(`${device}|${supply}`, work);
}

/** per daemon, the visit (its token) that is ending: it takes no act from the wait for its acts on */
const ending = new WeakMap<MaintenanceService, string>();

/**
 * Resolves once every act handed in so far has ended: a visit ends after its acts (each bounded by
 * `timeouts.supplyActMs`), so one left for staff is apart from the transaction the end closes. From
 * here on the visit takes no act (`visitEnding`): one handed in while this waits would not be
 * waited for, and the end would close the transaction under it.
 */
export async function supplyActsEnded(maintenance: MaintenanceService, token: string): Promise<void> {
  ending.set(maintenance, token);
  await turns.get(maintenance)?.settled();
}

/** Whether the visit of `token` is ending (its log-out or return to service waits for its acts). */
export function visitEnding(maintenance: MaintenanceService, token: string): boolean {
  return ending.get(maintenance) === token;
}
