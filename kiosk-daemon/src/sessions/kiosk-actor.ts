/** The kiosk's root actor (its mode: booting, in service, degraded, out of service, maintenance). */
import type { DeviceStatus } from '@kiosk/domain';
import { kioskMachine } from '@kiosk/state-machines';
import { createActor, fromPromise } from 'xstate';

/**
 * `selfTest` opens the devices, settles what a crash left unfinished and says what is usable;
 * `selfTestTimeoutMs`, read each time a self test starts, is how long it may take
 * (`timeouts.selfTestMs`; the machine's own default without it).
 */
export function createKioskActor(selfTest: () => Promise<DeviceStatus[]>, selfTestTimeoutMs?: () => number) {
  return createActor(
    kioskMachine.provide({
      actors: { selfTest: fromPromise(selfTest) },
      ...(selfTestTimeoutMs && { delays: { selfTestTimeout: () => selfTestTimeoutMs() } }),
    }),
    { input: {} },
  );
}
