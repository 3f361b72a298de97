/**
 * Runs the fleet's commands on this kiosk: out of service (an operator's hold), in service,
 * self-test, restart and journal extract. Journal first, act second: each command opens a journal
 * transaction (journey `fleetCommand`, its id as the session id) with the intent before it acts
 * and closes it with the result, so every command (and every refusal) is audited on the kiosk, and
 * that record answers a command delivered again (`recorded`, `fleet-command-record.ts`, ADR 0027).
 */
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import { randomUUID } from 'node:crypto';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { Command, CommandAck } from '@kiosk/fleet-monitor/contract';
import { ServiceReason } from '@kiosk/state-machines';
import { KIOSK_CONFIG } from '../../config/kiosk-config.token.js';
import { DevicesService } from '../../devices/devices.service.js';
import { JournalService } from '../../journal/journal.service.js';
import { SessionsService } from '../../sessions/sessions.service.js';
import type { CommandOutcome } from '../mqtt/fleet-publisher.js';
import { DataSource } from '../../journal/typeorm-runtime.js';
import { DaemonRestart } from './daemon-restart.js';
import {
  commandRecordOf,
  FLEET_COMMAND_JOURNEY,
  FLEET_REFUSED_STEP,
  NOT_RUN_JOURNAL_UNAVAILABLE,
  STARTED_NOT_FINISHED,
} from './fleet-command-record.js';
import { JournalExtractUpload } from './journal-extract-upload.js';
import { OperatorHoldFile } from './operator-hold-file.js';

export { FLEET_COMMAND_JOURNEY } from './fleet-command-record.js';

const USABLE = new Set(['online', 'busy']);

@Injectable()
export class FleetCommandsService implements OnModuleInit {
  private readonly log = new Logger('FleetCommands');
  private readonly hold: OperatorHoldFile;

  constructor(
    private readonly sessions: SessionsService,
    private readonly devices: DevicesService,
    private readonly journal: JournalService,
    private readonly restart: DaemonRestart,
    @Inject(JournalExtractUpload) private readonly extracts: JournalExtractUpload,
    @Inject(KIOSK_CONFIG) config: KioskConfig,
    @Inject(DataSource) private readonly db: DataSource,
  ) {
    this.hold = OperatorHoldFile.beside(config);
  }

  /** A hold from before a restart applies again (the kiosk is placed by now: sessions started first). */
  onModuleInit(): void {
    const hold = this.hold.read(ServiceReason.REMOTE_OUT_OF_SERVICE);
    if (!hold) return;
    this.sessions.holdOutOfService(hold.reason);
    this.log.warn(`kept out of service by the fleet (${hold.reason}, since ${hold.at})`);
  }

  /** What the journal recorded of `command`, if it got it before: its answer, never a second run. */
  recorded(command: Command): Promise<CommandOutcome | undefined> {
    return commandRecordOf(this.db, (id) => this.journal.stepsOf(id), command.id);
  }

  /**
   * The publisher's command handler: audits, runs, audits the result. A journal fault before the act
   * answers it not run, TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE (`journalIntent`); one after it answers
   * as the journal holds it (`journalOutcome`).
   */
  async handle(command: Command): Promise<CommandOutcome> {
    const step = `fleet.${command.type}`;
    const transactionId = await this.journalIntent(command, step);
    if (transactionId === undefined) return NOT_RUN_JOURNAL_UNAVAILABLE;
    let outcome: CommandOutcome;
    try {
      outcome = await this.run(command);
    } catch (e) {
      outcome = { result: 'failed', code: KioskError.from(e, ErrorCode.TELEMETRY_COMMAND_FAILED).code };
    }
    const answer = await this.journalOutcome(transactionId, step, outcome);
    const code = answer.result === 'done' ? null : answer.code;
    this.log.log(
      `fleet command ${command.type} from ${command.issuedBy}: ${answer.result}${code ? ` ${code}` : ''}`,
    );
    return answer;
  }

  /**
   * The command's transaction opened and its intent journaled: its id, or undefined when the journal
   * refused either. Then it has not acted and nothing of it holds it (a transaction without a step is
   * no record, `fleet-command-record.ts`): closed not run if the journal takes that (else boot
   * recovery closes it so), and run when delivered again; the monitor keeps that answer waiting.
   */
  private async journalIntent(command: Command, step: string): Promise<string | undefined> {
    let transactionId: string | undefined;
    try {
      transactionId = await this.journal.openTransaction(command.id, FLEET_COMMAND_JOURNEY);
      await this.journal.recordStep(transactionId, step, 'intent', {
        commandId: command.id,
        issuedBy: command.issuedBy,
        issuedAt: command.issuedAt,
        ...(command.type === 'outOfService' && command.reason !== undefined && { reason: command.reason }),
        ...(command.type === 'uploadJournalExtract' && { from: command.from, to: command.to }),
      });
      return transactionId;
    } catch (e) {
      this.log.error(`${step} not run, the journal refused its intent (${KioskError.from(e).code})`);
    }
    if (transactionId === undefined) return undefined;
    const code = ErrorCode.TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE;
    await this.journal.closeTransaction(transactionId, 'rejected', code).catch(() => undefined);
    return undefined;
  }

