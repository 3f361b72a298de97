import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import {
  ErrorCode,
  KioskError,
  type Journey,
  type InboundPayload,
  type KioskView,
  type Locale,
  type SessionViewWithDetails,
  type SpecialWithdrawalKind,
  isUsable,
} from '@kiosk/domain';
import {
  journeyDetailsOf,
  kioskMachine,
  kioskModeOf,
  sessionMachine,
  toSessionView,
  type SessionEvent,
  type SessionOutput,
} from '@kiosk/state-machines';
import { type Actor, createActor, fromPromise, waitFor } from 'xstate';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { DevicesService } from '../devices/devices.service.js';
import { IssuanceHostService } from '../host/issuance-host.service.js';
import { JournalService } from '../journal/journal.service.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { SessionActorsFactory } from './session-actors.js';
import { SessionRecoveryService } from './session-recovery.service.js';

export type ViewKind = 'kiosk' | 'session' | 'demo';

export type SessionCommand = InboundPayload<'session.command'>['command'];

/** What each button of the touch screen means to the session machine. */
const COMMAND_EVENTS = {
  cancel: 'CANCEL',
  continue: 'MORE_TIME',
  moreTime: 'MORE_TIME',
  finish: 'FINISH',
  print: 'PRINT',
  retry: 'RETRY',
  confirm: 'CONFIRM',
} as const satisfies Record<SessionCommand, string>;

interface RunningSession {
  readonly actor: Actor<typeof sessionMachine>;
  /** the journey in progress and its journal transaction; a further journey replaces both */
  transactionId: string;
  journey: Journey;
  readonly startedAt: number;
  ended: boolean;
  /** drops what the session's actors hold of the resident (the ID-card photo, a held PIN) */
  readonly release?: () => void;
}

/** How a session ended, for metrics and the fleet: codes and a duration, no personal data. */
export interface SessionEnded {
  readonly journey: Journey;
  readonly outcome: SessionOutput['outcome'];
  readonly code: string | null;
  readonly durationMs: number;
}

/** The journeys whose side effects this daemon provides today; the kiosk offers no others. */
export const WIRED_JOURNEYS: readonly Journey[] = [
  'balance',
  'records',
  'withdraw',
  'activatePin',
  'changePin',
  'resetPin',
  'reportLoss',
  'issueCard',
  'replaceCard',
];

/**
 * Runs the kiosk's root actor and one session actor per resident. Forwards device events to the
 * session, journals each session as one transaction, and publishes the safe views.
 */
