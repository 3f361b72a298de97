/**
 * Reads the messages of a kiosk's command topic: a valid command for this kiosk goes to the
 * daemon's handler once; anything else is refused with a code (TELEMETRY_COMMAND_MALFORMED,
 * TELEMETRY_COMMAND_FOR_OTHER_KIOSK; TELEMETRY_COMMAND_UNKNOWN for a type this kiosk does not know,
 * from a newer monitor, ADR 0018) and acknowledged as rejected when it carries an id to answer to.
 *
 * Once, whatever comes again: a command delivered again in this run gets the answer it got (kept in
 * memory while it runs and after); one this run has not seen is first looked up in the kiosk's
 * durable record (`record`: the journal, which the handler writes before it acts and after,
 * `telemetry/fleet/fleet-command-record.ts`), and one recorded there is answered as recorded, never
 * run again: a redelivery after a restart (a PUBACK lost with it), a monitor sending again a command
 * whose ack it never stored, a command a restart cut in the middle (ADR 0027). No clock decides it.
 * A command the record does not hold that arrives past its `expiresAt` (the kiosk was off the
 * broker longer than the monitor waits) is refused with TELEMETRY_COMMAND_EXPIRED. A handler that
 * throws fails it with TELEMETRY_COMMAND_FAILED. A record that cannot be read, or a handler whose
 * journal refused the command before it acted, answers it not run,
 * TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE: the one answer not kept, here or by the monitor, so that a
 * delivery again runs it (ADR 0027).
 */
import { ErrorCode } from '@kiosk/domain';
import {
  isFinalAnswer,
  NOT_RUN_ANSWER_CODE,
  readCommand,
  type Command,
  type CommandAck,
} from '@kiosk/fleet-monitor/contract';

/** What the daemon's handler answers: done, or rejected/failed with a code. */
export type CommandOutcome = { result: 'done' } | { result: 'rejected' | 'failed'; code: string };
export type CommandHandler = (command: Command) => Promise<CommandOutcome> | CommandOutcome;
/** What the kiosk's durable record holds of a command it got before; undefined when it never started it. */
export type CommandRecord = (command: Command) => Promise<CommandOutcome | undefined>;

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
      /** run now by this receiver: false for one answered again or from the record */
      readonly firstTime: boolean;
    };

/** A command's answer: run now, answered from the record, or refused before it ran. */
type Answer =
  | { readonly kind: 'handled'; readonly ack: CommandAck; readonly ran: boolean }
  | { readonly kind: 'refused'; readonly code: string; readonly ack: CommandAck };

/** how many recent command ids are answered from memory (the record answers the others; one running stays) */
const REMEMBERED = 100;

export class CommandReceiver {
  private readonly answers = new Map<string, Promise<Answer>>();
  /** the ids of `answers` answered, oldest first: the ones that may be forgotten */
  private readonly settled = new Set<string>();

  constructor(
    private readonly kioskId: string,
    private readonly handler: CommandHandler,
    private readonly now: () => Date,
    /** the durable record of the commands run (the journal); this run's memory only when absent */
    private readonly record?: CommandRecord,
  ) {}

  async receive(payload: Buffer): Promise<Received> {
    // the rule the fleet simulator's virtual kiosk answers by too (ADR 0018)
    const reading = readCommand(payload, this.kioskId);
    if (!reading.ok) {
      const { code, commandId } = reading;
      return { kind: 'refused', code, ...(commandId && { commandId, ack: this.ack(commandId, code) }) };
    }
    const { command } = reading;
    const kept = this.answers.get(command.id);
    // kept at once, before any await: a delivery again meanwhile waits for this answer
    const answering = kept ?? this.answer(command);
    if (!kept) this.answers.set(command.id, answering);
    const answer = await answering;
    // not run (the journal unavailable): a delivery again asks the record and the handler again
    if (!isFinalAnswer(answer.ack)) this.answers.delete(command.id);
    else if (!kept) this.forgetOldest(command.id);
    if (answer.kind === 'refused')
      return { kind: 'refused', code: answer.code, commandId: command.id, ack: answer.ack };
    return { kind: 'handled', command, ack: answer.ack, firstTime: !kept && answer.ran };
  }

  /**
   * Past the remembered, the oldest answered are forgotten (the record answers them), never one
   * still running: a delivery again meanwhile would read a record its run may not have written yet.
   */
  private forgetOldest(answered: string): void {
    this.settled.add(answered);
    for (const id of this.settled) {
      if (this.answers.size <= REMEMBERED) return;
      this.answers.delete(id);
      this.settled.delete(id);
    }
  }

  /** The record first, then the expiry, then the handler: a command recorded is never run again. */
  private async answer(command: Command): Promise<Answer> {
    let recorded: CommandOutcome | undefined;
    try {
      recorded = await this.record?.(command);
    } catch {
      // not run now, nor answered: the monitor waits for the answer of a delivery again
      recorded = { result: 'rejected', code: NOT_RUN_ANSWER_CODE };
    }
    if (recorded) return { kind: 'handled', ack: this.outcomeAck(command.id, recorded), ran: false };
    // past its expiry and never run here: the monitor has recorded it failed, it must not run late
    if (command.expiresAt !== undefined && Date.parse(command.expiresAt) <= this.now().getTime()) {
      const code = ErrorCode.TELEMETRY_COMMAND_EXPIRED;
      return { kind: 'refused', code, ack: this.ack(command.id, code) };
    }
    let outcome: CommandOutcome;
    try {
      outcome = await this.handler(command);
    } catch {
      outcome = { result: 'failed', code: ErrorCode.TELEMETRY_COMMAND_FAILED };
    }
    return { kind: 'handled', ack: this.outcomeAck(command.id, outcome), ran: true };
  }

  private outcomeAck(commandId: string, outcome: CommandOutcome): CommandAck {
    return { commandId, kioskId: this.kioskId, ...outcome, at: this.now().toISOString() };
  }

  /** a refusal's ack */
  private ack(commandId: string, code: string): CommandAck {
    return this.outcomeAck(commandId, { result: 'rejected', code });
  }
}
