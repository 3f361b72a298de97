/**
 * Byte-level cash dispenser emulator: speaks the LCDM-2000 style protocol of
 * `cash-dispenser.protocol.ts` from the device side of a serial line (a pseudo terminal in
 * tests and in the demo, any Duplex stream). Behind the bytes, `LcdmCashMechanism` moves notes.
 *
 * Control surface: `takeCash`, `retractOnItsOwn`, `removeCassette` / `insertCassette` / `loadCassette`,
 * `clearJam`, `detach` (the cable pulled from the device side) and `setFault` for the line
 * faults (no answer, device busy, torn frame, bad checksum, lost ACK) and the note faults (jam,
 * double notes). `commandsTaken` counts the commands it acted on. `close` switches it off.
 */
import type { Duplex } from 'node:stream';
import { abortableDelay } from '../common/abortable-delay.js';
import { EmulatedSerialEnd } from '../common/emulated-serial-end.js';
import {
  ACK,
  encodeDispenseResponse,
  encodeFrame,
  encodePresenterReport,
  LcdmCommand,
  LcdmFrameDecoder,
  NAK,
  decodeCount,
  type DecodedItem,
  type LcdmFrame,
} from './cash-dispenser.protocol.js';
import {
  LcdmCashMechanism,
  type LcdmCassetteId,
  type LcdmCashDispenserEmulatorOptions,
  type LcdmMechanismState,
} from './lcdm-cash-mechanism.js';
import { ArmedLineFault, type LcdmEmulatorFault } from './lcdm-emulator-faults.js';

export type { LcdmEmulatorFault, LineFaultCommand } from './lcdm-emulator-faults.js';
export type { LcdmCashDispenserEmulatorOptions } from './lcdm-cash-mechanism.js';

export class LcdmCashDispenserEmulator {
  readonly mechanism: LcdmCashMechanism;
  readonly #msPerNote: number;
  readonly #romVersion: string;
  /** the line's device end: the host's commands read by the driver's own framing */
  readonly #line: EmulatedSerialEnd<DecodedItem>;
  #working = false;
  #noAnswer = false;
  #busy = false;
  readonly #torn = new ArmedLineFault();
  readonly #badChecksum = new ArmedLineFault();
  readonly #lostAck = new ArmedLineFault();
  #ackLateByMs = 0;
  readonly #taken = new Map<number, number>();
  #lastResponse: Buffer | null = null;
  #resends = 0;
  readonly #onChange: ((state: LcdmMechanismState) => void) | undefined;
  #lastState = '';
  /** aborted by `close`: a count still under way stops with it */
  readonly #switchedOff = new AbortController();

