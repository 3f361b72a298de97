import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { KioskConfig } from '@kiosk/config';
import { assertCardUsable, issuingRegionOf, type CardUsePolicy } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, maskCardNumber } from '@kiosk/domain';
import { sessionMachine, type SessionActorContracts } from '@kiosk/state-machines';
import { fromPromise, type PromiseActorLogic } from 'xstate';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { DevicesService } from '../devices/devices.service.js';
import { HostService } from '../host/host.service.js';
import { IssuanceHostService } from '../host/issuance-host.service.js';
import { JournaledHostRetries } from '../host/journaled-host-retries.js';
import { JournalService } from '../journal/journal.service.js';
import { checkCardAtNextJourney, checkCardAtRead } from '../journeys/card-state-at-read.js';
import { CARD_STATE_AT_READ, requireActiveCardForChange } from '../journeys/new-pin-writes.js';
import { pinPadTimeoutMs } from '../journeys/pin-pad-timeout.js';
import { NotesLeftOwedSteps } from '../journeys/notes-left-owed.js';
import { WithdrawalHoldRelease } from '../journeys/withdrawal-hold-release.js';
import { HELD_PIN } from '../journeys/verified-pin-hold.js';
import { PinOutcomeReports } from './pin-outcome-to-host.js';
import { CARD_LEFT_IN_SLOT } from './slot-card-journal.js';
import { provideSessionJourneys, type SessionJourneys } from './session-journeys.js';
import {
  ScopeKey,
  SessionScope,
  SessionScopes,
  type AnyActorSystem,
  type SessionTransaction,
} from '../journeys/session-scope.js';

/** journaled when the reader never answered a card move: the card is left for field staff */
export const CARD_UNACCOUNTED = 'card.unaccounted';

/** PIN entries of a session, each told to the host under its own idempotency key. */
const PIN_TRIES = new ScopeKey('pinTries', () => ({ count: 0 }));

export type { SessionTransaction } from '../journeys/session-scope.js';

/** The implementations `sessionMachine.provide({ actors })` takes, one promise actor per contract. */
export type SessionActors = {
  [K in keyof SessionActorContracts]: PromiseActorLogic<
    SessionActorContracts[K]['output'],
    SessionActorContracts[K]['input']
  >;
};

/**
 * The session machine's side effects, provided to it by name: the card reader, the PIN pad, the
 * host, the printer and the journal. Irreversible acts (eject, retract, print) are journaled
 * before they act and after their outcome. The PIN goes from the PIN pad to the card's VERIFY
 * inside `verifyPin` and is wiped there; the machine sees only the verdict.
 */
@Injectable()
export class SessionActorsFactory {
  private readonly log = new Logger('Sessions');

  constructor(
    private readonly devices: DevicesService,
    private readonly host: HostService,
    private readonly journal: JournalService,
    @Inject(KIOSK_CONFIG) private readonly config: KioskConfig,
    private readonly issuance: IssuanceHostService,
    private readonly holdRelease: WithdrawalHoldRelease,
    /** the background tries of host acts (the daemon's one provider): reversals, confirms, fee closes */
    private readonly retries: JournaledHostRetries,
    /** reaches recovery, where notes a withdrawal left in the presenter wait (absent in unit specs) */
    @Optional() private readonly moduleRef?: ModuleRef,
    /** PIN outcomes owed to the host, journaled and sent in each card's order (unit specs: one of their own) */
    @Optional() pinOutcomes?: PinOutcomeReports,
    /** the daemon's owed notes-left steps (unit specs: ones of their own) */
    @Optional() notesLeftOwed?: NotesLeftOwedSteps,
  ) {
    this.pinOutcomes = pinOutcomes ?? new PinOutcomeReports(journal, host, retries);
    this.notesLeftOwed = notesLeftOwed ?? new NotesLeftOwedSteps(journal);
  }

  /** what the withdrawals' retracts owe the journal, read by the watch of notes left in the presenter */
  readonly notesLeftOwed: NotesLeftOwedSteps;

  private readonly pinOutcomes: PinOutcomeReports;

