/**
 * Which request raised an anomaly: the verdicts a request's rules recorded, kept with that request
 * (`anomaly-header.hook.ts` names them in its answer), never those another request of the same
 * kiosk recorded while both were under way. The request's handler runs in the async context its
 * last step before the handler opened (`raisingFor`), so the rules (`AnomalyMonitor`) add what they
 * raise to the list of the request they run for, without being handed the request.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AnomalyRecord } from '../store/host-records.js';

const current = new AsyncLocalStorage<AnomalyRecord[]>();

/** Runs `next` (the request's handler and what follows it) with `raised` as its list. */
export function raisingFor(raised: AnomalyRecord[], next: () => void): void {
  current.run(raised, next);
}

/** Adds `record` to the list of the request raising it (none outside a request: staff, a spec). */
export function noteRaised(record: AnomalyRecord): void {
  current.getStore()?.push(record);
}
