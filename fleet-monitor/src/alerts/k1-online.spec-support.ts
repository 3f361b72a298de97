/**
 * Kiosk k1's online status as the fleet link's order specs send it, by hand to a monitor on a real
 * broker (`test/kiosk-link-by-hand`) or straight to two ingests on one store (`two-monitors`): in
 * service, offering the balance, on run `run`, numbered with its connection `connectionSeq` (none:
 * a kiosk of a release before).
 */
import type { OnlineStatus } from '../contract/telemetry.contract.js';

export const k1Online = (
  run: OnlineStatus['run'],
  connectionSeq: number | undefined,
  at: string,
): OnlineStatus => ({
  connection: 'online',
  kioskId: 'k1',
  mode: 'inService',
  version: '1.0.0',
  journeysOffered: ['balance'],
  devices: [],
  heartbeatIntervalS: 10,
  run,
  ...(connectionSeq !== undefined && { connectionSeq }),
  at,
});