@Injectable()
export class SessionsService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('Sessions');
  private readonly kiosk = createActor(
    kioskMachine.provide({
      actors: {
        // open every device, settle what a crash left unfinished, then report what is usable
        selfTest: fromPromise(async () => {
          await this.devices.openAll();
          await this.recovery.recoverUnfinished();
          return this.devices.statuses();
        }),
      },
    }),
    { input: {} },
  );
  private session: RunningSession | null = null;
  private locale: Locale = 'zh-CN';
  private readonly listeners = new Set<(kind: ViewKind) => void>();
  private readonly endedListeners = new Set<(ended: SessionEnded) => void>();
  private readonly cleanups: (() => void)[] = [];
  private clearTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly devices: DevicesService,
    private readonly journal: JournalService,
    private readonly actors: SessionActorsFactory,
    private readonly recovery: SessionRecoveryService,
    private readonly metrics: MetricsService,
    @Inject(KIOSK_CONFIG) private readonly config: KioskConfig,
    private readonly issuance: IssuanceHostService,
  ) {}

  async onModuleInit(): Promise<void> {
    const sub = this.kiosk.subscribe(() => this.notify('kiosk'));
    this.cleanups.push(() => sub.unsubscribe());
    this.kiosk.start();
    this.kiosk.send({ type: 'BOOTED' });
    await waitFor(
      this.kiosk,
      (s) => !s.matches('booting') && !s.matches('selfTest') && !s.matches('placing'),
    );
    this.metrics.observeDevices(this.devices.statuses());
    this.cleanups.push(
      this.devices.onAnyStatus((statuses) => {
        this.metrics.observeDevices(statuses);
        this.kiosk.send({ type: 'DEVICES_CHANGED', statuses });
        this.notify('demo');
      }),
      this.devices.cardReader.onCardEvent((e) => {
        this.notify('demo');
        const actor = this.activeActor();
        if (!actor) {
          if (e.type === 'inserted') void this.returnStrayCard();
          return;
        }
        if (e.type === 'inserted') actor.send({ type: 'CARD_INSERTED' });
        else if (e.type === 'removed') actor.send({ type: 'CARD_REMOVED' });
        else if (e.type === 'taken') actor.send({ type: 'CARD_TAKEN' });
      }),
      this.devices.pinPad.onKey((e) =>
        this.activeActor()?.send({ type: 'PIN_KEY', entered: e.entered, submitted: e.kind === 'enter' }),
      ),
      this.devices.cashDispenser.onCashTaken(() => {
        this.notify('demo');
        this.activeActor()?.send({ type: 'CASH_TAKEN' });
      }),
      this.devices.idReader.onCardEvent((e) => {
        this.notify('demo');
        // the resident's proof left the reader: a journey still needing it (the fee) is abandoned
        if (e.type === 'removed') this.activeActor()?.send({ type: 'ID_CARD_REMOVED' });
      }),
      this.devices.cardMaking.onStage(() => this.notify('session')),
      // a QR payment order opened or closed: the fee screen draws (or drops) its QR code
      this.issuance.onPendingQr(() => this.notify('session')),
      this.devices.cardPrinter.onCardTaken(() => {
        this.notify('demo');
        this.activeActor()?.send({ type: 'NEW_CARD_TAKEN' });
      }),
    );
    const mode = kioskModeOf(this.kiosk.getSnapshot());
    this.log.log(`self-test done: ${mode}`);
  }

  kioskView(): KioskView {
    const snap = this.kiosk.getSnapshot();
    const offered = snap.context.journeysOffered.filter((j) => WIRED_JOURNEYS.includes(j));
    return {
      kioskId: this.config.kiosk.id,
      mode: kioskModeOf(snap),
      ...(snap.context.reason ? { reason: snap.context.reason } : {}),
      journeysOffered: offered,
      devices: this.devices.statuses().map((s) => ({
        kind: s.kind,
        device: s.device,
        supplies: s.supplies.map((x) => ({ name: x.name, level: x.level })),
      })),
      demo: this.config.demo.panel,
    };
  }

  sessionView(): SessionViewWithDetails | null {
    if (!this.session) return null;
    const snapshot = this.session.actor.getSnapshot();
    const details = journeyDetailsOf(snapshot);
    const view = toSessionView(snapshot, this.locale);
    // card making: the printer's stage for the progress screen
    const stage = view.step === 'makingCard' ? this.devices.cardMaking.stage() : null;
    // the fee by QR: the host's payment order, its content drawn as a QR code on the fee screen
    const order = view.step === 'payFee' ? this.issuance.pendingQrOrder : null;
    const payment = order
      ? { qrContent: order.qrContent, amountFen: order.amountFen, expiresAt: order.expiresAt }
      : null;
    return {
      ...view,
      ...(details ? { details } : {}),
      ...(stage ? { progress: { stage } } : {}),
      ...(payment ? { payment } : {}),
    };
  }

  onViewChange(listener: (kind: ViewKind) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async startSession(journey: Journey): Promise<void> {
    if (this.session && !this.session.ended) {
      const running = this.session;
      const now = this.sessionView();
      // "anything else?" with the card still in: a further journey, same identification
      if ((now?.step === 'chooseJourney' || now?.step === 'showBalance') && now.journey !== null) {
        return this.nextJourney(running, journey);
      }
      throw new KioskError(ErrorCode.SESSION_BUSY, 'A session is already in progress on this kiosk.');
    }
    const view = this.kioskView();
    if (!view.journeysOffered.includes(journey)) {
      throw new KioskError(
        ErrorCode.JOURNEY_NOT_OFFERED,
        'This service is not available at this kiosk right now.',
        {
          journey,
        },
      );
    }
    this.clearEnded();
    const sessionId = randomUUID();
    const transactionId = await this.journal.openTransaction(sessionId, journey);
    const { stepMs, warnMs, cardTakeMs } = this.config.timeouts;
    const printer = this.devices.receiptPrinter.status();
    const printAvailable =
      isUsable(printer) && !printer.supplies.some((x) => x.name === 'paper' && x.level === 'empty');
    // the actors read the transaction of the journey in progress (see `nextJourney`)
    const current: { running?: RunningSession } = {};
    const actor = createActor(this.actors.sessionMachine, {
      // a journey machine is a child actor: its steps do not change the session's own snapshot,
      // so every snapshot in the actor system schedules one view update
      inspect: (event) => {
        if (event.type === '@xstate.snapshot') this.scheduleSessionView();
      },
      input: {
        sessionId,
        timeouts: { stepMs, warnMs, cardTakeMs },
        pinLength: this.config.pin.length,
        journeysOffered: view.journeysOffered,
        now: Date.now,
        journeyOptions: {
          identify: {
            faceThreshold: this.config.faceMatch.acceptScore,
            maxFaceTries: this.config.faceMatch.maxTries,
          },
          records: { printAvailable, printLimit: this.config.card.recordsUntilPrintRequired },
          // a card reported lost already is offered to be unfrozen (the resident found it again)
          reportLoss: { allowUnfreeze: true },
          // the QR wait is the payment order's validity: one value (ADR 0008, "The fee")
          issue: {
            makeCardMs: this.config.timeouts.cardMakingMs,
            paymentMs: this.config.timeouts.feePaymentMs,
          },
          withdrawal: {
            rules: {
              singleMaxFen: this.config.caps.singleWithdrawalFen,
              dailyMaxFen: this.config.caps.dailyWithdrawalFen,
              dailyCountMax: this.config.caps.withdrawalsPerDay,
              noteFen: this.smallestNoteLoaded(),
            },
            receiptAvailable: printAvailable,
            cashTakeMs: this.config.timeouts.cashTakeMs,
          },
        },
      },
    });
    // what the actors keep of this session, found through its actor system; bound before it starts
    const scope = this.actors.scope(actor.system, {
      get transactionId() {
        return current.running?.transactionId ?? transactionId;
      },
      locale: () => this.locale,
      send: (event: SessionEvent) => actor.send(event),
    });
    const session: RunningSession = {
      actor,
      transactionId,
      journey,
      startedAt: Date.now(),
      ended: false,
      release: () => scope.release(),
    };
    current.running = session;
    this.session = session;
    actor.subscribe({
      next: (snapshot) => {
        if (snapshot.status === 'done' && !session.ended) {
          session.ended = true;
          void this.finish(session, snapshot.output);
        }
      },
      error: (err) => {
        this.log.error(`session actor failed: ${String(err)}`);
        session.ended = true;
        void this.finish(session, {
          sessionId,
          journey,
          outcome: 'failed',
          error: { code: ErrorCode.INTERNAL, message: 'internal' },
        });
      },
    });
    actor.start();
    actor.send({ type: 'SELECT_JOURNEY', journey });
  }

  /**
   * A further journey in the running session: the journey before is closed in the journal as it
   * ended, the new one gets a transaction (and idempotency serial) of its own, and the session
   * machine decides whether it can follow with the card and identification it has.
   */
  private async nextJourney(running: RunningSession, journey: Journey): Promise<void> {
    if (!this.kioskView().journeysOffered.includes(journey)) {
      throw new KioskError(
        ErrorCode.JOURNEY_NOT_OFFERED,
        'This service is not available at this kiosk right now.',
        {
          journey,
        },
      );
    }
    const before = this.sessionView();
    const sessionId = before?.sessionId ?? randomUUID();
    const code = before?.error?.code ?? null;
    await this.journal.closeTransaction(running.transactionId, code ? 'failed' : 'completed', code);
    running.transactionId = await this.journal.openTransaction(sessionId, journey);
    running.journey = journey;
    running.actor.send({ type: 'SELECT_JOURNEY', journey });
  }

  command(command: SessionCommand): Promise<void> {
    this.requireActor().send({ type: COMMAND_EVENTS[command] });
    return Promise.resolve();
  }

  chooseAmount(amountFen: number): Promise<void> {
    this.requireActor().send({ type: 'AMOUNT_CHOSEN', amountFen });
    return Promise.resolve();
  }

  /** leaving a job, moving away, the whole balance: the withdrawal machine explains and refuses */
  specialWithdrawal(kind: SpecialWithdrawalKind): Promise<void> {
    this.requireActor().send({ type: 'SPECIAL_WITHDRAWAL', kind });
    return Promise.resolve();
  }

  payFee(method: 'qr' | 'account'): Promise<void> {
    this.requireActor().send({ type: 'PAY_WITH', method });
    return Promise.resolve();
  }

  private requireActor(): Actor<typeof sessionMachine> {
    const actor = this.activeActor();
    if (!actor) throw new KioskError(ErrorCode.SESSION_NOT_FOUND, 'There is no session in progress.');
    return actor;
  }

  setLocale(locale: Locale): Promise<void> {
    this.locale = locale;
    this.notify('session');
    return Promise.resolve();
  }

  private viewScheduled = false;

  /** Coalesces the snapshots of one turn of the event loop into one session view. */
  private scheduleSessionView(): void {
    if (this.viewScheduled) return;
    this.viewScheduled = true;
    queueMicrotask(() => {
      this.viewScheduled = false;
      this.notify('session');
    });
  }

  /** Tells `listener` how each session ended (fleet telemetry); returns the unsubscribe. */
  onSessionEnded(listener: (ended: SessionEnded) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  /** True while a resident's session runs (it must not be cut by a restart). */
  get sessionInProgress(): boolean {
    return this.activeActor() !== null;
  }

  /** An operator's out-of-service hold from the fleet: nothing is offered until it is released. */
  holdOutOfService(reason: string): void {
    this.kiosk.send({ type: 'OPERATOR_STOP', reason });
  }

  releaseOutOfServiceHold(): void {
    this.kiosk.send({ type: 'OPERATOR_RESUME' });
  }

  /** Field staff logged in: nothing is offered to residents until they log out. */
  enterMaintenance(): void {
    this.kiosk.send({ type: 'MAINTENANCE_ENTER' });
  }

  /**
   * Staff logged out: the kiosk runs its self test again and is placed by what the devices allow;
   * an operator's hold stays (ADR 0010).
   */
  exitMaintenance(): void {
    this.kiosk.send({ type: 'MAINTENANCE_EXIT' });
  }

  /** Staff end the visit returning the kiosk to service: an operator's hold is released, then as on log-out. */
  exitMaintenanceToService(): void {
    this.kiosk.send({ type: 'MAINTENANCE_RETURN_TO_SERVICE' });
  }

  /** The reason code of an operator's out-of-service hold, or null when there is none. */
  get operatorHold(): string | null {
    return this.kiosk.getSnapshot().context.operatorStop ?? null;
  }

  notify(kind: ViewKind): void {
    for (const listener of this.listeners) listener(kind);
  }

  /** The smallest denomination in a cassette that holds notes, else the configured smallest note. */
  private smallestNoteLoaded(): number {
    const loaded = this.devices.cashDispenser
      .cassettes()
      .filter((c) => c.present && c.count > c.emptyThreshold)
      .map((c) => c.denominationFen);
    return loaded.length > 0 ? Math.min(...loaded) : this.config.caps.smallestNoteFen;
  }

  private activeActor(): Actor<typeof sessionMachine> | null {
    return this.session && !this.session.ended ? this.session.actor : null;
  }

  /** A card inserted with no session waiting for it goes straight back to the slot. */
  private async returnStrayCard(): Promise<void> {
    try {
      await this.devices.cardReader.eject();
    } catch (e) {
      this.log.warn(`could not return a card inserted outside a session: ${KioskError.from(e).code}`);
    }
  }

  private async finish(running: RunningSession, output: SessionOutput | undefined): Promise<void> {
    running.release?.();
    const outcome = output?.outcome ?? 'failed';
    const code = output?.error?.code ?? null;
    this.metrics.sessions.inc({ journey: running.journey, outcome });
    const ended = { journey: running.journey, outcome, code, durationMs: Date.now() - running.startedAt };
    for (const listener of this.endedListeners) listener(ended);
    try {
      await this.journal.closeTransaction(running.transactionId, outcome, code);
    } catch (e) {
      this.log.error(`journal close failed for ${running.transactionId}: ${KioskError.from(e).code}`);
    }
    this.clearTimer = setTimeout(() => {
      if (this.session === running) {
        this.session = null;
        this.notify('session');
      }
    }, this.config.timeouts.endedViewMs);
    this.clearTimer.unref();
  }

  private clearEnded(): void {
    if (this.clearTimer) clearTimeout(this.clearTimer);
    this.clearTimer = null;
    this.session = null;
  }

  onApplicationShutdown(): void {
    if (this.clearTimer) clearTimeout(this.clearTimer);
    this.session?.actor.stop();
    this.session?.release?.();
    this.kiosk.stop();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}