  /** finds the scope of the session an actor serves */
  private readonly scopes = new SessionScopes();
  private provided: typeof sessionMachine | undefined;

  /**
   * The session machine with every actor provided, its journey machines too: built on the first
   * session, then one actor of it per session (a machine built anew per session was about half of
   * a journey's garbage).
   */
  get sessionMachine(): typeof sessionMachine {
    this.provided ??= sessionMachine.provide({ actors: this.provideActors() });
    return this.provided;
  }

  /**
   * A new session's scope, bound to the actor system of its session actor (bind it before the
   * actor starts: its first actors run on start).
   */
  scope(system: AnyActorSystem, tx: SessionTransaction): SessionScope {
    const scope = new SessionScope(this.journal, tx);
    this.scopes.bind(system, scope);
    return scope;
  }

  /** what makes a card read usable here for `journey` (`assertCardUsable`) */
  private cardUsePolicy(journey: string | undefined): CardUsePolicy {
    return {
      regionPrefixes: this.config.kiosk.region.idRegionPrefixes,
      timeZone: this.config.kiosk.timeZone,
      unprintedLimit: this.config.card.recordsUntilPrintRequired,
      // a card at its unprinted limit comes here to be printed: only that journey may go on
      printingRecords: journey === 'records',
    };
  }

