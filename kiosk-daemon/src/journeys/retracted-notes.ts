/**
 * Whether the journal proves notes went to the retract bin: a retract (the journey's `cash.retract`
 * or a settlement's `recovery.cash.retract`) journaled done is no proof by itself, since the
 * driver's RETRACT answers done when it takes back none (the resident took them in the same
 * instant). Its `done` carries the notes it took back (`notesRetracted`, and their amount,
 * `retractedFen`: `retractWithCounts`); one that took back none is no retract. An older release's
 * `done` carries no such count: it proves the notes in the bin only by its own bin counts moving,
 * or by the journey's `cash.retracted` counting notes; else nothing is proven, and recovery leaves
 * it for staff rather than reverse.
 *
 * Nor is a retract that took back some of the notes at the slot but fewer than were there (the
 * resident took the rest as it ran): its intent carries what it was to take back (`atSlotFen`,
 * `atSlotNotes`: the notes presented, or the presenter as recovery read it), and a `done` short of
 * that is a short retract (`shortRetractOf`), never a reason to reverse the whole hold.
 */
import { detailCount, detailField, Count, type JournaledStep } from '../journal/step-detail.js';

/** The `done` detail's key for the notes a retract took back. */
export const NOTES_RETRACTED = 'notesRetracted';
/** The `done` detail's key for their amount. */
export const RETRACTED_FEN = 'retractedFen';

const RETRACT_STEPS: ReadonlySet<string> = new Set(['cash.retract', 'recovery.cash.retract']);
/** The bins a retract can move (a retract bin, a reject bin where the device sends them). */
export const BINS = ['retractBin', 'rejectBin'] as const;

/** What a retract is to take back, journaled with its intent (absent: not known, not compared). */
export interface NotesAtSlot {
  readonly atSlotFen: number;
  readonly atSlotNotes?: number;
}

/** What a retract took back, as its answer says. */
export interface NotesTakenBack {
  readonly retractedFen: number;
  readonly notes: number;
}

/**
 * A retract that took back some of the notes at the slot but fewer than were there: the rest went
 * at the slot as it ran (taken, unseen). One that took back none is no retract (not short).
 */
export function retractFellShort(atSlot: NotesAtSlot | undefined, back: NotesTakenBack): boolean {
  if (!atSlot || back.notes === 0) return false;
  return (
    back.retractedFen < atSlot.atSlotFen ||
    (atSlot.atSlotNotes !== undefined && back.notes < atSlot.atSlotNotes)
  );
}

/** The facts of a short retract, journaled for staff (`cash.retractShort`, `recovery.needsStaff`). */
export interface ShortRetract extends NotesAtSlot, NotesTakenBack {
  /** the retract's step: the journey's or a settlement's */
  readonly step: string;
}

/** A short retract whose amount back is not known (cut before its done: `shortRetractCutOf`). */
export type ShortRetractFacts = Omit<ShortRetract, 'retractedFen'> & { readonly retractedFen?: number };

/** The facts of a short retract as journal detail (the same keys wherever it is journaled). */
export function shortRetractDetail(short: ShortRetractFacts): Record<string, number | string | null> {
  return {
    retractStep: short.step,
    atSlotFen: short.atSlotFen,
    atSlotNotes: short.atSlotNotes ?? null,
    retractedFen: short.retractedFen ?? null,
    [NOTES_RETRACTED]: short.notes,
  };
}

/**
 * A retract journaled with what was at the slot (and the retract bin before it) but cut before its
 * done, a restart after the RETRACT moved the notes: the bin, up since by some notes but fewer than
 * were at the slot, says it came back short (the rest went at the slot). Undefined: no such
 * retract, or the bin does not say so (not read, not moved, up by all of them). What they made is
 * not known: the bin counts notes, not their amount.
 */
export function shortRetractCutOf(
  steps: readonly JournaledStep[],
  retractBinNow: number | null,
): ShortRetractFacts | undefined {
  const at = steps.findLastIndex((s) => s.phase === 'intent' && RETRACT_STEPS.has(s.step));
  if (at < 0 || retractBinNow === null) return undefined;
  const intent = steps[at]!;
  if (steps.slice(at + 1).some((s) => s.step === intent.step && s.phase === 'done')) return undefined;
  const atSlotFen = detailCount(intent, 'atSlotFen');
  const atSlotNotes = detailCount(intent, 'atSlotNotes');
  const before = detailCount(intent, 'retractBinBefore');
  if (atSlotFen === undefined || atSlotNotes === undefined || before === undefined) return undefined;
  const moved = retractBinNow - before;
  if (moved <= 0 || moved >= atSlotNotes) return undefined;
  return { step: intent.step, atSlotFen, atSlotNotes, notes: moved };
}

