/**
 * A withdrawal's world (`withdrawal-settlement.spec-support.ts`) whose journal refuses, while
 * `refusal.refusing`, the journey's retract intent (`cash.retract`) and the step that leaves its
 * notes in the presenter for staff: the notes-left step then owed (`notes-left-owed.ts`).
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { JourneyTools } from './journey-tools.js';
import { CASH_LEFT_IN_PRESENTER } from './withdrawal-retract.js';
import { withdrawalWorld } from './withdrawal-settlement.spec-support.js';

/** the background tries of an owed step, quick */
export const FAST = { firstMs: 5, maxMs: 20, tries: 200 };

/** The world's tools, the journal refusing the retract's intent and the notes left while `refusing`. */
export async function refusingJournal() {
  const w = await withdrawalWorld();
  const refusal = { refusing: true };
  const refused = () =>
    Promise.reject(new KioskError(ErrorCode.JOURNAL_WRITE_FAILED, 'The journal refused.'));
  const tools = Object.create(w.tools) as JourneyTools;
  tools.step = (name, detail) =>
    refusal.refusing && name === CASH_LEFT_IN_PRESENTER ? refused() : w.tools.step(name, detail);
  tools.irreversible = (name, act, detail, options) =>
    refusal.refusing && name === 'cash.retract'
      ? refused()
      : w.tools.irreversible(name, act, detail, options);
  return { ...w, refusal, refusingTools: tools };
}
