/**
 * Reads the messages of a kiosk's command topic: a valid command for this kiosk goes to the
 * daemon's handler once (a redelivered id gets the same acknowledgement again, not a second run);
 * anything else is refused with a code (TELEMETRY_COMMAND_MALFORMED, TELEMETRY_COMMAND_FOR_OTHER_KIOSK;
 * TELEMETRY_COMMAND_UNKNOWN for a type this kiosk does not know, from a newer monitor, ADR 0018)
 * and acknowledged as rejected when it carries an id to answer to. A command that arrives past its
 * `expiresAt` (the kiosk was off the broker longer than the monitor waits) is refused with
 * TELEMETRY_COMMAND_EXPIRED unless it ran already (its ack is then sent again). A handler that throws is failed
 * with TELEMETRY_COMMAND_FAILED. With a file, the acknowledgements of the last commands outlive a
 * daemon restart, so a command redelivered after one (its PUBACK lost) is not run twice. A file
 * that does not read at the start (torn, empty, not the acks) leaves this start not knowing what
 * ran: a command issued before it is refused with TELEMETRY_COMMAND_STATE_UNKNOWN, never run, and
 * the refusal kept like an ack (ADR 0027); one issued since runs. That instant is kept in the file
 * (`unknownBefore`) once it is written again, so every later start refuses such a command too.
 */
import { z } from 'zod';
import { ErrorCode } from '@kiosk/domain';
import { CommandAckSchema, readCommand, type Command, type CommandAck } from '@kiosk/fleet-monitor/contract';
import { readKeptFile, writeKeptFile } from '@kiosk/device-drivers';

/** What the daemon's handler answers: done, or rejected/failed with a code. */
export type CommandOutcome = { result: 'done' } | { result: 'rejected' | 'failed'; code: string };
export type CommandHandler = (command: Command) => Promise<CommandOutcome> | CommandOutcome;

export type Received =
  | {
      readonly kind: 'refused';
      readonly code: string;
      readonly commandId?: string;
      readonly ack?: CommandAck;
    }
  | {
      readonly kind: 'handled';
      readonly command: Command;
      readonly ack: CommandAck;
      readonly firstTime: boolean;
    };

/** an ack as this release reads it from its file: the fields it knows, any other left out */
const OpenAckSchema = z.object(CommandAckSchema.shape);

/** how many recent command ids are remembered for redeliveries */
const REMEMBERED = 100;

export class CommandReceiver {
  private readonly handled = new Map<string, Promise<CommandAck>>();
  /** the settled acknowledgements, oldest first, as the file keeps them */
  private readonly settled: CommandAck[] = [];
  /** why the file did not read at the start, if it did not: what ran before is not known */
  readonly unreadable?: string;
  /**
   * the start at which the file did not read (this one, or one before, kept in the file): a command
   * issued before it may have run already
   */
  private unknownBefore?: number;

  constructor(
    private readonly kioskId: string,
    private readonly handler: CommandHandler,
    private readonly now: () => Date,
    /** where the last acknowledgements are kept across restarts; in memory only when absent */
    private readonly file?: string,
  ) {
    const why = file ? this.load(file) : undefined;
    if (why === undefined) return;
    this.unreadable = why;
    // a tear at a start before stays known: the earlier instant leaves out no more
    this.unknownBefore = Math.min(this.unknownBefore ?? Infinity, now().getTime());
  }

