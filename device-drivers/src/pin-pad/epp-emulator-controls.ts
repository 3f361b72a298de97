/**
 * The control surface of the byte-level PIN pad emulator when it runs on a pseudo-terminal pair
 * beside the real driver (the demo and test profiles with `emulatedOnPseudoTerminal`): the same
 * surface as the in-memory emulator's (`press(key)`, `collecting`, `setFault` by name), so the demo
 * panel's on-screen pad and the e2e tests drive either. Faults by name:
 * - `offline`: the pad unplugged from its side (no byte comes back); cleared, plugged in again
 * - `noAnswer`: the pad is silent
 * - `tornFrame`, `badCheckByte`: the next answer arrives torn or with a wrong check byte
 * - `corruptedLength`: the next answer's length field arrives corrupted (over the bound), the rest intact
 * - `cablePulledDuringEntry`: the cable comes out at the next key of an entry (for good)
 */
import { EPP_DEMO_FAULTS } from '@kiosk/domain';
import { EmulatedCable, namedEmulatedFault } from '../common/emulated-fault.js';
import type { EppEmulatorFault } from './epp-pin-pad.emulator.js';
import type { EppOverPseudoTerminal } from './epp-over-pseudo-terminal.js';
import type { PinPadKey } from './pin-pad.port.js';

export { EPP_DEMO_FAULTS };
export type EppDemoFault = (typeof EPP_DEMO_FAULTS)[number];

const FAULTS: Readonly<Record<Exclude<EppDemoFault, 'offline'>, EppEmulatorFault>> = {
  noAnswer: { kind: 'noAnswer' },
  tornFrame: { kind: 'tornFrame', times: 1 },
  badCheckByte: { kind: 'badCheckByte', times: 1 },
  corruptedLength: { kind: 'corruptedLength', times: 1 },
  cablePulledDuringEntry: { kind: 'cablePulledDuringEntry' },
};

export class EppEmulatorControls {
  readonly #rig: EppOverPseudoTerminal;
  readonly #cable: EmulatedCable;
  /** keys pressed while the driver collects and the pad's keypad is still opening */
  readonly #early: PinPadKey[] = [];
  /** the collection (`collectionsBegun`) those keys were pressed for */
  #earlyFor = 0;

  constructor(rig: EppOverPseudoTerminal) {
    this.#rig = rig;
    this.#cable = new EmulatedCable(rig);
    rig.emulator.onKeypadOpened(() => {
      // keys pressed for an entry whose keypad never opened are not this entry's
      const keys = this.#early.splice(0);
      if (this.#earlyFor === rig.pad.collectionsBegun) for (const key of keys) rig.emulator.press(key);
    });
  }

  /** True while a PIN is being collected (the demo panel shows its pad only then). */
  get collecting(): boolean {
    return !this.#cable.unplugged && (this.#rig.emulator.collecting || this.#rig.pad.collecting);
  }

  /**
   * A key pressed on the pad; false when no PIN is being collected (the key is discarded). A key
   * pressed as a collection starts, its keypad still opening on the line (the screen asks for the
   * PIN as the driver sends the start), is pressed once the keypad is open, as the in-memory
   * emulator takes it from the collection's first moment.
   */
  press(key: PinPadKey): boolean {
    if (this.#cable.unplugged) return false;
    // the keypad still open for an entry that ended, the next one waiting for its close: for that one
    if (this.#rig.emulator.collecting && !this.#rig.pad.entryWaiting) return this.#rig.emulator.press(key);
    if (!this.#rig.pad.collecting) {
      this.#early.length = 0; // a collection that ended before its keypad opened left its keys
      return false;
    }
    if (this.#earlyFor !== this.#rig.pad.collectionsBegun) {
      this.#early.length = 0; // pressed for an entry that ended before its keypad opened
      this.#earlyFor = this.#rig.pad.collectionsBegun;
    }
    this.#early.push(key);
    return true;
  }

  setFault(fault: EppDemoFault | null): void {
    const emulator = this.#rig.emulator;
    if (fault === null) {
      emulator.setFault(null);
      this.#cable.plugBack();
      return;
    }
    if (fault === 'offline') this.#cable.unplug();
    else emulator.setFault(namedEmulatedFault(FAULTS, fault));
  }
}