  constructor(options: LcdmCashDispenserEmulatorOptions = {}) {
    this.mechanism = new LcdmCashMechanism(options);
    this.#msPerNote = options.msPerNote ?? 0;
    this.#line = new EmulatedSerialEnd({
      decoder: new LcdmFrameDecoder('command'),
      gapMs: options.interByteTimeoutMs ?? 100,
      take: (items) => this.#take(items),
      deaf: () => this.#noAnswer,
    });
    this.#romVersion = (options.romVersion ?? 'V2.1').padEnd(4).slice(0, 4);
    this.#onChange = options.onChange;
    this.#lastState = JSON.stringify(this.mechanism.snapshot());
  }

  /** Plugs the emulator into the device end of a serial line. */
  attach(stream: Duplex): void {
    this.#line.attach(stream);
  }

  /** Unplugs it: from now on the host hears nothing. */
  detach(): void {
    this.#line.detach();
  }

  /**
   * Switches it off: unplugged, and a count still under way stops where it is (the notes it
   * moved stay moved, the answer never leaves) with its timer cleared, so nothing of it outlives
   * the line (a pulled cable, `detach`, leaves the count running, as the mechanism would).
   */
  close(): void {
    this.detach();
    this.#switchedOff.abort();
  }

  // ---- control surface -------------------------------------------------------------------

  takeCash(): boolean {
    const taken = this.mechanism.take();
    this.#changed();
    return taken;
  }

  /**
   * The presenter's own timer draws the notes at the slot into the retract bin, unasked (as a
   * presenter with a take time of its own does); the host hears of it only by asking. False when
   * the shutter was not open on notes.
   */
  retractOnItsOwn(): boolean {
    const { upper, lower, open } = this.mechanism.presenter;
    if (!open || upper + lower === 0) return false;
    this.mechanism.retract();
    this.#changed();
    return true;
  }

  removeCassette(id: LcdmCassetteId): void {
    this.mechanism.cassettes[id].present = false;
    this.#changed();
  }

  insertCassette(id: LcdmCassetteId): void {
    this.mechanism.cassettes[id].present = true;
    this.#changed();
  }

  loadCassette(id: LcdmCassetteId, count: number): void {
    this.mechanism.cassettes[id].count = count;
    this.#changed();
  }

  clearJam(): void {
    this.mechanism.clearJam();
    this.#changed();
  }

  /** How many frames of `cmd` the device took (ACKed, its ACK lost or not) and acted on. */
  commandsTaken(cmd: number): number {
    return this.#taken.get(cmd) ?? 0;
  }

  /** Where the notes are now, as `onChange` is told. */
  snapshot(): LcdmMechanismState {
    return this.mechanism.snapshot();
  }

  /** Tells `onChange` when the notes moved (a STATUS poll moves none and writes nothing). */
  #changed(): void {
    if (!this.#onChange) return;
    const state = this.mechanism.snapshot();
    const text = JSON.stringify(state);
    if (text === this.#lastState) return;
    this.#lastState = text;
    this.#onChange(state);
  }

  setFault(fault: LcdmEmulatorFault | null): void {
    if (fault === null) {
      this.#noAnswer = false;
      this.#busy = false;
      this.#torn.arm(0);
      this.#badChecksum.arm(0);
      this.#lostAck.arm(0);
      this.mechanism.jamAfterNotes = null;
      this.mechanism.doublePicks = 0;
      return;
    }
    switch (fault.kind) {
      case 'noAnswer':
        this.#noAnswer = true;
        break;
      case 'busy':
        this.#busy = true;
        break;
      case 'tornFrame':
        this.#torn.arm(fault.times, fault.command);
        break;
      case 'badChecksum':
        this.#badChecksum.arm(fault.times, fault.command);
        break;
      case 'lostAck':
        this.#lostAck.arm(fault.times, fault.command);
        this.#ackLateByMs = fault.lateByMs ?? 0;
        break;
      case 'jam':
        this.mechanism.jamAfterNotes = fault.afterNotes;
        break;
      case 'doubleNotes':
        this.mechanism.doublePicks = fault.picks;
        break;
    }
  }

  // ---- the line --------------------------------------------------------------------------

  #write(bytes: Uint8Array): void {
    this.#line.write(bytes);
  }

  /** The items read of the host's bytes: a command taken, anything spoiled (a torn one too) NAKed. */
  #take(items: readonly DecodedItem[]): void {
    for (const item of items) {
      if (item.type === 'ack') this.#lastResponse = null;
      else if (item.type === 'nak') this.#resend();
      else if (item.type === 'error') this.#write(Uint8Array.of(NAK));
      else if (this.#busy || this.#working) this.#write(Uint8Array.of(NAK));
      else {
        this.#lastResponse = null; // a new command: the answer before it is done with, ACKed or not
        this.#acknowledge(item.frame.cmd);
        this.#taken.set(item.frame.cmd, this.commandsTaken(item.frame.cmd) + 1);
        void this.#execute(item.frame);
      }
    }
  }

  /** The ACK of a command taken, unless a lost (or late) ACK is armed for it. */
  #acknowledge(cmd: number): void {
    if (!this.#lostAck.hits(cmd)) this.#write(Uint8Array.of(ACK));
    else if (this.#ackLateByMs > 0)
      setTimeout(() => this.#write(Uint8Array.of(ACK)), this.#ackLateByMs).unref();
  }

  /** A NAK: the answer not acknowledged yet (of the last command taken) once more, three times at most. */
  #resend(): void {
    if (!this.#lastResponse || this.#resends >= 3) return;
    this.#resends += 1;
    this.#send(this.#lastResponse);
  }

  /** Sends a response, spoiling it when a line fault is armed for it. */
  #send(frame: Buffer): void {
    const cmd = frame[3];
    if (this.#torn.hits(cmd)) {
      this.#write(frame.subarray(0, Math.ceil(frame.length / 2)));
    } else if (this.#badChecksum.hits(cmd)) {
      const spoiled = Buffer.from(frame);
      spoiled[spoiled.length - 1] = (spoiled[spoiled.length - 1] ?? 0) ^ 0x5a;
      this.#write(spoiled);
    } else {
      this.#write(frame);
    }
  }

  async #execute(frame: LcdmFrame): Promise<void> {
    this.#working = true;
    try {
      const response = await this.#respond(frame);
      this.#changed(); // kept before the answer leaves, as the notes are where it says
      this.#lastResponse = response;
      this.#resends = 0;
      this.#send(response);
    } catch {
      // where the notes are could not be kept: the device stays silent and the driver times out
    } finally {
      this.#working = false;
    }
  }

  async #respond({ cmd, data }: LcdmFrame): Promise<Buffer> {
    const m = this.mechanism;
    switch (cmd) {
      case LcdmCommand.STATUS:
        return encodeFrame('response', cmd, m.statusData());
      case LcdmCommand.ROM_VERSION:
        return encodeFrame('response', cmd, Buffer.from(this.#romVersion, 'ascii'));
      case LcdmCommand.PURGE:
        return encodeFrame('response', cmd, [m.purge()]);
      case LcdmCommand.PRESENT:
        return encodeFrame('response', cmd, [m.present()]);
      case LcdmCommand.RETRACT:
        return encodeFrame('response', cmd, m.retract());
      case LcdmCommand.PRESENTER_STATUS:
        return encodeFrame('response', cmd, encodePresenterReport(m.presenterReport()));
      default: {
        const both = cmd === LcdmCommand.UPPER_LOWER_DISPENSE;
        const lower = cmd === LcdmCommand.LOWER_DISPENSE || cmd === LcdmCommand.LOWER_TEST_DISPENSE;
        const test = cmd === LcdmCommand.UPPER_TEST_DISPENSE || cmd === LcdmCommand.LOWER_TEST_DISPENSE;
        const first = decodeCount(data, 0);
        const second = both ? decodeCount(data, 2) : 0;
        if (Number.isNaN(first) || Number.isNaN(second)) {
          const none = { picked: 0, exited: 0, rejected: 0 };
          return encodeDispenseResponse(cmd, { error: 0x3b, upper: none, lower: none });
        }
        const counts = both
          ? { upper: first, lower: second }
          : lower
            ? { upper: 0, lower: first }
            : { upper: first, lower: 0 };
        const outcome = m.dispense(counts, test);
        this.#changed(); // the notes moved now, whatever happens during the transport time
        const moved = outcome.upper.picked + outcome.lower.picked;
        if (this.#msPerNote > 0 && moved > 0)
          await abortableDelay(this.#msPerNote * moved, this.#switchedOff.signal, () => switchedOff());
        else await new Promise((r) => setImmediate(r));
        return encodeDispenseResponse(cmd, outcome);
      }
    }
  }
}

function switchedOff(): Error {
  return new Error('The dispenser was switched off while counting.');
}
