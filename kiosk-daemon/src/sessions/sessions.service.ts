import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import {
  ErrorCode,
  KioskError,
  type Journey,
  type KioskView,
  type Locale,
  type SessionViewWithDetails,
  type SpecialWithdrawalKind,
} from '@kiosk/domain';
import { kioskModeOf, sessionMachine, type SessionOutput } from '@kiosk/state-machines';
import { type EventFromLogic, waitFor } from 'xstate';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { DevicesService } from '../devices/devices.service.js';
import { IssuanceHostService } from '../host/issuance-host.service.js';
import { JournalService } from '../journal/journal.service.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { wireBootedKiosk } from './booted-kiosk-wiring.js';
import type { DispenserBackWiring } from './dispenser-back-wiring.js';
import type { CardPrinterBackWatch } from './card-printer-back-watch.js';
import { createKioskActor } from './kiosk-actor.js';
import type { RunningSession } from './running-session.js';
import { SessionActorsFactory } from './session-actors.js';
import { SessionEnds } from './session-end.js';
import { SessionOnScreen } from './session-on-screen.js';
import { startOrContinue, type SessionStartDeps } from './session-start.js';
import { idCardPlacementsOf } from './id-card-placements.js';
import { kioskSelfTest } from './kiosk-self-test.js';
import { SessionRecoveryService } from './session-recovery.service.js';
import { SlotCardRecovery } from './slot-card-recovery.js';
import { COMMAND_EVENTS, type SessionCommand, type SessionEnded, type ViewKind } from './session-types.js';
import { kioskViewOf, sessionViewOf } from './session-views.js';
import { ViewNotifier } from './view-notifier.js';

export type { SessionCommand, SessionEnded, ViewKind } from './session-types.js';

/**
 * Runs the kiosk's root actor and one session actor per resident. Forwards device events to the
 * session, journals each session as one transaction, and publishes the safe views.
 */
