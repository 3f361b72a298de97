import type { KioskConfig } from '@kiosk/config';
import {
  type CardPrinterPort,
  type CardReaderPort,
  type IdReaderPort,
  renderCardFace,
} from '@kiosk/device-drivers';
import { ErrorCode, KioskError, maskCardNumber } from '@kiosk/domain';
import { issueCardMachine, type IssueCardMachine } from '@kiosk/state-machines';
import { fromPromise } from 'xstate';
import type { CardPrinterDevices } from '../devices/card-printer-devices.js';
import type { HostService } from '../host/host.service.js';
import type { JournaledHostRetries } from '../host/journaled-host-retries.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { assertIdCardAtAct } from './id-card-at-act.js';
import {
  type BlankStep,
  feedBlankUnlessStationDown,
  makingStoppedBy,
  rejectReasonOf,
  stopIfStationDown,
} from './blank-feed.js';
import { chipHolderSex } from './card-holder-sex.js';
import { personaliseChip, refuseDataChipCannotHold } from './chip-personalisation.js';
import { reportCardOfJourney } from './card-making-reports.js';
import { countCardIssued } from './cards-issued.js';
import { RESIDENT_PHOTO } from './identify-journey.js';
import type { FeeCloseRetry } from './fee-close-background.js';
import { byKey, withinStep } from './asked-again-by-key.js';
import type { FeeSettlementOptions } from './fee-settlement.js';
import { rejectCounted } from './kiosk-rejected-blank.js';
import { awaitCardInReader, handInOldCard } from './old-card-hand-in.js';
import {
  leaveNewCardAtSlot,
  refuseWhileNewCardLeftAtSlot,
  retractUnanswered,
} from './new-card-left-at-slot.js';
import { retractNewCard } from './new-card-retract.js';
import { openReplacement } from './replacement-application.js';
import { earlierOrderClosed, QR_FEE, waitForQrFee } from './qr-fee.js';
import { ScopeKey, type AnyActorSystem, type ScopeOf } from './session-scope.js';

export interface IssueCardJourneyDeps {
  readonly host: HostService;
  readonly issuance: IssuanceHostService;
  readonly printer: CardPrinterPort;
  readonly cardMaking: CardPrinterDevices;
  readonly config: KioskConfig;
  /** keeps the reserved card number sealed, so recovery can report the card to the host */
  readonly journal: JournalService;
  /** how often a QR payment's status is asked (default 1 s) */
  readonly paymentPollMs?: number;
  /** tries and back-off of closing (and refunding) an order the kiosk stopped waiting for */
  readonly feeSettlement?: FeeSettlementOptions;
  /** an order could not be closed after its tries: settled by `feeRetry` (else at the next boot) */
  readonly onFeeUnsettled?: (transactionId: string, code: string) => void;
  /** the background tries a close the host did not answer is handed to (ADR 0008) */
  readonly feeRetry?: FeeCloseRetry;
  /**
   * the ID card reader: the fee is taken only while the resident's ID card lies on it, the card
   * read (asked at once: one swapped for another person's is refused, `assertIdCardAtAct`)
   */
  readonly idReader?: Pick<IdReaderPort, 'sameCardAsRead' | 'isCardPresent' | 'readIdCard' | 'onCardEvent'>;
  /** the card reader a damaged card is handed in to (captured into its capture bin) */
  readonly cardReader?: CardReaderPort;
  /** the background tries: the report of the card the office did not answer (absent in unit specs) */
  readonly retries?: Pick<JournaledHostRetries, 'retryLater'>;
}

/** What an issuance knows between its actors: whose it is, and the card number reserved for it. */
const ISSUANCE = new ScopeKey('issuance', () => ({
  idNumber: '',
  /** the number the host reserved for this application (reported abandoned if never issued) */
  reserved: undefined as string | undefined,
  /** the step the blank being made is at: a fault there names the reject bin's reason */
  at: undefined as BlankStep | undefined,
  /** the card number the chip of the damaged card handed in named, when it could be read */
  handedIn: undefined as string | undefined,
}));

/**
 * Card making on the spot, in the order of the domain rules: the application (a replacement
 * confirms the loss) → the fee (QR or personal account) → per blank: reserve the card number →
 * feed (none while the chip station is known down) → the chip's key from the host → personalise
 * and read back → print the face → present; a failed blank goes to the reject bin and the next
 * one is tried; the host hears of the card only once the resident took it (or that it was
 * abandoned). Every act on a blank is journaled before it acts and after its outcome.
 */
