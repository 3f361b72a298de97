/**
 * The demo panel's "last card printed" shows the resident's card face (full name, ID number,
 * photo): it must leave the panel when that resident's session ends, and not be there for the next.
 */
import { demoPanelOver } from './demo-panel.spec-support.js';

function demoKiosk() {
  const cardMaking = { lastFacePng: null as Buffer | null };
  const emulators = { cardPrinter: { cardPosition: () => 'none', counts: () => ({ blank: 10 }) } };
  const { demo, endSession, notified } = demoPanelOver(emulators, { cardMaking });
  demo.onModuleInit();
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
