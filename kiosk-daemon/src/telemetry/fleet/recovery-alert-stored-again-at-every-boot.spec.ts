/**
 * The fault: while a withdrawal (a card making, a card) is left for staff, the self test fails again
 * at every boot and tells the fleet `recoveryNeedsStaff` (SELF_TEST_FAILED and its cause) again, under
 * a new event id each time: once a monitor had stored the first, every later boot's was stored
 * besides (one alert, the monitor keys them by code), so a kiosk restarted nightly with a withdrawal
 * left for staff filled the fleet's event history with copies. Now the alert's id is derived from
 * what recovery left for staff, its cause and transactions (`recoveryAlertEventId`): told again at
 * the next boot, it is stored once; another episode (another transaction left, the same cause once
 * the first was settled) has another id, stored and raised as new.
 *
 * Real: boot recovery over the journal (SQLite in memory) with the withdrawal's notes at the slot and
 * the dispenser silent at boot, the kiosk machine running it as its self test, the reporter, the
 * publisher and its queue file, the fleet monitor with its broker (in process). The reporter's other
 * neighbours are stood in for (`reporterOn`: the journal it reads for staff alerts holds nothing open,
 * so the self test's alert is the only one told).
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, ServiceReason, type DeviceStatus, type KioskView } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { kioskMachine, kioskModeOf } from '@kiosk/state-machines';
import { createActor, fromPromise, waitFor } from 'xstate';
import { withdrawalWorld } from '../../journeys/withdrawal-settlement.spec-support.js';
import { dispenserOnlyDevices } from '../../sessions/recovery-devices.spec-support.js';
import { SessionRecoveryService } from '../../sessions/session-recovery.service.js';
import { staffAlertFleet } from '../mqtt/staff-alerts.spec-support.js';
import { reporterOn } from './fleet-reporter.spec-support.js';
import { recoveryAlertEventId } from './staff-alert-id.js';

const world = staffAlertFleet(100);
const KIOSK = 'JZ-0001';
const WITHDRAWAL_LEFT = {
  type: 'recoveryNeedsStaff',
  code: ServiceReason.SELF_TEST_FAILED,
  cause: ErrorCode.WITHDRAWAL_UNDECIDED,
} as const;

/** the recovery alerts the monitor stored for the kiosk */
const storedAlerts = async () =>
  (await world.fleet.store.recentEvents(KIOSK, 100)).filter((e) => e.type === 'recoveryNeedsStaff');

type World = Awaited<ReturnType<typeof withdrawalWorld>>;

/**
 * One boot of the kiosk: its self test runs boot recovery (the withdrawal left undecided for the
 * silent dispenser), the reporter tells the fleet, the daemon stops once a monitor stored it all.
 * Answers the id of the recovery alert it told.
 */
async function boot(w: World): Promise<string> {
  const recovery = new SessionRecoveryService(dispenserOnlyDevices(w.dispenser), w.journal, w.host);
  const statuses = (): DeviceStatus[] => [w.dispenser.status()];
  const kiosk = createActor(
    kioskMachine.provide({
      actors: { selfTest: fromPromise(async () => (await recovery.recoverUnfinished(), statuses())) },
    }),
    { input: { selfTestTimeoutMs: 60_000 } },
  );
  kiosk.start();
  kiosk.send({ type: 'BOOTED' });
  await waitFor(kiosk, (s) => s.matches('outOfService'));
  const view = (): KioskView => {
    const s = kiosk.getSnapshot();
    return {
      kioskId: KIOSK,
      mode: kioskModeOf(s),
      ...(s.context.reason !== undefined && { reason: s.context.reason }),
      ...(s.context.cause !== undefined && { cause: s.context.cause }),
      journeysOffered: [...s.context.journeysOffered],
      devices: [],
      demo: false,
    };
  };
  const publisher = world.kiosk();
  const told: string[] = [];
  publisher.on('sent', (event) => {
    if (event.type === 'recoveryNeedsStaff') told.push(event.id);
  });
  // the kiosk stays held by its self test meanwhile: its view does not change
  const { reporter } = reporterOn({
    publisher,
    statuses,
    recovery,
    kiosk: { view, onChange: () => () => undefined },
  });
  try {
    await eventually(() => told.length > 0 && publisher.queued === 0, 'the alert stored', {
      withinMs: 10_000,
    });
  } finally {
    await reporter.beforeApplicationShutdown();
    recovery.onApplicationShutdown();
    kiosk.stop();
  }
  expect(kiosk.getSnapshot().context).toMatchObject({ cause: ErrorCode.WITHDRAWAL_UNDECIDED });
  expect(recovery.leftForStaff).toEqual({ cause: ErrorCode.WITHDRAWAL_UNDECIDED, transactions: [w.tx] });
  return told[0]!;
}

