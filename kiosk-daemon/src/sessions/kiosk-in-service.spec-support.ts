/**
 * The kiosk's root machine for the daemon's specs of what the kiosk is told with no session
 * running: every device online with what it needs (`healthy`, or `healthyBut` one device as it
 * reports itself), booted through a self test the spec provides, placed by it; and a watch of a
 * device left holding something (`watchedKiosk`), told whether a session runs.
 */
import { expect } from '@jest/globals';
import { DEVICE_KINDS, type DeviceStatus } from '@kiosk/domain';
import { kioskMachine, type KioskEvent } from '@kiosk/state-machines';
import { createActor, fromPromise, waitFor } from 'xstate';

/** every device online with what it needs */
export function healthy(): DeviceStatus[] {
  return DEVICE_KINDS.map((kind) => ({
    kind,
    device: 'online',
    supplies:
      kind === 'receiptPrinter'
        ? [{ name: 'paper', level: 'ok' }]
        : kind === 'cardPrinter'
          ? [
              { name: 'cardHopper', level: 'ok' },
              { name: 'ribbon', level: 'ok' },
            ]
          : kind === 'cashDispenser'
            ? [{ name: 'cassette:upper', level: 'ok' }]
            : [],
    driver: 'emulator',
    updatedAt: '2026-11-28T08:00:00Z',
  }));
}

/** every device online with what it needs, but `own`'s kind as it reports itself */
export function healthyBut(own: DeviceStatus): DeviceStatus[] {
  return healthy().map((status) => (status.kind === own.kind ? own : status));
}

/**
 * The kiosk booted and placed: in service by a healthy self test (one that found `devices()`, when
 * given), or held out of service by one that failed (`selfTestFails`: recovery left something
 * undecided, SELF_TEST_FAILED).
 */
export async function bootedKiosk(
  options: { readonly selfTestFails?: boolean; readonly devices?: () => DeviceStatus[] } = {},
) {
  const selfTest = fromPromise(async () => {
    if (options.selfTestFails) throw { code: 'SESSION_INTERRUPTED', message: 'recovery left it for staff' };
    return options.devices ? options.devices() : healthy();
  });
  const kiosk = createActor(kioskMachine.provide({ actors: { selfTest } }), { input: {} }).start();
  kiosk.send({ type: 'BOOTED' });
  await waitFor(kiosk, (s) => !s.matches('booting') && !s.matches('selfTest') && !s.matches('placing'));
  return kiosk;
}

/**
 * The kiosk in service by a self test that found `devices()`, and the watch `watchOn` builds on it,
 * told whether a session runs (none until `setSessionRuns(true)`); `offered()`, the journeys the
 * kiosk offers now.
 */
export async function watchedKiosk<Watch>(
  devices: () => DeviceStatus[],
  watchOn: (kiosk: { send(event: KioskEvent): void }, sessionRuns: () => boolean) => Watch,
) {
  const kiosk = await bootedKiosk({ devices });
  expect(kiosk.getSnapshot().value).toBe('inService');
  let sessionRuns = false;
  const watch = watchOn(kiosk, () => sessionRuns);
  return {
    kiosk,
    watch,
    offered: () => kiosk.getSnapshot().context.journeysOffered,
    setSessionRuns: (runs: boolean) => (sessionRuns = runs),
  };
}
