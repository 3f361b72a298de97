/**
 * The in-memory cash dispenser emulator's vocabulary: its faults (and the names the demo panel
 * uses for them), its options, the state it keeps note by note (restored after a restart), and
 * the cassettes it starts with.
 */
import type { Cassette, NoteCount, PresenterContents } from './cash-dispenser.port.js';
import { noSuchEmulatedFault } from '../common/emulated-fault.js';

export type CashDispenserEmulatorFault =
  | { readonly kind: 'offline' }
  /** the next dispense jams after this many notes reached the presenter; stays until `clearJam` */
  | { readonly kind: 'jam'; readonly afterNotes: number }
  /** the next `picks` picks pull two notes at once; each pair goes to the reject bin */
  | { readonly kind: 'doubleNotes'; readonly picks: number };

export type CashDispenserEmulatorFaultName = 'offline' | 'jam' | 'doubleNotes' | 'cassetteMissing';

export interface CashDispenserEmulatorOptions {
  readonly cassettes?: readonly Omit<Cassette, 'present'>[];
  readonly rejectBinCapacity?: number;
  readonly retractBinCapacity?: number;
  /** rejected picks in one dispense before it stops (LCDM-2000 stops after a few) */
  readonly maxRejectsPerDispense?: number;
  /** time one note takes through the transport; 0 yields to the event loop only */
  readonly msPerNote?: number;
  /** what the mechanism held when it was last seen (notes stay where they are when the daemon dies) */
  readonly state?: CashDispenserEmulatorState;
  /** told after every change of what the mechanism holds (to keep it in a file, say) */
  readonly onChange?: (state: CashDispenserEmulatorState) => void;
}

/** Where every note is: in a cassette, in the presenter, in a bin; and whether the transport is jammed. */
export interface CashDispenserEmulatorState {
  readonly cassettes: readonly { readonly id: string; readonly count: number; readonly present: boolean }[];
  readonly rejectBin: number;
  readonly retractBin: number;
  readonly presenter: { readonly state: PresenterContents['state']; readonly notes: readonly NoteCount[] };
  readonly jammed: boolean;
}

export const DEFAULT_CASSETTES: readonly Omit<Cassette, 'present'>[] = [
  { id: 'upper', denominationFen: 10_000, count: 200, lowThreshold: 20, emptyThreshold: 0 },
  { id: 'lower', denominationFen: 5_000, count: 200, lowThreshold: 20, emptyThreshold: 0 },
];

/**
 * A fault by its demo-panel name ('jam' after one note, 'doubleNotes' for two double picks) as
 * the fault object; 'cassetteMissing' is no fault object (a cassette is pulled out instead).
 */
export function emulatorFault(
  fault: CashDispenserEmulatorFault | Exclude<CashDispenserEmulatorFaultName, 'cassetteMissing'>,
): CashDispenserEmulatorFault {
  const f: CashDispenserEmulatorFault =
    fault === 'offline'
      ? { kind: 'offline' }
      : fault === 'jam'
        ? { kind: 'jam', afterNotes: 1 }
        : fault === 'doubleNotes'
          ? { kind: 'doubleNotes', picks: 2 }
          : fault;
  const valid =
    f.kind === 'offline' ||
    (f.kind === 'jam' && Number.isInteger(f.afterNotes) && f.afterNotes >= 0) ||
    (f.kind === 'doubleNotes' && Number.isInteger(f.picks) && f.picks >= 0);
  if (!valid) throw noSuchEmulatedFault(fault);
  return f;
}