describe('recovery-alert-stored-again-at-every-boot', () => {
  it('fault: the withdrawal left for staff was told under a new id at every boot and stored again; now the same id, stored once', async () => {
    const w = await withdrawalWorld();
    await w.presented();
    w.dispenser.setFault('offline');

    const first = await boot(w);
    expect(await storedAlerts()).toHaveLength(1);
    // the kiosk restarts (nightly) with the withdrawal still left for staff
    const second = await boot(w);
    const third = await boot(w);
    expect([second, third]).toEqual([first, first]);
    expect(await storedAlerts()).toEqual([
      expect.objectContaining({ id: first, code: 'SELF_TEST_FAILED', cause: 'WITHDRAWAL_UNDECIDED' }),
    ]);
    // one recovery alert (beside the silent dispenser's fault and the stopped kiosk)
    expect((await world.alertCodes()).filter((a) => a.startsWith('recoveryNeedsStaff'))).toEqual([
      'recoveryNeedsStaff:SELF_TEST_FAILED',
    ]);
  });

  it('another episode is another id, stored: another transaction left, the same once settled and a new one left, another cause', () => {
    const id = (cause: string, transactions: string[]) =>
      recoveryAlertEventId(KIOSK, { ...WITHDRAWAL_LEFT, cause }, { cause, transactions });
    const withdrawal = ErrorCode.WITHDRAWAL_UNDECIDED;
    const first = id(withdrawal, ['w-1']);
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // the same left, whatever the order recovery met it in
    expect(id(withdrawal, ['w-2', 'w-1'])).toBe(id(withdrawal, ['w-1', 'w-2']));
    const others = [
      id(withdrawal, ['w-1', 'w-2']),
      id(withdrawal, ['w-2']),
      id(ErrorCode.CARD_MAKING_UNDECIDED, ['w-1']),
      recoveryAlertEventId('JZ-0002', WITHDRAWAL_LEFT, { cause: withdrawal, transactions: ['w-1'] }),
    ];
    expect(new Set([first, ...others]).size).toBe(5);
  });

  it('a self test that failed of what recovery did not leave, or timed out, is told under a new id each time', () => {
    const left = { cause: ErrorCode.WITHDRAWAL_UNDECIDED, transactions: ['w-1'] };
    // a device failing at the self test, recovery's record of an earlier one standing
    expect(
      recoveryAlertEventId(KIOSK, { ...WITHDRAWAL_LEFT, cause: 'DEVICE_OFFLINE' }, left),
    ).toBeUndefined();
    expect(recoveryAlertEventId(KIOSK, WITHDRAWAL_LEFT, undefined)).toBeUndefined();
    expect(
      recoveryAlertEventId(
        KIOSK,
        { type: 'recoveryNeedsStaff', code: ServiceReason.SELF_TEST_TIMEOUT },
        left,
      ),
    ).toBeUndefined();
  });

  it('at the monitor: a new episode told after the first was stored is stored beside it, the first told again is not', async () => {
    const publisher = world.kiosk();
    publisher.start();
    const tell = (transactions: string[]) =>
      publisher.publishEvent(
        WITHDRAWAL_LEFT,
        recoveryAlertEventId(KIOSK, WITHDRAWAL_LEFT, { cause: WITHDRAWAL_LEFT.cause, transactions }),
      );
    const stored = async (n: number) =>
      eventually(storedAlerts, `${n} alerts stored`, { withinMs: 10_000, until: (s) => s.length === n });
    tell(['w-1']);
    await stored(1);
    tell(['w-1']);
    tell(['w-2']);
    expect((await stored(2)).map((e) => e.id).sort()).toEqual(
      [
        recoveryAlertEventId(KIOSK, WITHDRAWAL_LEFT, { cause: WITHDRAWAL_LEFT.cause, transactions: ['w-1'] }),
        recoveryAlertEventId(KIOSK, WITHDRAWAL_LEFT, { cause: WITHDRAWAL_LEFT.cause, transactions: ['w-2'] }),
      ].sort(),
    );
  });
});
