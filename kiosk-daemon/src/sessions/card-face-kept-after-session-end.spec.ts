/**
 * The demo panel's "last card printed" shows the resident's card face (full name, ID number,
 * photo): it must leave the panel when that resident's session ends, and not be there for the next.
 */
import type { DevicesService } from '../devices/devices.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { DemoService } from './demo.service.js';
import type { SessionEnded, SessionsService } from './sessions.service.js';

function demoKiosk() {
  const ends = new Set<(ended: SessionEnded) => void>();
  const notified: string[] = [];
  const cardMaking = { lastFacePng: null as Buffer | null };
  const devices = {
    emulators: { cardPrinter: { cardPosition: () => 'none', counts: () => ({ blank: 10 }) } },
    cardMaking,
  } as unknown as DevicesService;
  const sessions = {
    notify: (kind: string) => void notified.push(kind),
    onSessionEnded: (listener: (ended: SessionEnded) => void) => {
      ends.add(listener);
      return () => ends.delete(listener);
    },
  } as unknown as SessionsService;
  const issuance = { onPendingQr: () => () => undefined, pendingQr: null } as unknown as IssuanceHostService;
  const demo = new DemoService(devices, sessions, issuance);
  demo.onModuleInit();
  const endSession = () => {
    for (const listener of ends) listener({} as SessionEnded);
  };
  return { demo, cardMaking, endSession, notified };
}

describe('the demo panel’s last card printed', () => {
  it('shows the card face printed in the session, and drops it when the session ends', () => {
    const k = demoKiosk();
    k.cardMaking.lastFacePng = Buffer.from('face of ZHANG San, 410803196211092425');
    const url = k.demo.state().newCard?.facePngUrl;
    expect(url).toMatch(/^\/demo\/images\/[0-9a-f]{16}\.png$/);

    k.endSession();
    expect(k.demo.state().newCard?.facePngUrl).toBeUndefined();
    // the image's address serves nothing any more, and the panel was told
    expect(k.demo.images.byName(url!.split('/').pop()!)).toBeUndefined();
    expect(k.cardMaking.lastFacePng).toBeNull();
    expect(k.notified).toContain('demo');
    k.demo.onModuleDestroy();
  });
});