  /**
   * The outcome journaled and the command closed; the answer is what the journal then holds. It has
   * acted: a write refused now answers it as the journal answers it when delivered again (its
   * outcome, or started and not finished: TELEMETRY_COMMAND_STATE_UNKNOWN), never "not run".
   */
  private async journalOutcome(
    transactionId: string,
    step: string,
    outcome: CommandOutcome,
  ): Promise<CommandOutcome> {
    const code = outcome.result === 'done' ? null : outcome.code;
    let journaled = false;
    try {
      await this.journal.recordStep(
        transactionId,
        step,
        outcome.result === 'done' ? 'done' : 'failed',
        code === null ? undefined : { code, result: outcome.result },
      );
      journaled = true;
      await this.journal.closeTransaction(transactionId, outcome.result, code);
      return outcome;
    } catch (e) {
      const answer = journaled ? outcome : STARTED_NOT_FINISHED;
      this.log.error(
        `${step} acted, its ${journaled ? 'close' : 'outcome'} not journaled (${KioskError.from(e).code}): answered ${answer.result}, left open for boot recovery`,
      );
      return answer;
    }
  }

  /** After the acknowledgement went out: a restart that was accepted happens now. */
  acknowledged(command: Command, ack: CommandAck): void {
    if (command.type === 'restart' && ack.result === 'done') this.restart.request();
  }

  /** A message on the command topic that was not a command for this kiosk: audited, then refused. */
  async auditRefusal(refusal: { code: string; commandId?: string }): Promise<void> {
    try {
      const transactionId = await this.journal.openTransaction(
        refusal.commandId ?? randomUUID(),
        FLEET_COMMAND_JOURNEY,
      );
      await this.journal.recordStep(transactionId, FLEET_REFUSED_STEP, 'event', {
        code: refusal.code,
        commandId: refusal.commandId ?? null,
      });
      await this.journal.closeTransaction(transactionId, 'rejected', refusal.code);
    } catch (e) {
      this.log.error(`could not journal a refused fleet command: ${KioskError.from(e).code}`);
    }
    this.log.warn(`refused a message on the command topic: ${refusal.code}`);
  }

  private async run(command: Command): Promise<CommandOutcome> {
    switch (command.type) {
      case 'outOfService': {
        // a running session finishes safely; no new one starts while the hold lasts, restarts included
        const reason = command.reason ?? ServiceReason.REMOTE_OUT_OF_SERVICE;
        this.hold.write({ reason, commandId: command.id, at: command.issuedAt });
        this.sessions.holdOutOfService(reason);
        return { result: 'done' };
      }
      case 'inService':
        this.hold.clear();
        this.sessions.releaseOutOfServiceHold();
        return { result: 'done' };
      case 'runSelfTest':
        return this.selfTest(command.devices);
      case 'restart':
        if (this.sessions.sessionInProgress) return { result: 'rejected', code: ErrorCode.SESSION_BUSY };
        if (!this.restart.possible) return { result: 'rejected', code: ErrorCode.TELEMETRY_COMMAND_FAILED };
        return { result: 'done' };
      case 'uploadJournalExtract':
        return this.extracts.upload(command);
    }
  }

  /** Asks every device (or the ones named) for its status now; failed with the first fault's code. */
  private selfTest(kinds: readonly string[] | undefined): CommandOutcome {
    if (this.sessions.sessionInProgress) return { result: 'rejected', code: ErrorCode.SESSION_BUSY };
    const checked = this.devices
      .statuses()
      .filter((s) => (kinds === undefined ? s.device !== 'noDevice' : kinds.includes(s.kind)));
    const faulty = checked.find((s) => !USABLE.has(s.device));
    if (!faulty) return { result: 'done' };
    const code =
      faulty.fault?.code && /^[A-Z][A-Z0-9_]{1,63}$/.test(faulty.fault.code)
        ? faulty.fault.code
        : faulty.device === 'offline' || faulty.device === 'noDevice'
          ? ErrorCode.DEVICE_OFFLINE
          : ErrorCode.DEVICE_HARDWARE_ERROR;
    return { result: 'failed', code };
  }
}
