import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { DevicesService } from '../devices/devices.service.js';
import { JournalService } from '../journal/journal.service.js';
import { journaledAct } from '../journeys/journey-tools.js';

export interface RecoveryReport {
  readonly recovered: number;
  readonly cardsCaptured: number;
}

/**
 * Runs at boot, after the devices open and before the kiosk goes in service: every journal
 * transaction still open was cut short by a crash or power loss. Each is finished in a known
 * state and closed as interrupted; a card still held by the reader is captured (its holder has
 * walked away). What cannot be settled stops the self-test, so the kiosk stays out of service
 * for field staff.
 */
@Injectable()
export class SessionRecoveryService {
  private readonly log = new Logger('Recovery');

  constructor(
    private readonly devices: DevicesService,
    private readonly journal: JournalService,
  ) {}

  async recoverUnfinished(): Promise<RecoveryReport> {
    const open = await this.journal.openTransactions();
    let cardsCaptured = 0;
    for (const tx of open) {
      const steps = await this.journal.stepsOf(tx.id);
      const last = steps[steps.length - 1];
      await this.journal.recordStep(tx.id, 'recovery.found', 'event', {
        lastStep: last ? `${last.step}:${last.phase}` : null,
        cardPosition: this.devices.cardReader.cardPosition(),
      });
      if (this.devices.cardReader.cardPosition() === 'inReader') {
        try {
          await journaledAct(this.journal, tx.id, 'recovery.card.retract', () =>
            this.devices.cardReader.retract(),
          );
        } catch (e) {
          throw new KioskError(
            ErrorCode.DEVICE_HARDWARE_ERROR,
            'A card left in the reader could not be captured.',
            {
              transactionId: tx.id,
              code: KioskError.from(e).code,
            },
          );
        }
        cardsCaptured += 1;
      }
      await this.journal.closeTransaction(tx.id, 'interrupted', ErrorCode.SESSION_INTERRUPTED);
      this.log.warn(
        `recovered interrupted transaction ${tx.id} (${tx.journey}), last step ${last?.step ?? 'none'}`,
      );
    }
    return { recovered: open.length, cardsCaptured };
  }
}
