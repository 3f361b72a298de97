/**
 * "Anything else?" after a card made on the spot: the new card is in the resident's hand, not in
 * the reader, and not activated. The screen said "choose another service with the same card, or
 * finish to get your card back" and offered balance, records, withdrawal and PIN change, each of
 * which a new card refuses; the activation the rules say to offer was not there. Now it offers
 * activating the new card and says how, in both languages; with the card in, nothing changes.
 */
import type { KioskView } from '@kiosk/domain';
import { balanceSession } from './sample-views';
import { renderSession } from './session-screen.spec-support';
import type { JourneyView } from '../gateway/proposed-contract';

const kiosk: KioskView = {
  kioskId: 'JZ-9001',
  mode: 'inService',
  journeysOffered: ['balance', 'records', 'withdraw', 'issueCard', 'replaceCard', 'activatePin', 'changePin'],
  devices: [],
  demo: false,
};

function render(journey: JourneyView['journey'], locale: 'zh-CN' | 'en'): string {
  const view = balanceSession({ journey, step: 'chooseJourney' });
  return renderSession(view, locale, { kiosk });
}

describe('"anything else?" after card making', () => {
  it.each(['issueCard', 'replaceCard'] as const)(
    '%s: offers activating the new card, nothing else',
    (journey) => {
      for (const locale of ['en', 'zh-CN'] as const) {
        const html = render(journey, locale);
        const offered = [...html.matchAll(/data-testid="journey-(\w+)"/g)].map((m) => m[1]);
        expect(offered).toEqual(['activatePin']);
      }
      const en = render(journey, 'en');
      expect(en).toContain('Your new card is ready');
      expect(en).not.toContain('same card');
      expect(en).toContain('>Done<');
      const zh = render(journey, 'zh-CN');
      expect(zh).toContain('新卡已制好');
      expect(zh).not.toContain('本卡');
    },
  );

  it('with the card in the reader: the card services, as before', () => {
    const offered = [...render('records', 'en').matchAll(/data-testid="journey-(\w+)"/g)].map((m) => m[1]);
    expect(offered).toEqual(['balance', 'records', 'withdraw', 'changePin']);
  });
});
