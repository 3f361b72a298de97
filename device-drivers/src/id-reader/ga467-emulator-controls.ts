/**
 * The control surface of the byte-level GA 467 emulator when it runs on a pseudo-terminal pair
 * beside the real driver (the demo start command, the daemon's e2e tests): the same surface as
 * the in-memory emulator's (`placeCard`, `removeCard`, `isCardPresent`, `setFault` by name), so
 * the demo panel drives either. Faults by name:
 * - `offline`: the reader is unplugged from its side (no byte comes back); cleared, plugged in
 *   again, its module restarted (powered over its cable, it forgets the card it had halted)
 * - `unreadable`, `samFailure`, `noAnswer`, `busy`
 * - `tornFrame`, `badChecksum`: the next answer arrives torn or with a wrong check byte
 * - `cablePulledDuringRead`: the cable comes out when the next read of a card starts (for good)
 *
 * `asked()` counts the driver's looks at the pad the emulator answered (find card, and the held
 * card's presence probe), `onAsked` tells each: what a spec waits for to let the driver look some
 * times, never a fixed time; `reads()` the cards it read (read base message answered).
 */
import type { Ga467EmulatorFault, Ga467IdReaderEmulator } from './ga467-id-reader.emulator.js';
import type { Ga467OverPseudoTerminal } from './ga467-over-pseudo-terminal.js';
import { IdReaderCommand } from './id-reader.protocol.js';
import { EmulatedCable, namedEmulatedFault } from '../common/emulated-fault.js';
import type { EmulatorLooks } from '../common/emulator-looks.js';

export const GA467_DEMO_FAULTS = [
  'offline',
  'unreadable',
  'samFailure',
  'noAnswer',
  'busy',
  'tornFrame',
  'badChecksum',
  'cablePulledDuringRead',
] as const;
export type Ga467DemoFault = (typeof GA467_DEMO_FAULTS)[number];

/** the commands a look at the pad asks: find card, or the held card's presence probe */
const LOOKS: readonly (readonly [number, number])[] = [
  IdReaderCommand.FIND_CARD,
  IdReaderCommand.READ_APPENDED_ADDRESS,
];
const isLook = (command: readonly [number, number]) =>
  LOOKS.some((look) => look[0] === command[0] && look[1] === command[1]);

/** The driver's looks at the pad and its reads of a card, as `emulator` answered them (see above). */
export interface Ga467Looks extends EmulatorLooks {
  /** looks answered since the emulator started (its restarts kept) */
  count(): number;
  /** reads of a card (read base message) answered since it started */
  reads(): number;
}

export function ga467LooksOf(emulator: Ga467IdReaderEmulator): Ga467Looks {
  return {
    count: () => LOOKS.reduce((sum, look) => sum + emulator.answered(look), 0),
    reads: () => emulator.answered(IdReaderCommand.READ_BASE_MESSAGE),
    onLook: (listener) =>
      emulator.onAnswered((command) => {
        if (isLook(command)) listener();
      }),
  };
}

const FAULTS: Readonly<Record<Exclude<Ga467DemoFault, 'offline'>, Ga467EmulatorFault>> = {
  unreadable: { kind: 'unreadable' },
  samFailure: { kind: 'samFailure' },
  noAnswer: { kind: 'noAnswer' },
  busy: { kind: 'busy' },
  tornFrame: { kind: 'tornFrame', times: 1 },
  badChecksum: { kind: 'badChecksum', times: 1 },
  cablePulledDuringRead: { kind: 'cablePulledDuringRead' },
};

export class Ga467EmulatorControls {
  readonly #rig: Ga467OverPseudoTerminal;
  #onReader: string | null = null;
  readonly #cable: EmulatedCable;
  readonly #looks: Ga467Looks;

  constructor(rig: Ga467OverPseudoTerminal) {
    this.#rig = rig;
    this.#cable = new EmulatedCable(rig);
    this.#looks = ga467LooksOf(rig.emulator);
  }

  cardKeys(): string[] {
    return this.#rig.emulator.cardKeys();
  }

  /** Whether an ID card lies on the reader (the emulator's side, not the driver's last poll). */
  isCardPresent(): boolean {
    return this.#onReader !== null;
  }

  /** How many looks at the pad the emulator has answered since it started (its restarts kept). */
  asked(): number {
    return this.#looks.count();
  }

  /** How many reads of a card (read base message) the emulator has answered since it started. */
  reads(): number {
    return this.#looks.reads();
  }

  /** Called after each look at the pad the emulator answered. */
  onAsked(listener: () => void): () => void {
    return this.#looks.onLook(listener);
  }

  placeCard(key: string): void {
    this.#rig.emulator.placeCard(key);
    this.#onReader = key;
  }

  removeCard(): void {
    this.#rig.emulator.removeCard();
    this.#onReader = null;
  }

  setFault(fault: Ga467DemoFault | null): void {
    const emulator = this.#rig.emulator;
    if (fault === null) {
      emulator.setFault(null);
      this.#cable.plugBack(() => emulator.restart()); // powered over its cable: back, it restarts
      return;
    }
    if (fault === 'offline') this.#cable.unplug();
    else emulator.setFault(namedEmulatedFault(FAULTS, fault));
  }
}
