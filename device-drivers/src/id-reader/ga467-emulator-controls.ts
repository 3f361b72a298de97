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
 */
import type { Ga467EmulatorFault } from './ga467-id-reader.emulator.js';
import type { Ga467OverPseudoTerminal } from './ga467-over-pseudo-terminal.js';
import { namedEmulatedFault } from '../common/emulated-fault.js';

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
  #unplugged = false;

  constructor(rig: Ga467OverPseudoTerminal) {
    this.#rig = rig;
  }

  cardKeys(): string[] {
    return this.#rig.emulator.cardKeys();
  }

  /** Whether an ID card lies on the reader (the emulator's side, not the driver's last poll). */
  isCardPresent(): boolean {
    return this.#onReader !== null;
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
      if (this.#unplugged) {
        emulator.restart();
        emulator.attach(this.#rig.deviceEnd);
      }
      this.#unplugged = false;
      return;
    }
    if (fault === 'offline') {
      emulator.detach();
      this.#unplugged = true;
    } else emulator.setFault(namedEmulatedFault(FAULTS, fault));
  }
}
