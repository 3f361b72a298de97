/**
 * The emulators' faults by name: one refusal for a word an emulator does not know, and the cable of
 * an emulator on a pseudo terminal that the `offline` fault pulls from its side.
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError } from '@kiosk/domain';

/**
 * The coded refusal of a fault word an emulator does not know (else it would be listed as set while
 * nothing happens): the demo panel shows it, the daemon logs it.
 */
export function noSuchEmulatedFault(fault: unknown): KioskError {
  return new KioskError(ErrorCode.INTERNAL, 'This device has no such emulated fault.', {
    fault: String(fault),
  });
}

/** The emulator's fault a control's word names (its own `faults`, by name), or the coded refusal. */
export function namedEmulatedFault<Fault>(faults: Readonly<Record<string, Fault>>, name: string): Fault {
  if (!Object.hasOwn(faults, name)) throw noSuchEmulatedFault(name);
  return faults[name] as Fault;
}

/**
 * The cable between a byte-level emulator and its end of the pseudo terminal (`deviceEnd`), as the
 * controls' `offline` fault pulls it (no byte comes back) and clearing the faults plugs it in again.
 */
export class EmulatedCable {
  #unplugged = false;

  constructor(
    private readonly rig: {
      readonly emulator: { attach(stream: Duplex): void; detach(): void };
      readonly deviceEnd: Duplex;
    },
  ) {}

  get unplugged(): boolean {
    return this.#unplugged;
  }

  unplug(): void {
    this.rig.emulator.detach();
    this.#unplugged = true;
  }

  /** Plugs it in again if it was pulled, `beforeReplug` first (an emulator that starts again). */
  plugBack(beforeReplug?: () => void): void {
    if (this.#unplugged) {
      beforeReplug?.();
      this.rig.emulator.attach(this.rig.deviceEnd);
    }
    this.#unplugged = false;
  }
}