  private provideActors(): SessionActors & SessionJourneys {
    const { cardReader, pinPad } = this.devices;
    const scopeOf = this.scopes.of;

    const session: SessionActors = {
      readCard: fromPromise(async ({ input, signal, system }) => {
        const scope = scopeOf(system);
        const { tools } = scope;
        // another card is read: a PIN held for the card before is wiped
        scope.get(HELD_PIN).drop();
        const read = await cardReader.readCard(signal);
        const masked = maskCardNumber(read.cardNumber);
        // with the card.read step, in one commit
        await this.journal.setMaskedCardNumber(tools.transactionId, masked, { withNextWrite: true });
        try {
          assertCardUsable(read, this.cardUsePolicy(input.journey));
          // the host's word on the card's state, before any PIN is typed
          const state = await checkCardAtRead({ host: this.host }, read.cardNumber, input.journey, signal);
          if (state && (input.journey === 'changePin' || input.journey === 'resetPin')) {
            // the journey takes this answer (a reset activates a new card after writing its PIN)
            scope.get(CARD_STATE_AT_READ).keep(state, tools.transactionId);
          }
        } catch (e) {
          await tools.step('card.read', { card: masked, refused: KioskError.from(e).code });
          throw e;
        }
        // in full only sealed (reconciliation needs the card and its holder); the step has it masked.
        // The sealed values, the masked number and the step are one commit (one WAL sync).
        const withStep = { withNextWrite: true };
        await this.journal.sealPersonalData(tools.transactionId, 'cardNumber', read.cardNumber, withStep);
        await this.journal.sealPersonalData(tools.transactionId, 'residentName', read.name, withStep);
        await tools.step('card.read', { card: masked });
        scope.card = read;
        // tries left said only when an earlier session left the card short of a fresh card's
        // (`pin.maxAttempts`); a locked card (0) goes back before any PIN is asked for a journey
        // that needs one (PIN_ALREADY_BLOCKED), with no PIN outcome owed to the host: none was tried
        const left = read.pinTriesLeft;
        const short = left !== undefined && left >= 0 && left < this.config.pin.maxAttempts;
        return {
          cardNumber: read.cardNumber,
          name: read.name,
          idNumber: read.idNumber,
          expiryDate: read.expiryDate,
          regionCode: issuingRegionOf(read),
          ...(short ? { pinTriesLeft: left } : {}),
        };
      }),

      verifyPin: fromPromise(async ({ input, signal, system }) => {
        const scope = scopeOf(system);
        const { tools } = scope;
        // a change chosen after another journey: the host's word on the card, before the PIN
        if (input.journey === 'changePin' && scope.card) {
          const held = scope.get(CARD_STATE_AT_READ);
          await requireActiveCardForChange({ host: this.host }, tools, held, scope.card.cardNumber, signal);
        }
        const entry = await pinPad.collectPin({
          length: input.length,
          signal,
          timeoutMs: pinPadTimeoutMs(this.config),
        });
        if (entry.result === 'cancelled') return { result: 'cancelled' } as const;
        if (entry.result === 'timeout') {
          throw new KioskError(ErrorCode.SESSION_TIMED_OUT, 'No PIN was entered in time.');
        }
        let kept = false;
        try {
          const verdict = await cardReader.verifyPin(entry.pin, signal);
          // journaled with the outcome owed to the host's anomaly rules, which is then told (tried
          // again in the background while the host is away, and at the next boot after a restart)
          await this.pinOutcomes.tell(tools, scope.card?.cardNumber, verdict, ++scope.get(PIN_TRIES).count);
          if (verdict.result === 'ok' && input.journey === 'changePin') {
            // the current PIN of a PIN change, from its verification to CHANGE REFERENCE DATA
            scope.get(HELD_PIN).keep(entry.pin);
            kept = true;
          }
          return verdict;
        } finally {
          if (!kept) entry.pin.wipe();
        }
      }),

      checkCard: fromPromise(async ({ input, signal, system }) => {
        // a journey after another of the session: the host's word on the card again, first
        const scope = scopeOf(system);
        // the card's log may have reached its limit in this session (a withdrawal's record): from
        // then on only the records journey may use it (RULES.md), as at its read
        if (scope.card) assertCardUsable(scope.card, this.cardUsePolicy(input.journey));
        const held = scope.get(CARD_STATE_AT_READ);
        const deps = { host: this.host };
        await checkCardAtNextJourney(deps, scope.tools, held, input.cardNumber, input.journey, signal);
      }),

      queryBalance: fromPromise(async ({ input, signal, system }) => {
        // the journey's transaction, taken before the host answers
        const { tools } = scopeOf(system);
        const answer = await this.host.balance(input.cardNumber, input.idNumber, signal);
        await tools.step('balance.query', { ok: true });
        return { amountFen: answer.balanceFen, asOf: answer.asOf };
      }),

      ejectCard: fromPromise(({ signal, system }) => {
        const scope = scopeOf(system);
        scope.get(HELD_PIN).drop();
        // the card at the slot: its `done` is written with the next step or the close (one commit
        // less per journey); after a crash recovery asks the reader where the card is anyway
        return scope.tools.irreversible('card.eject', () => cardReader.eject(signal), undefined, {
          doneWithNextWrite: true,
        });
      }),

      retractCard: fromPromise(({ signal, system }) => {
        const scope = scopeOf(system);
        scope.get(HELD_PIN).drop();
        return scope.tools.irreversible('card.retract', () => cardReader.retract(signal));
      }),

      // not taken, and the reader cannot capture it: nothing is asked of the reader, the card is
      // journaled where it is (in the slot), for staff and for the wait that journals its removal
      leaveCardInSlot: fromPromise(async ({ system }) => {
        const { tools } = scopeOf(system);
        const position = cardReader.cardPosition();
        await tools.step(CARD_LEFT_IN_SLOT, { readerSays: position, captureBin: false, forStaff: true });
        this.log.warn(
          `card not taken, the card reader cannot capture it: left in the slot (reader says ${position})`,
        );
      }),

      // the reader did not answer a card move past its own bound: the move may still run, so the
      // reader is asked nothing; where it says the card is goes to the journal, for field staff
      accountForCard: fromPromise(async ({ input, system }) => {
        const { tools } = scopeOf(system);
        const position = cardReader.cardPosition();
        await tools.step(CARD_UNACCOUNTED, { after: input.act, readerSays: position, forStaff: true });
        this.log.error(
          `card ${input.act} not answered by the card reader: the card (reader says ${position}) is left for field staff`,
        );
      }),
    };

    const journeys = provideSessionJourneys(
      {
        devices: this.devices,
        host: this.host,
        journal: this.journal,
        config: this.config,
        issuance: this.issuance,
        holdRelease: this.holdRelease,
        retries: this.retries,
        notesLeftOwed: this.notesLeftOwed,
        moduleRef: this.moduleRef,
      },
      scopeOf,
    );
    return { ...session, ...journeys };
  }
}
