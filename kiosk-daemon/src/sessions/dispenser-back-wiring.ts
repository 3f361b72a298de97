/**
 * The dispenser's comeback watch (`dispenser-back-watch.ts`: when) wired to the kiosk, the recovery
 * and the dispenser (ADR 0020).
 *
 * - **The kiosk**: held by the failed self test already, or held for the settlement
 *   (LATE_SETTLEMENT_HOLD, taken in the same turn of the event loop as the look that found no
 *   session, so no start passes between; nothing offered, read as a self test) and placed by its
 *   devices after it (LATE_SETTLEMENT_DONE). A kiosk whose self test failed is placed once nothing
 *   it left is undecided (RECOVERY_SETTLED).
 * - **The dispenser's own self test first**, in its turn (`deviceSelfTests`, beside no reopen or
 *   staff self test of it): kept although an LCDM back by its heartbeat reads its presenter since
 *   94ed006, because not every look follows a comeback (a try again after an unanswered retract, a
 *   late sweep's leftover: the presenter the driver believes may be from before), and not every
 *   dispenser is an LCDM.
 */
import type { CashDispenserPort } from '@kiosk/device-drivers';
import { ServiceReason, isUsable, type DeviceStatus } from '@kiosk/domain';
import { deviceSelfTests } from '../devices/device-reopen.js';
import { SHUTDOWN_BOUND_MS } from '../shutdown-bound.js';
import { DispenserBackWatch } from './dispenser-back-watch.js';
import type { createKioskActor } from './kiosk-actor.js';
import type { SessionRecoveryService } from './session-recovery.service.js';

type KioskActor = ReturnType<typeof createKioskActor>;

/** The longest the dispenser's own self test may take before a late settlement. */
const SELF_TEST_BOUND_MS = 30_000;

/** The longest the daemon's stop waits for a late settlement under way: within its own bound. */
export const LATE_SETTLEMENT_STOP_WAIT_MS = SHUTDOWN_BOUND_MS / 2;

/** The watch wired to the kiosk, stopped with the daemon. */
export interface DispenserBackWiring {
  stop(): void;
  /**
   * Stops it and waits for a settlement under way, at most `boundMs` (its devices, host and
   * journal still open); one that outlasts it is carried through by the next boot's recovery.
   */
  stopAndWait(boundMs?: number): Promise<void>;
}

/** The watch wired to the kiosk, the recovery and the dispenser (see above). */
export function watchDispenserBack(
  kiosk: KioskActor,
  deps: {
    readonly devices: { readonly cashDispenser: CashDispenserPort; statuses(): DeviceStatus[] };
    /** the waits of the reopen (`devices.reopen`), those of the tries again */
    readonly reopen?: { readonly firstIntervalMs: number; readonly maxIntervalMs: number };
    readonly recovery: Pick<
      SessionRecoveryService,
      'waitsForTheDispenser' | 'settleWhenTheDispenserIsBack' | 'onWaitingForTheDispenser'
    >;
    /** a resident's session runs or is being started */
    readonly sessionRuns: () => boolean;
    readonly log: { warn(message: string): void; error(message: string): void };
  },
): DispenserBackWiring {
  const { devices, recovery, reopen } = deps;
  const dispenser = devices.cashDispenser;
  const statuses = () => devices.statuses();
  const heldByRecovery = () => {
    const s = kiosk.getSnapshot();
    return s.matches('outOfService') && s.context.reason === ServiceReason.SELF_TEST_FAILED;
  };
  const heldForIt = () => kiosk.getSnapshot().matches('lateSettlement');
  const mayHold = () => kiosk.getSnapshot().can({ type: 'LATE_SETTLEMENT_HOLD' });
  const watch = new DispenserBackWatch({
    dispenser,
    log: deps.log,
    ...(reopen
      ? { timings: { intervalMs: reopen.firstIntervalMs, maxIntervalMs: reopen.maxIntervalMs } }
      : {}),
    maySettle: () => (heldByRecovery() || mayHold()) && !deps.sessionRuns(),
    waiting: () => recovery.waitsForTheDispenser,
    settle: async () => {
      // in the turn maySettle found no session: held before any start can pass the kiosk's offer
      const hold = !heldByRecovery();
      if (hold) kiosk.send({ type: 'LATE_SETTLEMENT_HOLD' });
      const held = hold ? heldForIt : heldByRecovery;
      try {
        return await deviceSelfTests.run(dispenser, async () => {
          await dispenser.selfTest?.(AbortSignal.timeout(SELF_TEST_BOUND_MS));
          if (!isUsable(dispenser.status()) || !held() || deps.sessionRuns()) return undefined;
          return recovery.settleWhenTheDispenserIsBack();
        });
      } finally {
        // a visit begun meanwhile keeps the kiosk; a stopped daemon's kiosk is told nothing
        if (hold && heldForIt() && !watch.stopped)
          kiosk.send({ type: 'LATE_SETTLEMENT_DONE', statuses: statuses() });
      }
    },
    allSettled: () => {
      if (heldByRecovery()) kiosk.send({ type: 'RECOVERY_SETTLED', statuses: statuses() });
    },
  });
  let held = heldByRecovery();
  const sub = kiosk.subscribe(() => {
    const now = heldByRecovery();
    if (now && !held) void watch.check();
    held = now;
  });
  // the late sweep left something new for the dispenser (it may be back already)
  recovery.onWaitingForTheDispenser(() => void watch.check());
  const stop = watch.start();
  return {
    stop: () => {
      stop();
      sub.unsubscribe();
    },
    stopAndWait: async (boundMs = LATE_SETTLEMENT_STOP_WAIT_MS) => {
      stop();
      sub.unsubscribe();
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, boundMs)));
      await Promise.race([watch.idle(), bound]);
      clearTimeout(timer);
    },
  };
}
