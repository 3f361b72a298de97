/**
 * The in-process LCDM emulator (`startLcdmOverPseudoTerminal`: driver and emulator in the spec's
 * process) silent from the moment it takes the next dispense, as `dispenseThenLineDrops` makes the
 * emulator on its thread: it drops its line itself as it takes the dispense, in that turn, and
 * counts the notes into the presenter all the same; nothing it would say after (the dispense's
 * answer, any other) reaches the driver until it is plugged in again.
 *
 * Armed before the withdrawal. Set by the spec once it saw the dispense taken (`noAnswer`, which
 * only stops the device reading), the count's answer still left at its end: a stall of the process
 * past it (a garbage collection, a loaded machine) had the driver's late dispense wait read it, and
 * the dispense of unknown outcome the spec is about was read paid.
 */
import type { LcdmOverPseudoTerminal } from '@kiosk/device-drivers/lcdm-serial-road';

/** Arms the line's drop at the next dispense; gives the plug, which puts the line back. */
export function lineDropsAtNextDispense(
  line: Pick<LcdmOverPseudoTerminal, 'emulator' | 'deviceEnd'>,
): () => void {
  const { emulator } = line;
  const { mechanism } = emulator;
  const dispense = mechanism.dispense.bind(mechanism);
  mechanism.dispense = (...args) => {
    mechanism.dispense = dispense;
    const outcome = dispense(...args);
    emulator.detach();
    return outcome;
  };
  return () => emulator.attach(line.deviceEnd);
}
