/**
 * Whether the journal proves notes went to the retract bin: a retract (the journey's `cash.retract`
 * or a settlement's `recovery.cash.retract`) journaled done is no proof by itself, since the
 * driver's RETRACT answers done when it takes back none (the resident took them in the same
 * instant). Its `done` carries the notes it took back (`notesRetracted`, `retractWithCounts`); one
 * that took back none is no retract. An older release's `done` carries no such count: it proves the
 * notes in the bin only by its own bin counts moving, or by the journey's `cash.retracted` counting
 * notes; else nothing is proven, and recovery leaves it for staff rather than reverse.
 */
import { detailCount, detailField, Count, type JournaledStep } from '../journal/step-detail.js';

/** The `done` detail's key for the notes a retract took back. */
export const NOTES_RETRACTED = 'notesRetracted';

const RETRACT_STEPS: ReadonlySet<string> = new Set(['cash.retract', 'recovery.cash.retract']);
/** The bins a retract can move (a retract bin, a reject bin where the device sends them). */
export const BINS = ['retractBin', 'rejectBin'] as const;

/** The done's own bin counts (an older release's, without `notesRetracted`) moved up. */
const binsMoved = (done: JournaledStep) =>
  BINS.some((bin) => {
    const [to, from] = [detailCount(done, bin), detailCount(done, `${bin}Before`)];
    return to !== undefined && from !== undefined && to > from;
  });

export function notesProvenRetracted(steps: readonly JournaledStep[]): boolean {
  const retracted = steps.some((s) => {
    if (s.phase !== 'done' || !RETRACT_STEPS.has(s.step)) return false;
    const notes = detailField(s, NOTES_RETRACTED, Count);
    return notes.read === 'value' ? notes.value > 0 : binsMoved(s);
  });
  return (
    retracted ||
    steps.some(
      (s) =>
        s.step === 'cash.retracted' &&
        ((detailCount(s, 'notes') ?? 0) > 0 || (detailCount(s, 'retractedFen') ?? 0) > 0),
    )
  );
}