@Injectable()
export class SessionsService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('Sessions');
  // open every device, settle what a crash left unfinished, report what is usable; in timeouts.selfTestMs
  private readonly kiosk = createKioskActor(
    () =>
      kioskSelfTest(
        this.devices,
        this.recovery,
        () => this.activeActor() !== null,
        () => (this.bootRecoveryRuns = false),
      ),
    () => this.config.timeouts.selfTestMs,
  );
  /** boot recovery settles what a crash left with the devices: none is opened again meanwhile */
  private bootRecoveryRuns = true;
  /** the session shown: running, then its ended view for a while (`session-on-screen.ts`) */
  private readonly shown = new SessionOnScreen(() => this.notify('session'));
  private locale: Locale = 'zh-CN';
  private readonly views = new ViewNotifier();
  private readonly ends: SessionEnds;
  private readonly cleanups: (() => void)[] = [];
  /** what starting a session or a further journey needs (`session-start.ts`) */
  private readonly starts: SessionStartDeps;
  private dispenserBack: DispenserBackWiring | undefined;
  private cardPrinterBack: CardPrinterBackWatch | undefined;

  constructor(
    private readonly devices: DevicesService,
    private readonly journal: JournalService,
    private readonly actors: SessionActorsFactory,
    private readonly recovery: SessionRecoveryService,
    private readonly metrics: MetricsService,
    @Inject(KIOSK_CONFIG) private readonly config: KioskConfig,
    private readonly issuance: IssuanceHostService,
    private readonly slotCard: SlotCardRecovery,
  ) {
    // a card found at the slot at boot is not retracted while a session runs (as a stray card)
    slotCard.respectSessions(() => this.activeActor() !== null);
    // a device gone offline is opened again by itself, never while a session or the boot's
    // recovery runs (ADR 0020)
    devices.respectSessions(() => this.bootRecoveryRuns || this.activeActor() !== null);
    // one boot recovery could not capture holds the card journeys back as a session's does (ADR 0016)
    recovery.onCardLeftForStaff(() => this.ends.cardLeftByRecovery());
    this.ends = new SessionEnds({
      journal,
      metrics,
      slotCard,
      log: this.log,
      sessionRuns: () => this.activeActor() !== null,
      idCardLeftBy: (sessionId) => idCardPlacementsOf(devices.idReader).leftBy(sessionId),
    });
    this.starts = {
      journal,
      devices,
      actors,
      config,
      log: this.log,
      views: this.views,
      locale: () => this.locale,
      kioskView: () => this.kioskView(),
      sessionView: () => this.sessionView(),
      clearEnded: () => this.shown.clearEnded(),
      began: (session) => this.shown.began(session),
      onEnded: (ended, output) => void this.finish(ended, output),
    };
  }

  async onModuleInit(): Promise<void> {
    const sub = this.kiosk.subscribe(() => this.notify('kiosk'));
    // a card a session leaves in the reader holds the card journeys back until it leaves (ADR 0016)
    this.cleanups.push(() => sub.unsubscribe(), this.ends.watchCardLeft(this.devices.cardReader, this.kiosk));
    this.kiosk.start();
    this.kiosk.send({ type: 'BOOTED' });
    await waitFor(
      this.kiosk,
      (s) => !s.matches('booting') && !s.matches('selfTest') && !s.matches('placing'),
    );
    const booted = wireBootedKiosk(this.kiosk, {
      devices: this.devices,
      issuance: this.issuance,
      journal: this.journal,
      metrics: this.metrics,
      recovery: this.recovery,
      notesLeftOwed: this.actors.notesLeftOwed,
      slotCard: this.slotCard,
      config: this.config,
      log: this.log,
      sessionRunsOrStarts: () => this.activeActor() !== null || this.starting,
      session: () => this.activeActor(),
      notify: (kind) => this.notify(kind),
      // handed back, journaled; left there, retracted after the take timeout unless a session runs
      strayCard: () => void this.slotCard.returnStray(() => this.activeActor() !== null),
      onSessionEnded: (listener) => this.ends.onEnded(listener),
    });
    this.dispenserBack = booted.dispenserBack;
    this.cardPrinterBack = booted.cardPrinterBack;
    this.cleanups.push(...booted.cleanups);
    const mode = kioskModeOf(this.kiosk.getSnapshot());
    this.log.log(`self-test done: ${mode}`);
  }

  kioskView(): KioskView {
    return kioskViewOf(this.kiosk.getSnapshot(), this.config, this.devices);
  }

  /** Journal first: a session's ended view once the journal closed it (`finish`), till then the last one. */
  sessionView(): SessionViewWithDetails | null {
    const running = this.shown.current;
    if (!running) return null;
    if (running.ended && !running.settled) return running.shown ?? null;
    const view = sessionViewOf(running.actor.getSnapshot(), this.locale, this.devices, this.issuance);
    if (!running.ended) running.shown = view;
    return view;
  }

  onViewChange(listener: (kind: ViewKind) => void): () => void {
    return this.views.onChange(listener);
  }

  /**
   * One start at a time: a double tap (or a second screen) sends two starts in one moment, and
   * both would pass the busy check before either has its transaction, leaving a second session
   * actor on the same devices and an orphaned transaction. The second is refused as busy.
   */
  async startSession(journey: Journey): Promise<void> {
    if (this.starting) {
      throw new KioskError(ErrorCode.SESSION_BUSY, 'A session is already being started on this kiosk.');
    }
    this.starting = true;
    try {
      await startOrContinue(this.starts, this.shown.current, journey);
    } finally {
      this.starting = false;
    }
  }

  private starting = false;

  command(command: SessionCommand): Promise<void> {
    return this.toSession({ type: COMMAND_EVENTS[command] });
  }

  chooseAmount(amountFen: number): Promise<void> {
    return this.toSession({ type: 'AMOUNT_CHOSEN', amountFen });
  }

  /** leaving a job, moving away, the whole balance: the withdrawal machine explains and refuses */
  specialWithdrawal(kind: SpecialWithdrawalKind): Promise<void> {
    return this.toSession({ type: 'SPECIAL_WITHDRAWAL', kind });
  }

  payFee(method: 'qr' | 'account'): Promise<void> {
    return this.toSession({ type: 'PAY_WITH', method });
  }

  /** why the card is replaced: lost, or damaged and handed in at this kiosk */
  replacementReason(reason: 'lost' | 'damaged'): Promise<void> {
    return this.toSession({ type: 'REPLACEMENT_REASON', reason });
  }

  /** A resident's input to the running session (thrown SESSION_NOT_FOUND when none runs). */
  private toSession(event: EventFromLogic<typeof sessionMachine>): Promise<void> {
    const actor = this.activeActor();
    if (!actor) throw new KioskError(ErrorCode.SESSION_NOT_FOUND, 'There is no session in progress.');
    actor.send(event);
    return Promise.resolve();
  }

  setLocale(locale: Locale): Promise<void> {
    this.locale = locale;
    this.notify('session');
    return Promise.resolve();
  }

  /** Tells `listener` how each session ended (fleet telemetry); returns the unsubscribe. */
  onSessionEnded(listener: (ended: SessionEnded) => void): () => void {
    return this.ends.onEnded(listener);
  }

  /** True while a resident's session runs (it must not be cut by a restart). */
  get sessionInProgress(): boolean {
    return this.activeActor() !== null;
  }

  /** Recovery at work on the devices (self test, late settlement): staff device acts wait for it. */
  get recoveryAtWork(): boolean {
    return this.recovery.atWork.busy;
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
    this.views.notify(kind);
  }

  private activeActor() {
    return this.shown.activeActor();
  }

  /** the session's end settled (session-end.ts), then its ended view shown, and cleared after a while */
  private async finish(running: RunningSession, output: SessionOutput | undefined): Promise<void> {
    await this.ends.settle(running, output);
    this.shown.settled(running, this.config.timeouts.endedViewMs);
  }

  /** The stop begins: a late settlement under way is waited for, bounded, its devices still open (ADR 0020). */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.dispenserBack?.stopAndWait(), this.cardPrinterBack?.stopAndWait()]);
  }

  onApplicationShutdown(): void {
    this.shown.stop();
    this.dispenserBack?.stop();
    this.cardPrinterBack?.stop();
    this.kiosk.stop();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}
