import { Inject, Injectable } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import { assertCardUsable, issuingRegionOf, type SocialSecurityCardData } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, maskCardNumber, type Locale } from '@kiosk/domain';
import type {
  IdentifyMachine,
  IssueCardMachine,
  NewPinMachine,
  RecordsMachine,
  ReportLossMachine,
  SessionEvent,
  SessionActorContracts,
  WithdrawalMachine,
} from '@kiosk/state-machines';
import { fromPromise, type PromiseActorLogic } from 'xstate';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { DevicesService } from '../devices/devices.service.js';
import { HostService } from '../host/host.service.js';
import { IssuanceHostService } from '../host/issuance-host.service.js';
import { JournalService } from '../journal/journal.service.js';
import { journeyTools, type JourneyTools } from '../journeys/journey-tools.js';
import { provideIdentifyJourney } from '../journeys/identify-journey.js';
import { provideIssueCardJourney } from '../journeys/issue-card-journey.js';
import { provideNewPinJourney } from '../journeys/new-pin-journey.js';
import { requireActiveCard } from '../journeys/new-pin-writes.js';
import { provideRecordsJourney } from '../journeys/records-journey.js';
import { provideReportLossJourney } from '../journeys/report-loss-journey.js';
import { provideWithdrawalJourney } from '../journeys/withdrawal-journey.js';
import { VerifiedPinHold } from '../journeys/verified-pin-hold.js';

/** The implementations `sessionMachine.provide({ actors })` takes, one promise actor per contract. */
export type SessionActors = {
  [K in keyof SessionActorContracts]: PromiseActorLogic<
    SessionActorContracts[K]['output'],
    SessionActorContracts[K]['input']
  >;
};

/** What the session actors need to know about the session they serve. */
export interface SessionTransaction {
  /** the journal transaction of the journey in progress (a further journey gets a new one) */
  readonly transactionId: string;
  readonly locale: () => Locale;
  /** an event for the session the actors serve (the PIN pad's entry stage) */
  readonly send: (event: SessionEvent) => void;
}

/**
 * The session machine's side effects, provided to it by name: the card reader, the PIN pad, the
 * host, the printer and the journal. Irreversible acts (eject, retract, print) are journaled
 * before they act and after their outcome. The PIN goes from the PIN pad to the card's VERIFY
 * inside `verifyPin` and is wiped there; the machine sees only the verdict.
 */
@Injectable()
export class SessionActorsFactory {
  constructor(
    private readonly devices: DevicesService,
    private readonly host: HostService,
    private readonly journal: JournalService,
    @Inject(KIOSK_CONFIG) private readonly config: KioskConfig,
    private readonly issuance: IssuanceHostService,
  ) {}

  /**
   * Tells the host what the card answered (never the PIN), for its PIN-failure anomaly rules. The
   * card has decided already, so the resident never waits for this: a host that does not answer
   * is journaled and the journey goes on.
   */
  private reportPinOutcome(
    tools: JourneyTools,
    cardNumber: string | undefined,
    result: 'ok' | 'wrong' | 'blocked',
    attempt: number,
  ): void {
    if (!cardNumber) return;
    const outcome = result === 'ok' ? 'verified' : result;
    this.host
      .reportPinEvent(cardNumber, outcome, `${tools.transactionId}:${attempt}`)
      .catch((e: unknown) =>
        tools.step('pin.report', { outcome, failed: KioskError.from(e).code }).catch(() => undefined),
      );
  }

