/**
 * When a new card left at the card printer's slot is settled while the kiosk runs
 * (`card-printer-back-settlement.ts`), modelled on the dispenser's comeback (`dispenser-back-watch.ts`).
 *
 * - **When**: the printer reads usable after not (its comeback), and at every reason to look the
 *   kiosk's other watches have (a session's end, the kiosk's changes, the devices' statuses) for a
 *   card left that was not tried since the printer's last comeback: a retract the printer did not
 *   answer may leave it reading online all along, so no comeback follows. One settlement at a time:
 *   a reason to look during a turn looks again after it.
 * - **Once per comeback**: a card the settlement left for staff again (the printer silent again
 *   during it) is not tried again until the printer's next comeback, the next boot or staff.
 * - **Never beside an act still under way**: a printer reading busy is held by an act that outlived
 *   its journey (the journey's retract the step gave up on, still waiting for the printer's answer,
 *   whose outcome lands in the card making's own transaction): its reject would be refused busy and
 *   the card left for staff until the next comeback, or meet the card that act just moved. The
 *   printer letting go is a reason to look, as every device status pushed is (`booted-kiosk-wiring.ts`).
 * - **Never beside a resident**: no session runs or is being started, and the kiosk is placed (in
 *   service, degraded or out of service: not in a staff visit, a self test or another late
 *   settlement). Card making is held back meanwhile already (NEW_CARD_LEFT_AT_SLOT), so no journey
 *   that moves the printer can start; what the kiosk offers is decided again from the journal once
 *   it is settled (`settled`).
 * - **The printer's own self test first**, in its turn (`deviceSelfTests`): the driver's belief of
 *   where the card is may be from before it went silent; the self test reads the slot once.
 * - **The kiosk held by recovery** (its self test failed for what the last boot left undecided) is
 *   placed by its devices once nothing of it is undecided any more (RECOVERY_SETTLED): the fleet's
 *   recovery alert is resolved by that status.
 */
import type { CardPrinterPort } from '@kiosk/device-drivers';
import { KioskError, ServiceReason, isUsable, type DeviceStatus } from '@kiosk/domain';
import type { KioskEvent } from '@kiosk/state-machines';
import { deviceSelfTests } from '../devices/device-reopen.js';
import { LATE_SETTLEMENT_STOP_WAIT_MS } from './dispenser-back-wiring.js';
import type { SessionRecoveryService } from './session-recovery.service.js';

/** The longest the printer's own self test may take before the settlement. */
const SELF_TEST_BOUND_MS = 30_000;

/** Kiosk states a settlement may run in: placed by its devices, no visit, self test or other hold. */
const PLACED: readonly string[] = ['inService', 'degraded', 'outOfService'];

interface KioskLike {
  getSnapshot(): { matches(state: string): boolean; readonly context: { readonly reason?: string | null } };
  send(event: KioskEvent): void;
}

export interface CardPrinterBackWatchDeps {
  readonly printer: CardPrinterPort;
  readonly kiosk: KioskLike;
  readonly recovery: Pick<SessionRecoveryService, 'settleWhenTheCardPrinterIsBack'>;
  /** the open card makings whose new card was left at the slot (the journal's answer, maybe cached) */
  readonly cardsLeft: () => Promise<readonly string[]>;
  /** a resident's session runs or is being started */
  readonly sessionRuns: () => boolean;
  readonly statuses: () => DeviceStatus[];
  /** something was settled: what holds card making back is read again */
  readonly settled: () => void;
  readonly log: { warn(message: string): void; error(message: string): void };
}

export class CardPrinterBackWatch {
  readonly #deps: CardPrinterBackWatchDeps;
  #turn: Promise<void> | undefined;
  #again = false;
  #usable = false;
  #stopped = false;
  #off: (() => void) | undefined;
  /** the card makings tried since the printer's last comeback (settled or left for staff again) */
  readonly #tried = new Set<string>();

  constructor(deps: CardPrinterBackWatchDeps) {
    this.#deps = deps;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  start(): void {
    this.#stopped = false;
    this.#usable = isUsable(this.#deps.printer.status());
    this.#off ??= this.#deps.printer.onStatus((status) => {
      const back = isUsable(status) && !this.#usable;
      this.#usable = isUsable(status);
      if (!back) return;
      this.#tried.clear();
      void this.check();
    });
    void this.check();
  }

  /** A turn under way ends as it ends (journaled act by act); none begins after. */
  stop(): void {
    this.#stopped = true;
    this.#again = false;
    this.#off?.();
    this.#off = undefined;
  }

  /** Resolves once no settlement runs (one asked for during a turn included). */
  async idle(): Promise<void> {
    while (this.#turn) await this.#turn;
  }

  /**
   * Stops it and waits for a settlement under way, at most `boundMs` (its devices, host and journal
   * still open); one that outlasts it is carried through by the next boot's recovery.
   */
  async stopAndWait(boundMs = LATE_SETTLEMENT_STOP_WAIT_MS): Promise<void> {
    this.stop();
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, boundMs)));
    await Promise.race([this.idle(), bound]);
    clearTimeout(timer);
  }

  /** A reason to look: settles the cards left not tried since the comeback if it may now. */
  check(): Promise<void> {
    if (this.#turn) {
      this.#again = true;
      return this.#turn;
    }
    if (!this.#mayAct()) return Promise.resolve();
    this.#turn = this.#look().finally(() => {
      this.#turn = undefined;
      if (this.#again) {
        this.#again = false;
        void this.check();
      }
    });
    return this.#turn;
  }

  #mayAct(): boolean {
    const { printer, kiosk, sessionRuns } = this.#deps;
    const status = printer.status();
    if (this.#stopped || sessionRuns() || !isUsable(status) || status.device === 'busy') return false;
    const kioskNow = kiosk.getSnapshot();
    return PLACED.some((state) => kioskNow.matches(state));
  }

  async #look(): Promise<void> {
    const { printer, recovery, log } = this.#deps;
    try {
      const left = (await this.#deps.cardsLeft()).filter((id) => !this.#tried.has(id));
      if (left.length === 0 || !this.#mayAct()) return;
      const skip = new Set(this.#tried);
      const done = await deviceSelfTests.run(printer, async () => {
        await printer.selfTest?.(AbortSignal.timeout(SELF_TEST_BOUND_MS));
        // the printer silent at its self test: its comeback looks again; a session begun: its end does
        if (!this.#mayAct()) return undefined;
        return recovery.settleWhenTheCardPrinterIsBack(skip);
      });
      if (!done) return;
      // a card whose settlement failed is not marked tried: the next reason to look tries it again
      for (const { id, code } of done.failed)
        log.error(
          `recovery: settling the new card left at the slot by ${id} once the printer answered failed: ${code}`,
        );
      for (const id of [...done.settled, ...done.leftForStaff]) this.#tried.add(id);
      if (done.settled.length === 0 || this.#stopped) return;
      this.#deps.settled();
      if (done.undecided === 0 && this.#heldByRecovery())
        this.#deps.kiosk.send({ type: 'RECOVERY_SETTLED', statuses: this.#deps.statuses() });
    } catch (e) {
      // journal or host faults: the card making stays where the journal says, the next look or boot goes on
      log.error(
        `recovery: settling the new card left at the slot once the printer answered failed: ${KioskError.from(e).code}`,
      );
    }
  }

  #heldByRecovery(): boolean {
    const s = this.#deps.kiosk.getSnapshot();
    return s.matches('outOfService') && s.context.reason === ServiceReason.SELF_TEST_FAILED;
  }
}
