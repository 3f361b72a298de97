/**
 * The faults the byte-level LCDM emulator can be told to show (`setFault`), and the bookkeeping
 * of the line faults that hit the next few frames of one command or of any.
 */

/** One command byte, or any of those listed. */
export type LineFaultCommand = number | readonly number[];

export type LcdmEmulatorFault =
  /** the device does not answer at all */
  | { readonly kind: 'noAnswer' }
  /** the device answers every command with NAK */
  | { readonly kind: 'busy' }
  /** the next `times` responses (to `command` only, or one of those listed, when given) stop half-way */
  | { readonly kind: 'tornFrame'; readonly times: number; readonly command?: LineFaultCommand }
  /** the next `times` responses (to `command` only, or one of those listed, when given) carry a wrong BCC */
  | { readonly kind: 'badChecksum'; readonly times: number; readonly command?: LineFaultCommand }
  /**
   * The device takes the next `times` commands (`command` only, or one of those listed, when
   * given) and acts on them, but its ACK never reaches the host (line noise); with `lateByMs`, the
   * ACK arrives that late instead (the host was too busy to read it in time).
   */
  | {
      readonly kind: 'lostAck';
      readonly times: number;
      readonly command?: LineFaultCommand;
      readonly lateByMs?: number;
    }
  /** the next dispense jams after this many notes reached the presenter */
  | { readonly kind: 'jam'; readonly afterNotes: number }
  /** the next `picks` picks pull two notes at once (sent to the reject tray) */
  | { readonly kind: 'doubleNotes'; readonly picks: number };

/** A line fault armed for the next `times` frames of `command` (of any, when not given). */
export class ArmedLineFault {
  #times = 0;
  #command: LineFaultCommand | undefined;

  arm(times: number, command?: LineFaultCommand): void {
    this.#times = times;
    this.#command = command;
  }

  /** True (and one time fewer) when the fault hits this frame of `cmd`. */
  hits(cmd: number | undefined): boolean {
    if (this.#times <= 0) return false;
    if (this.#command !== undefined && ![this.#command].flat().includes(cmd ?? -1)) return false;
    this.#times -= 1;
    return true;
  }
}