  create(tx: SessionTransaction): SessionActors & {
    readonly identifyJourney: IdentifyMachine;
    readonly recordsJourney: RecordsMachine;
    readonly withdrawalJourney: WithdrawalMachine;
    readonly newPinJourney: NewPinMachine;
    readonly reportLossJourney: ReportLossMachine;
    readonly issueCardJourney: IssueCardMachine;
  } {
    const { cardReader, pinPad } = this.devices;
    let card: SocialSecurityCardData | undefined;
    const tools = journeyTools(
      this.journal,
      () => tx.transactionId,
      tx.locale,
      () => card,
    );
    // the current PIN of a PIN change, from its verification to CHANGE REFERENCE DATA
    const heldPin = new VerifiedPinHold();
    /** PIN entries of this session, each told to the host under its own idempotency key */
    let pinTries = 0;

    const session: SessionActors = {
      readCard: fromPromise(async ({ input, signal }) => {
        heldPin.drop();
        const read = await cardReader.readCard(signal);
        const masked = maskCardNumber(read.cardNumber);
        await this.journal.setMaskedCardNumber(tx.transactionId, masked);
        try {
          assertCardUsable(read, { regionPrefixes: this.config.kiosk.region.idRegionPrefixes });
          if (input.journey === 'changePin' || input.journey === 'resetPin') {
            await requireActiveCard({ host: this.host }, read.cardNumber, signal);
          }
        } catch (e) {
          await tools.step('card.read', { card: masked, refused: KioskError.from(e).code });
          throw e;
        }
        await tools.step('card.read', { card: masked });
        // in full only sealed (reconciliation needs the card and its holder); the step has it masked
        await tools.seal?.('cardNumber', read.cardNumber);
        await tools.seal?.('residentName', read.name);
        card = read;
        return {
          cardNumber: read.cardNumber,
          name: read.name,
          idNumber: read.idNumber,
          expiryDate: read.expiryDate,
          regionCode: issuingRegionOf(read),
        };
      }),

      verifyPin: fromPromise(async ({ input, signal }) => {
        const entry = await pinPad.collectPin({
          length: input.length,
          signal,
          timeoutMs: this.config.timeouts.stepMs,
        });
        if (entry.result === 'cancelled') return { result: 'cancelled' } as const;
        if (entry.result === 'timeout') {
          throw new KioskError(ErrorCode.SESSION_TIMED_OUT, 'No PIN was entered in time.');
        }
        let kept = false;
        try {
          const verdict = await cardReader.verifyPin(entry.pin, signal);
          await tools.step('pin.verify', {
            result: verdict.result,
            ...(verdict.result === 'wrong' ? { attemptsLeft: verdict.attemptsLeft } : {}),
          });
          this.reportPinOutcome(tools, card?.cardNumber, verdict.result, (pinTries += 1));
          if (verdict.result === 'ok' && input.journey === 'changePin') {
            heldPin.keep(entry.pin);
            kept = true;
          }
          return verdict;
        } finally {
          if (!kept) entry.pin.wipe();
        }
      }),

      queryBalance: fromPromise(async ({ input, signal }) => {
        const answer = await this.host.balance(input.cardNumber, input.idNumber, signal);
        await tools.step('balance.query', { ok: true });
        return { amountFen: answer.balanceFen, asOf: answer.asOf };
      }),

      ejectCard: fromPromise(({ signal }) => {
        heldPin.drop();
        return tools.irreversible('card.eject', () => cardReader.eject(signal));
      }),

      retractCard: fromPromise(({ signal }) => {
        heldPin.drop();
        return tools.irreversible('card.retract', () => cardReader.retract(signal));
      }),
    };

    const journeys = {
      identifyJourney: provideIdentifyJourney(
        { idReader: this.devices.idReader, camera: this.devices.camera, config: this.config },
        tools,
      ),
      withdrawalJourney: provideWithdrawalJourney(
        {
          host: this.host,
          dispenser: this.devices.cashDispenser,
          printer: this.devices.receiptPrinter,
          config: this.config,
        },
        tools,
      ),
      newPinJourney: provideNewPinJourney(
        {
          host: this.host,
          pinPad,
          cardReader,
          config: this.config,
          stage: (stage) => tx.send({ type: 'PIN_STAGE', stage }),
          heldPin,
        },
        tools,
      ),
      reportLossJourney: provideReportLossJourney(this.host, tools),
      issueCardJourney: provideIssueCardJourney(
        {
          host: this.host,
          issuance: this.issuance,
          printer: this.devices.cardPrinter,
          cardMaking: this.devices.cardMaking,
          config: this.config,
          journal: this.journal,
        },
        tools,
      ),
      recordsJourney: provideRecordsJourney(
        { host: this.host, printer: this.devices.receiptPrinter, cardReader, config: this.config },
        tools,
      ),
    };
    return { ...session, ...journeys };
  }
}
