/**
 * The demo panel (`DemoService`) for its unit specs: over the `emulators` given (and the card
 * making's last card face, none unless given), the sessions it tells (`notified`, each kind) and
 * hears end (`endSession()` tells its listeners a session ended), an issuance host with no QR order
 * pending, and the demo's back office when given (`connection`).
 */
import type { DevicesService } from '../devices/devices.service.js';
import type { HostConnection } from '../host/host-connection.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { DemoService } from './demo.service.js';
import type { SessionEnded, SessionsService } from './sessions.service.js';

export function demoPanelOver(
  emulators: Record<string, unknown>,
  options: {
    readonly cardMaking?: { lastFacePng: Buffer | null };
    readonly connection?: HostConnection;
  } = {},
) {
  const ends = new Set<(ended: SessionEnded) => void>();
  const notified: string[] = [];
  const devices = {
    emulators,
    cardMaking: options.cardMaking ?? { lastFacePng: null },
  } as unknown as DevicesService;
  const sessions = {
    notify: (kind: string) => void notified.push(kind),
    onSessionEnded: (listener: (ended: SessionEnded) => void) => {
      ends.add(listener);
      return () => ends.delete(listener);
    },
  } as unknown as SessionsService;
  const issuance = { onPendingQr: () => () => undefined, pendingQr: null } as unknown as IssuanceHostService;
  const demo = new DemoService(devices, sessions, issuance, options.connection);
  const endSession = () => {
    for (const listener of ends) listener({} as SessionEnded);
  };
  return { demo, notified, endSession };
}

/** The demo panel over the kiosk's opened `devices` (no session, no QR order). */
export function demoPanelOn(devices: DevicesService): DemoService {
  const sessions = { notify: () => undefined } as unknown as SessionsService;
  return new DemoService(devices, sessions, {} as IssuanceHostService);
}
