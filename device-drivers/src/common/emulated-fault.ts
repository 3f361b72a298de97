/** The emulators' faults by name: one refusal for a word an emulator does not know. */
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