/** The retract done's facts against its intent: short or not; undefined when they do not read. */
function shortOf(steps: readonly JournaledStep[], at: number): ShortRetract | undefined {
  const done = steps[at]!;
  const intent = steps.slice(0, at).findLast((s) => s.step === done.step && s.phase === 'intent');
  const atSlotFen = detailCount(intent, 'atSlotFen');
  const notes = detailCount(done, NOTES_RETRACTED);
  const retractedFen = detailCount(done, RETRACTED_FEN);
  if (atSlotFen === undefined || notes === undefined) return undefined;
  const atSlotNotes = detailCount(intent, 'atSlotNotes');
  if (atSlotNotes === undefined && retractedFen === undefined) return undefined;
  const atSlot = { atSlotFen, ...(atSlotNotes !== undefined && { atSlotNotes }) };
  // a done without its amount is compared by the notes alone
  const back = { retractedFen: retractedFen ?? atSlotFen, notes };
  return retractFellShort(atSlot, back) ? { step: done.step, ...atSlot, ...back } : undefined;
}

/** The first retract of these steps that took back fewer notes than were at the slot; undefined: none. */
export function shortRetractOf(steps: readonly JournaledStep[]): ShortRetract | undefined {
  for (let at = 0; at < steps.length; at++) {
    const s = steps[at]!;
    if (s.phase !== 'done' || !RETRACT_STEPS.has(s.step)) continue;
    const short = shortOf(steps, at);
    if (short) return short;
  }
  return undefined;
}

/** The done's own bin counts (an older release's, without `notesRetracted`) moved up. */
const binsMoved = (done: JournaledStep) =>
  BINS.some((bin) => {
    const [to, from] = [detailCount(done, bin), detailCount(done, `${bin}Before`)];
    return to !== undefined && from !== undefined && to > from;
  });

export function notesProvenRetracted(steps: readonly JournaledStep[]): boolean {
  // a retract that came back short proves only that the rest went at the slot
  if (shortRetractOf(steps)) return false;
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

/** The intent detail of a retract of `atSlot` (nothing when what is at the slot is not known). */
export function atSlotDetail(atSlot: NotesAtSlot | undefined): Record<string, number> {
  if (!atSlot) return {};
  return {
    atSlotFen: atSlot.atSlotFen,
    ...(atSlot.atSlotNotes !== undefined && { atSlotNotes: atSlot.atSlotNotes }),
  };
}

/**
 * The amount the notes presented at the slot made: what a partial dispense counted
 * (`cash.partial`), else the amount its intent asked for; null when neither reads.
 */
export function presentedFenOf(steps: readonly JournaledStep[]): number | null {
  const last = (step: string, phase: string) => steps.findLast((s) => s.step === step && s.phase === phase);
  return (
    detailCount(last('cash.partial', 'event'), 'countedFen') ??
    detailCount(last('cash.dispense', 'intent'), 'amountFen') ??
    null
  );
}

/**
 * What staff's verdict "paid" gives back first when a retract came back short: the resident was
 * paid the notes presented less those the retract took back into the bin (staff count it), so the
 * hold still held beyond that is reversed before the rest is confirmed. Read from the host's hold
 * as it is now, so a reversal made before a restart is not made again; 0 without a short retract.
 */
export function reverseFirstOnPaid(steps: readonly JournaledStep[], heldFen: number): number {
  const paid = paidOnPaid(steps);
  if (!shortRetractOf(steps) || paid === null) return 0;
  return Math.max(0, heldFen - paid);
}

/** What the verdict "paid" says the resident took: the notes presented less a short retract's; null: unread. */
export function paidOnPaid(steps: readonly JournaledStep[]): number | null {
  const presented = presentedFenOf(steps);
  if (presented === null) return null;
  return Math.max(0, presented - (shortRetractOf(steps)?.retractedFen ?? 0));
}
