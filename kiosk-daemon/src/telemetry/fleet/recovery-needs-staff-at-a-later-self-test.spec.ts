/**
 * The fault: a self test that fails after the kiosk was back in service (field staff's, at the end
 * of a visit) was never told to the fleet: `recoveryNeedsStaff` went only at start. Now that the
 * fleet resolves the recovery alert once the kiosk is placed again (ADR 0004), a later failure
 * would have shown no alert at all. And a self test that did not finish in time (SELF_TEST_TIMEOUT,
 * at start or later) was told to the fleet by the out-of-service status alone, never as a recovery
 * alert. The reporter on the real kiosk machine (its self test failing while the spec says recovery
 * left something, or hanging past the machine's timeout on a simulated clock), its other
 * neighbours stood in for (`reporterOn`, `keptEvents`).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { DEVICE_KINDS, ServiceReason, type DeviceStatus, type KioskView } from '@kiosk/domain';
import { kioskMachine, kioskModeOf } from '@kiosk/state-machines';
import { createActor, fromPromise, SimulatedClock, waitFor, type Actor } from 'xstate';
import type { FleetReporter } from './fleet-reporter.service.js';
import { keptEvents, reporterOn } from './fleet-reporter.spec-support.js';

const statuses: DeviceStatus[] = DEVICE_KINDS.map((kind) => ({
  kind,
  device: 'online',
  supplies: [],
  driver: 'emulator',
  updatedAt: '2026-11-27T00:00:00.000Z',
}));

/** the kiosk machine's self test timeout here (on the simulated clock) */
const SELF_TEST_TIMEOUT_MS = 60_000;

/** back in service (the spec's devices report no supplies: degraded) */
const PLACED = ['inService', 'degraded'];

/** Lets the reporter's report (scheduled with setImmediate) run. */
const settle = async () => {
  for (let turn = 0; turn < 3; turn += 1) await new Promise((done) => setImmediate(done));
};

