import type { CardPrinterPort } from '@kiosk/device-drivers';
import { KioskError, maskCardNumber } from '@kiosk/domain';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { journaledAct } from './journey-tools.js';

type Steps = Awaited<ReturnType<JournalService['stepsOf']>>;

const has = (steps: Steps, step: string, phase: string) =>
  steps.some((s) => s.step === step && s.phase === phase);

/**
 * A card-making session cut short by a crash or power loss. The printer remembers where its card
 * is: a blank still inside (personalised or not, printed or not, or presented at the slot with
 * nobody to take it) goes to the reject bin, journaled; a jammed card stays for field staff (the
 * printer reports a hardware error, so no card is made meanwhile). Then the host hears what it
 * was not told: a card presented and gone from the printer, not pulled back, was taken
 * ('issued', so the resident's card can be activated); any other reserved number 'abandoned'.
 * A host that does not answer leaves the step failed in the journal for staff; boot goes on.
 */
export async function recoverIssuance(
  journal: JournalService,
  printer: CardPrinterPort,
  issuance: IssuanceHostService | undefined,
  transactionId: string,
): Promise<void> {
  const position = printer.cardPosition();
  const steps = await journal.stepsOf(transactionId);
  if (position === 'none' || position === 'jammed') {
    await journal.recordStep(transactionId, 'recovery.blank', 'event', { position });
  } else {
    try {
      await journaledAct(
        journal,
        transactionId,
        'recovery.card.reject',
        () => printer.ejectToRejectBin('other'),
        {
          position,
        },
      );
    } catch (e) {
      // the blank stays where it is; the printer's status keeps issuance out of service
      await journal.recordStep(transactionId, 'recovery.blank', 'event', {
        position,
        refused: KioskError.from(e).code,
      });
    }
  }
  const order = [...steps].reverse().find((s) => s.step === 'issuance.order');
  if (!issuance || !order || has(steps, 'host.issued', 'done')) return;
  const applicationNo = (JSON.parse(order.detail ?? '{}') as { applicationNo?: string }).applicationNo;
  const cardNumber = (await journal.personalDataOf(transactionId)).cardNumber;
  if (!applicationNo || !cardNumber) return;
  const taken =
    position === 'none' &&
    has(steps, 'card.present', 'done') &&
    !has(steps, 'card.retract', 'done') &&
    !has(steps, 'card.reject', 'done');
  const outcome = taken ? 'issued' : 'abandoned';
  try {
    await journaledAct(
      journal,
      transactionId,
      'recovery.host.issued',
      () =>
        issuance.reportIssuance(
          applicationNo,
          { cardNumber, outcome, ...(taken ? {} : { reason: 'interrupted' }) },
          transactionId,
        ),
      { outcome, card: maskCardNumber(cardNumber) },
    );
  } catch {
    // journaled as failed: staff settle it with the host
  }
}
