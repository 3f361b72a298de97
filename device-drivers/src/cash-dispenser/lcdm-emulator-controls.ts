/**
 * The control surface of the byte-level LCDM emulator when it runs on a pseudo-terminal pair
 * beside the real driver (the demo start command, the daemon's e2e tests): the same surface as
 * the in-memory emulator's (`presenter`, `takeCash`, `setFault` by name), so the demo panel
 * drives either. Faults by name:
 * - `offline`: the dispenser is unplugged from its side (no byte comes back); cleared, it is
 *   plugged in again
 * - `noAnswer`, `busy`: the device ignores, or NAKs, every command
 * - `tornFrame`, `badChecksum`: the next dispense answer arrives torn or with a wrong BCC (the
 *   driver asks again and the withdrawal goes on); `tornFrames`, `badChecksums`: every try of it
 *   (the driver reads the amount back from the presenter); `garbledAnswers`: every try of the
 *   dispense answer and of the presenter status after it (the dispense outcome is unknown)
 * - `jam` (after one note), `doubleNotes` (two double picks), `cassetteMissing` (upper pulled)
 * Clearing the faults also clears a jam and puts both cassettes back, as field staff would.
 */
import type { PresenterContents } from './cash-dispenser.port.js';
import { LcdmCommand } from './cash-dispenser.protocol.js';
import type { LcdmEmulatorFault } from './lcdm-cash-dispenser.emulator.js';
import type { LcdmOverPseudoTerminal } from './lcdm-over-pseudo-terminal.js';
import { EmulatedCable, namedEmulatedFault } from '../common/emulated-fault.js';

export const LCDM_DEMO_FAULTS = [
  'offline',
  'noAnswer',
  'busy',
  'tornFrame',
  'tornFrames',
  'badChecksum',
  'badChecksums',
  'garbledAnswers',
  'jam',
  'doubleNotes',
  'cassetteMissing',
] as const;
export type LcdmDemoFault = (typeof LCDM_DEMO_FAULTS)[number];

const DISPENSES = [
  LcdmCommand.UPPER_DISPENSE,
  LcdmCommand.LOWER_DISPENSE,
  LcdmCommand.UPPER_LOWER_DISPENSE,
] as const;

const FAULTS: Readonly<Record<Exclude<LcdmDemoFault, 'offline' | 'cassetteMissing'>, LcdmEmulatorFault>> = {
  noAnswer: { kind: 'noAnswer' },
  busy: { kind: 'busy' },
  tornFrame: { kind: 'tornFrame', times: 1, command: DISPENSES },
  tornFrames: { kind: 'tornFrame', times: 3, command: DISPENSES },
  badChecksum: { kind: 'badChecksum', times: 1, command: DISPENSES },
  badChecksums: { kind: 'badChecksum', times: 3, command: DISPENSES },
  garbledAnswers: {
    kind: 'badChecksum',
    times: 6,
    command: [...DISPENSES, LcdmCommand.PRESENTER_STATUS],
  },
  jam: { kind: 'jam', afterNotes: 1 },
  doubleNotes: { kind: 'doubleNotes', picks: 2 },
};

export class LcdmEmulatorControls {
  readonly #rig: LcdmOverPseudoTerminal;
  readonly #denominations: { readonly upper: number; readonly lower: number };
  readonly #cable: EmulatedCable;

  constructor(
    rig: LcdmOverPseudoTerminal,
    denominations: { readonly upper: number; readonly lower: number },
  ) {
    this.#rig = rig;
    this.#denominations = denominations;
    this.#cable = new EmulatedCable(rig);
  }

  /** What lies in the presenter, as the mechanism holds it (not as the driver believes). */
  presenter(): PresenterContents {
    const { upper, lower, open } = this.#rig.emulator.mechanism.presenter;
    const notes = upper + lower;
    return {
      state: notes === 0 ? 'empty' : open ? 'presented' : 'staged',
      amountFen: upper * this.#denominations.upper + lower * this.#denominations.lower,
      notes,
    };
  }

  /** The resident takes the presented notes; false when nothing is presented. */
  takeCash(): boolean {
    return this.#rig.emulator.takeCash();
  }

  setFault(fault: LcdmDemoFault | null): void {
    const emulator = this.#rig.emulator;
    if (fault === null) {
      emulator.setFault(null);
      emulator.clearJam();
      emulator.insertCassette('upper');
      emulator.insertCassette('lower');
      this.#cable.plugBack();
      return;
    }
    if (fault === 'offline') this.#cable.unplug();
    else if (fault === 'cassetteMissing') emulator.removeCassette('upper');
    else emulator.setFault(namedEmulatedFault(FAULTS, fault));
  }

  /** The emulator itself, for what the named faults do not cover. */
  get emulator(): LcdmOverPseudoTerminal['emulator'] {
    return this.#rig.emulator;
  }
}