describe('fault: a later self test that fails is not told to the fleet', () => {
  let kiosk: Actor<typeof kioskMachine>;
  let reporter: FleetReporter;
  /** what the reporter told the fleet this test: events and statuses */
  let told: ReturnType<typeof keptEvents>;
  const sent = () => told.statuses;
  /** what the self test's recovery finds: something left for staff, or nothing */
  let recoveryLeftSomething = true;
  /** the self test hangs (a device or the host does not answer) until the machine's timeout */
  let selfTestHangs = false;
  let clock: SimulatedClock;

  const recoveryTold = () =>
    told.events.map(({ event }) => event).filter((event) => event.type === 'recoveryNeedsStaff');
  const held = (s: ReturnType<typeof kiosk.getSnapshot>, reason: string = ServiceReason.SELF_TEST_FAILED) =>
    s.matches('outOfService') && s.context.reason === reason;

  /** Waits until the self test settled; one that hangs ends when the simulated clock passes its timeout. */
  async function selfTestSettled(): Promise<void> {
    if (selfTestHangs) {
      await waitFor(kiosk, (s) => s.matches('selfTest'));
      clock.increment(SELF_TEST_TIMEOUT_MS);
    }
    await waitFor(kiosk, (s) => !s.matches('booting') && !s.matches('selfTest') && !s.matches('placing'));
  }

  async function start(): Promise<void> {
    clock = new SimulatedClock();
    kiosk = createActor(
      kioskMachine.provide({
        actors: {
          selfTest: fromPromise(async () => {
            if (selfTestHangs) return new Promise<DeviceStatus[]>(() => undefined);
            if (recoveryLeftSomething) throw { code: 'RECOVERY_LEFT_FOR_STAFF' };
            return statuses;
          }),
        },
      }),
      { input: { selfTestTimeoutMs: SELF_TEST_TIMEOUT_MS }, clock },
    );
    kiosk.start();
    kiosk.send({ type: 'BOOTED' });
    await selfTestSettled();
    const view = (): KioskView => {
      const s = kiosk.getSnapshot();
      return {
        kioskId: 'JZ-9001',
        mode: kioskModeOf(s),
        ...(s.context.reason !== undefined && { reason: s.context.reason }),
        journeysOffered: [...s.context.journeysOffered],
        devices: [],
        demo: false,
      };
    };
    told = keptEvents('JZ-9001');
    ({ reporter } = reporterOn({
      publisher: told.publisher,
      statuses: () => statuses,
      kiosk: {
        view,
        onChange: (listener) => {
          const subscription = kiosk.subscribe(() => listener());
          return () => subscription.unsubscribe();
        },
      },
    }));
    await settle();
  }

  /** Field staff's visit: in maintenance, then out with the self test run again. */
  async function visit(): Promise<void> {
    kiosk.send({ type: 'MAINTENANCE_ENTER' });
    await settle();
    kiosk.send({ type: 'MAINTENANCE_EXIT' });
    await selfTestSettled();
    await settle();
  }

  afterEach(async () => {
    await reporter?.beforeApplicationShutdown();
    kiosk?.stop();
    recoveryLeftSomething = true;
    selfTestHangs = false;
  });

  it('failed at start: told once; back in service, a visit whose self test fails again is told again', async () => {
    await start();
    expect(held(kiosk.getSnapshot())).toBe(true);
    expect(recoveryTold()).toEqual([{ type: 'recoveryNeedsStaff', code: 'SELF_TEST_FAILED' }]);

    // the late settlement (ADR 0020): placed by its devices again; nothing told of recovery
    kiosk.send({ type: 'RECOVERY_SETTLED', statuses });
    await settle();
    expect(PLACED).toContain(sent().at(-1)?.mode);
    expect(recoveryTold()).toHaveLength(1);

    // a visit whose self test finds something left for staff again
    await visit();
    expect(held(kiosk.getSnapshot())).toBe(true);
    expect(sent().at(-1)).toMatchObject({ mode: 'outOfService', reason: 'SELF_TEST_FAILED' });
    expect(recoveryTold()).toHaveLength(2);
  });

  it('a self test that passes tells nothing of recovery; one held through a visit is told again (the fleet keeps one alert)', async () => {
    recoveryLeftSomething = false;
    await start();
    expect(PLACED).toContain(sent().at(-1)?.mode);
    expect(recoveryTold()).toEqual([]);

    recoveryLeftSomething = true;
    await visit();
    expect(recoveryTold()).toHaveLength(1);
    await visit();
    expect(recoveryTold()).toHaveLength(2);
  });

  it('fault: a self test that times out at start is told as a recovery alert (SELF_TEST_TIMEOUT), not by the status alone', async () => {
    selfTestHangs = true;
    await start();
    expect(held(kiosk.getSnapshot(), ServiceReason.SELF_TEST_TIMEOUT)).toBe(true);
    expect(sent().at(-1)).toMatchObject({ mode: 'outOfService', reason: 'SELF_TEST_TIMEOUT' });
    expect(recoveryTold()).toEqual([{ type: 'recoveryNeedsStaff', code: 'SELF_TEST_TIMEOUT' }]);

    // field staff's visit: the self test passes, back in service; nothing more told of recovery
    selfTestHangs = false;
    recoveryLeftSomething = false;
    await visit();
    expect(PLACED).toContain(sent().at(-1)?.mode);
    expect(recoveryTold()).toHaveLength(1);
  });

  it('fault: a later self test that times out (back in service before) is told as a recovery alert', async () => {
    recoveryLeftSomething = false;
    await start();
    expect(PLACED).toContain(sent().at(-1)?.mode);
    expect(recoveryTold()).toEqual([]);

    selfTestHangs = true;
    await visit();
    expect(held(kiosk.getSnapshot(), ServiceReason.SELF_TEST_TIMEOUT)).toBe(true);
    expect(recoveryTold()).toEqual([{ type: 'recoveryNeedsStaff', code: 'SELF_TEST_TIMEOUT' }]);
    // the next visit's self test fails instead: told with its own code
    selfTestHangs = false;
    recoveryLeftSomething = true;
    await visit();
    expect(recoveryTold().map((event) => (event as { code: string }).code)).toEqual([
      'SELF_TEST_TIMEOUT',
      'SELF_TEST_FAILED',
    ]);
  });
});
