/**
 * What the last recovery left undecided and what of it waits for the cash dispenser
 * (`dispenser-back-settlement.ts`, ADR 0020), beside what the late sweep left for it and the notes a
 * withdrawal the host ended left at the slot while it was silent; moved out of
 * `dispenser-back-settlement.ts`, which stood near 300 lines.
 */
import type { JournalService } from '../journal/journal.service.js';
import { waitsForTheDispenser, type LateSettlement } from './dispenser-back-settlement.js';

/**
 * What the last recovery left undecided (its serials), and of those what waits for the dispenser;
 * beside them what the late sweep left for the dispenser (the kiosk in service, none of `#all`).
 */
export class LeftUndecided {
  #all = new Set<string>();
  #waiting: string[] = [];
  readonly #listeners = new Set<() => void>();
  readonly #changes = new Set<() => void>();
  /**
   * The withdrawal the host ended by itself whose notes may be at the slot, the dispenser silent
   * (`retractNotesOfSettledByHost`), and its fault: retracted once it answers (`dispenser-back-turn.ts`).
   */
  #notesAtSlot: { readonly serial: string; readonly code: string } | undefined;

  /** A recovery begins: it decides everything again. */
  forget(): void {
    this.#all.clear();
    this.#waiting = [];
    this.#notesAtSlot = undefined;
  }

  /** Notes `serial` left at the slot wait for the dispenser (`code`: its fault); told unless `quiet`. */
  noteNotesAtSlot(serial: string, code: string, quiet = false): void {
    const added = this.#notesAtSlot === undefined;
    this.#notesAtSlot = { serial, code };
    if (added && !quiet) for (const listener of this.#listeners) listener();
  }

  /** the notes at the slot waiting for the dispenser, if any */
  get notesAtSlot(): { readonly serial: string; readonly code: string } | undefined {
    return this.#notesAtSlot;
  }

  /** The notes at the slot that waited for the dispenser, taken up by a late settlement's turn. */
  takeNotesAtSlot(): { readonly serial: string; readonly code: string } | undefined {
    const notes = this.#notesAtSlot;
    this.#notesAtSlot = undefined;
    return notes;
  }

  /** Something waits for the dispenser: a withdrawal left for its silence, or notes at the slot. */
  get waitsForTheDispenser(): boolean {
    return this.#waiting.length > 0 || this.#notesAtSlot !== undefined;
  }

  /** how much of what the last recovery left undecided still is */
  get undecided(): number {
    return this.#all.size;
  }

  /** What a recovery left undecided, read from the journal: which of it waits for the dispenser. */
  async note(journal: JournalService, undecided: readonly string[]): Promise<void> {
    this.#all = new Set(undecided);
    this.#waiting = [];
    for (const serial of this.#all)
      if (waitsForTheDispenser(await journal.stepsOf(serial))) this.#waiting.push(serial);
  }

  /**
   * What the late sweep of held withdrawals could not decide (the kiosk went in service meanwhile):
   * what of it waits for the dispenser waits beside what recovery left, without keeping the kiosk
   * out of service; the listeners are told when something new waits.
   */
  async noteLate(journal: JournalService, undecided: readonly string[]): Promise<void> {
    let added = false;
    for (const serial of undecided) {
      if (this.#waiting.includes(serial) || !waitsForTheDispenser(await journal.stepsOf(serial))) continue;
      this.#waiting.push(serial);
      added = true;
    }
    if (added) for (const listener of this.#listeners) listener();
    if (undecided.length > 0) for (const listener of this.#changes) listener();
  }

  /**
   * `listener` is told when, in service, the late sweep left withdrawals for staff or a late
   * settlement settled some (the fleet's count of them, ADR 0004); answers the stop.
   */
  onChange(listener: () => void): () => void {
    this.#changes.add(listener);
    return () => this.#changes.delete(listener);
  }

  /** `listener` is told when the late sweep left something new for the dispenser. */
  onWaiting(listener: () => void): void {
    this.#listeners.add(listener);
  }

  get waiting(): readonly string[] {
    return this.#waiting;
  }

  /** A late settlement's outcome taken in; answers how many are still undecided. */
  taken(late: LateSettlement): number {
    for (const serial of late.settled) this.#all.delete(serial);
    if (late.settled.length > 0) for (const listener of this.#changes) listener();
    const kept = new Set([...(late.failed?.map((f) => f.id) ?? []), ...(late.unclosed ?? [])]);
    this.#waiting = this.#waiting.filter((serial) => late.stillWaiting.includes(serial) || kept.has(serial));
    return this.#all.size;
  }
}