  async receive(payload: Buffer): Promise<Received> {
    // the rule the fleet simulator's virtual kiosk answers by too (ADR 0018)
    const reading = readCommand(payload, this.kioskId);
    if (!reading.ok) {
      const { code, commandId } = reading;
      return {
        kind: 'refused',
        code,
        ...(commandId && {
          commandId,
          ack: {
            commandId,
            kioskId: this.kioskId,
            result: 'rejected',
            code,
            at: this.now().toISOString(),
          },
        }),
      };
    }
    const { command } = reading;
    let ack = this.handled.get(command.id);
    const firstTime = ack === undefined;
    // past its expiry and never run here: the monitor has recorded it failed, it must not run late
    if (!ack && command.expiresAt !== undefined && Date.parse(command.expiresAt) <= this.now().getTime()) {
      const code = ErrorCode.TELEMETRY_COMMAND_EXPIRED;
      return {
        kind: 'refused',
        code,
        commandId: command.id,
        ack: {
          commandId: command.id,
          kioskId: this.kioskId,
          result: 'rejected',
          code,
          at: this.now().toISOString(),
        },
      };
    }
    if (!ack && this.unknownBefore !== undefined && Date.parse(command.issuedAt) < this.unknownBefore) {
      // it may have run before this start: refused, and the refusal kept, so it never runs here
      const code = ErrorCode.TELEMETRY_COMMAND_STATE_UNKNOWN;
      const refusal: CommandAck = {
        commandId: command.id,
        kioskId: this.kioskId,
        result: 'rejected',
        code,
        at: this.now().toISOString(),
      };
      this.keep(command.id, Promise.resolve(refusal));
      this.remember(refusal);
      return { kind: 'refused', code, commandId: command.id, ack: refusal };
    }
    if (!ack) {
      ack = this.run(command).then((done) => {
        this.remember(done);
        return done;
      });
      this.keep(command.id, ack);
    }
    return { kind: 'handled', command, ack: await ack, firstTime };
  }

  private async run(command: Command): Promise<CommandAck> {
    const base = { commandId: command.id, kioskId: this.kioskId };
    try {
      const outcome = await this.handler(command);
      return { ...base, ...outcome, at: this.now().toISOString() };
    } catch {
      return {
        ...base,
        result: 'failed',
        code: ErrorCode.TELEMETRY_COMMAND_FAILED,
        at: this.now().toISOString(),
      };
    }
  }

  private keep(commandId: string, ack: Promise<CommandAck>): void {
    this.handled.set(commandId, ack);
    if (this.handled.size > REMEMBERED) this.handled.delete(this.handled.keys().next().value!);
  }

  /**
   * Returns why the file does not read (torn, empty, not the acks), or undefined: none yet, or read.
   * Read ack by ack, open (ADR 0018): after a rollback to an older release, a field the newer
   * release added to its acks is left out and an ack this release does not read is skipped, the
   * others kept, so a command they answer is still not run twice when it is redelivered.
   */
  private load(file: string): string | undefined {
    const read = readKeptFile(file);
    if (read.found === 'none') return undefined;
    if (read.found === 'unreadable') return read.why;
    const parsed = z
      .object({ acks: z.array(z.unknown()), unknownBefore: z.string().optional() })
      .safeParse(read.value);
    if (!parsed.success) return 'it does not hold the commands answered';
    // kept by a start that found the file torn: what ran before that instant is still not known
    const { unknownBefore } = parsed.data;
    if (unknownBefore !== undefined) {
      const instant = Date.parse(unknownBefore);
      if (!Number.isFinite(instant)) return 'its instant of the commands not known does not read';
      this.unknownBefore = instant;
    }
    for (const entry of parsed.data.acks.slice(-REMEMBERED)) {
      const read = OpenAckSchema.safeParse(entry);
      if (!read.success || read.data.kioskId !== this.kioskId) continue;
      const ack: CommandAck = read.data;
      this.handled.set(ack.commandId, Promise.resolve(ack));
      this.settled.push(ack);
    }
    return undefined;
  }

  /** Keeps a settled acknowledgement, in the file too (written before the ack goes out). */
  private remember(ack: CommandAck): void {
    this.settled.push(ack);
    if (this.settled.length > REMEMBERED) this.settled.shift();
    if (!this.file) return;
    const unknownBefore = this.unknownBefore;
    writeKeptFile(this.file, {
      acks: this.settled,
      ...(unknownBefore !== undefined && { unknownBefore: new Date(unknownBefore).toISOString() }),
    });
  }
}