export function provideIssueCardJourney(deps: IssueCardJourneyDeps, scopeOf: ScopeOf): IssueCardMachine {
  const { printer, issuance } = deps;
  /** the session an actor serves: its journal tools, its serial, what the issuance knows so far */
  const sessionOf = (system: AnyActorSystem) => {
    const scope = scopeOf(system);
    const { tools } = scope;
    return { scope, tools, serial: tools.transactionId, known: scope.get(ISSUANCE) };
  };

  const opened = (a: { applicationNo: string; status: string; feeFen: number }) => ({
    applicationId: a.applicationNo,
    feeDueFen: a.status === 'awaitingFee' ? a.feeFen : 0,
  });

  return issueCardMachine.provide({
    actors: {
      checkApplication: fromPromise(async ({ input, signal, system }) => {
        const startedAt = Date.now();
        const { tools, known } = sessionOf(system);
        // another's new card at the slot: refused before the fee or any move (its reject would take it)
        await refuseWhileNewCardLeftAtSlot(deps.journal, tools);
        known.idNumber = input.idNumber;
        if (input.kind === 'new') {
          const { applications } = await issuance.applications(input.idNumber, signal);
          const application = applications.find((a) => a.kind === 'new');
          if (!application) {
            throw new KioskError(
              ErrorCode.APPLICATION_NOT_FOUND,
              'There is no card application for you yet; please apply at a service counter.',
            );
          }
          await tools.step('issuance.application', { kind: 'new', status: application.status });
          return opened(application);
        }
        return opened(await openReplacement(deps, tools, input, signal, startedAt, known.handedIn));
      }),

      // a damaged card handed in: into the card reader, read as far as it can be, captured
      awaitOldCard: fromPromise(async ({ signal, system }) => {
        await refuseWhileNewCardLeftAtSlot(deps.journal, sessionOf(system).tools);
        return awaitCardInReader(deps.cardReader, signal);
      }),
      handInOldCard: fromPromise(({ input, signal, system }) => {
        const { tools, known } = sessionOf(system);
        const chipRead = (cardNumber: string) => (known.handedIn = cardNumber);
        return handInOldCard(deps.cardReader, tools, input.idNumber, signal, { ...input, chipRead });
      }),

      payFee: fromPromise(async ({ input, signal, system }) => {
        // the ID card is the resident's proof while the fee is paid (taken away then, the journey
        // is abandoned): one lifted before the fee screen is asked back before any order is made,
        // and one swapped for another person's since the check, however quickly, is refused
        const { scope, tools, serial, known } = sessionOf(system);
        // the account's tries fit the fee's wait, which began with this actor (`paymentMs`)
        const { host, timeouts } = deps.config;
        const tries = withinStep(deps.feeSettlement ?? {}, host.timeoutMs, timeouts.feePaymentMs);
        if (deps.idReader) {
          const act = { sessionId: input.sessionId, idNumber: known.idNumber, mustLie: true };
          await assertIdCardAtAct(deps.idReader, act, signal);
        }
        if (input.method === 'account') {
          // a QR order this session gave up on is closed (or refunded) first: the fee is paid once;
          // waited for a host timeout at most, and stopped at once by Cancel (nothing sent yet)
          await earlierOrderClosed(scope.get(QR_FEE), deps.config.host.timeoutMs, signal);
          // past stopping from here: Cancel or the ID card lifted wait for the host's answer
          input.accountSent?.();
          if (signal.aborted) throw new KioskError(ErrorCode.SESSION_CANCELLED, 'The fee step ended.');
          // an answer lost (none in time, a 5xx) is asked again by its key: the host may have taken
          // the fee, and answers so (or takes it then), once; never charged with no card made for it
          const pay = () => issuance.payFeeFromAccount(input.applicationId, known.idNumber, serial, signal);
          await tools.irreversible('fee.account', () => byKey(pay, tries, signal), {
            amountFen: input.amountFen,
          });
          return { paymentId: 'account' };
        }
        return waitForQrFee(deps, tools, scope.get(QR_FEE), input, signal);
      }),

      makeCard: fromPromise(async ({ input, signal, system }) => {
        const { scope, tools, serial, known } = sessionOf(system);
        const fee = scope.get(QR_FEE);
        if (fee.paidOrder) {
          // the QR fee paid is taken by this card: its order is settled, nothing to close or refund
          await tools.step('fee.settled', { ...fee.paidOrder, outcome: 'accepted' });
          fee.paidOrder = undefined;
        }
        const stage = deps.cardMaking.setStage;
        stage('pickingBlank');
        known.at = undefined;
        const chip = deps.cardMaking.chipStation; // known down: no number ordered to be voided
        // the skipped order names the application too: recovery, staff and the report's retry read
        // it from the last order step, for a number an earlier attempt reserved
        await stopIfStationDown(tools, chip, 'issuance.order', {
          attempt: input.attempt,
          applicationNo: input.applicationId,
        });
        const order = await issuance.orderCard(
          input.applicationId,
          known.idNumber,
          serial,
          input.attempt,
          signal,
        );
        known.reserved = order.cardNumber;
        const detail = { attempt: input.attempt, card: maskCardNumber(order.cardNumber) };
        // what recovery needs to tell the host after a crash: the application and the card number
        await deps.journal.sealPersonalData(tools.transactionId, 'cardNumber', order.cardNumber);
        await tools.step('issuance.order', { ...detail, applicationNo: input.applicationId });
        // card data the chip cannot hold is refused before a blank is taken: it spoils no card
        refuseDataChipCannotHold(order);
        // the face is drawn before a blank is taken: a face that cannot be drawn spoils no card;
        // its photo is the one on the ID card the resident identified with (the face matched it)
        const photo = scope.get(RESIDENT_PHOTO).photoOf(order.holder.idNumber);
        const rendered = await renderCardFace(
          {
            name: order.holder.name,
            sex: chipHolderSex(order.holder),
            idNumber: order.holder.idNumber,
            cardNumber: order.cardNumber,
            issueDate: order.issueDate,
            expiryDate: order.expiryDate,
            ...(photo ? { photo } : {}),
          },
          deps.config.card.face,
        );
        deps.cardMaking.lastFacePng = rendered.png;
        await tools.step('card.face', { ...detail, photo: rendered.photo });
        known.at = 'feed';
        await feedBlankUnlessStationDown(deps.journal, tools, chip, printer, detail, signal);
        // the chip step: its serial, its key from the host, the writes and the read-back
        stage('encodingChip');
        known.at = 'chip';
        await personaliseChip(chip, issuance, tools, order, detail, signal);
        stage('printingFace');
        known.at = 'print';
        await tools.irreversible('card.print', () => printer.printFace(rendered.face, signal), detail);
        scope.get(RESIDENT_PHOTO).drop(); // printed: no further face is drawn in this issuance
        stage('checking');
        return { cardNumber: order.cardNumber };
      }),

      rejectBlank: fromPromise(async ({ input, signal, system }) => {
        const { tools, known } = sessionOf(system);
        const detail = { attempt: input.attempt, reason: input.reason };
        const position = printer.cardPosition();
        if (position === 'jammed') {
          await tools.step('card.reject', { ...detail, skipped: 'jammed' });
          throw new KioskError(
            ErrorCode.CARD_PRINTER_JAM,
            'A card is jammed in the card printer; staff are told.',
          );
        }
        if (position !== 'none') {
          const rejectReason = rejectReasonOf(input.reason, known.at);
          await rejectCounted(deps.journal, printer, (count) =>
            tools.irreversible('card.reject', () => printer.ejectToRejectBin(rejectReason, signal), {
              ...detail,
              rejectReason,
              ...count,
            }),
          );
        } else await tools.step('card.reject', { ...detail, skipped: 'no card inside' });
        const stopped = makingStoppedBy(input.reason, input.feePaid);
        if (stopped) throw stopped;
      }),

      presentNewCard: fromPromise(async ({ input, signal, system }) => {
        const { tools } = sessionOf(system);
        deps.cardMaking.setStage('presenting');
        await tools.irreversible('card.present', () => printer.ejectToOutput(signal), {
          card: maskCardNumber(input.cardNumber),
        });
      }),

      retractNewCard: fromPromise(async ({ input, signal, system }) => {
        const { tools } = sessionOf(system);
        return retractNewCard(deps.journal, printer, tools, input.cardNumber, signal);
      }),

      reportIssuance: fromPromise(async ({ input, signal, system }) => {
        const { scope, tools, known } = sessionOf(system);
        deps.cardMaking.setStage(null);
        scope.get(RESIDENT_PHOTO).drop();
        const cardNumber = input.cardNumber ?? known.reserved;
        if (!cardNumber) {
          await tools.step('host.issued', { skipped: 'no card number reserved', result: input.result });
          return;
        }
        // the retract unanswered past the step's time: the card may lie at the slot, never abandoned
        if (input.result === 'retracted' && (await retractUnanswered(deps.journal, tools.transactionId))) {
          const silent = new KioskError(
            ErrorCode.DEVICE_TIMEOUT,
            'The card printer did not answer the retract.',
          );
          throw await leaveNewCardAtSlot(tools, cardNumber, silent);
        }
        const outcome: 'issued' | 'abandoned' = input.result === 'issued' ? 'issued' : 'abandoned';
        // the hand-over journaled with the issued count it makes, then counted (once)
        if (outcome === 'issued')
          await countCardIssued(deps.journal, tools.transactionId, maskCardNumber(cardNumber));
        // not answered: tried again in the background, and at the next boot (owed as recovery's)
        const report = { cardNumber, outcome, ...(outcome === 'abandoned' ? { reason: input.result } : {}) };
        await reportCardOfJourney(deps, tools, input.applicationId, report, signal);
      }),
    },
  });
}
