/**
 * The kiosk's root machine for the daemon's specs of what the kiosk is told with no session
 * running: every device online with what it needs (`healthy`), booted through a self test the spec
 * provides, placed by it.
 */
import { DEVICE_KINDS, type DeviceStatus } from '@kiosk/domain';
import { kioskMachine } from '@kiosk/state-machines';
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

/**
 * The kiosk booted and placed: in service by a healthy self test, or held out of service by one
 * that failed (`selfTestFails`: recovery left something undecided, SELF_TEST_FAILED).
 */
export async function bootedKiosk(options: { readonly selfTestFails?: boolean } = {}) {
  const selfTest = fromPromise(async () => {
    if (options.selfTestFails) throw { code: 'SESSION_INTERRUPTED', message: 'recovery left it for staff' };
    return healthy();
  });
  const kiosk = createActor(kioskMachine.provide({ actors: { selfTest } }), { input: {} }).start();
  kiosk.send({ type: 'BOOTED' });
  await waitFor(kiosk, (s) => !s.matches('booting') && !s.matches('selfTest') && !s.matches('placing'));
  return kiosk;
}
