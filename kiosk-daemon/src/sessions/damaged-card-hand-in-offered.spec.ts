/**
 * A damaged card is taken in for its replacement only where the card reader can keep it: the reader
 * works and its capture bin has room. Elsewhere the replacement asks nothing and reports the old
 * card lost, as before.
 */
import { loadConfig } from '@kiosk/config';
import type { DeviceStatus, SupplyStatus } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import { sessionInputOf, takesDamagedCardsIn } from './session-input.js';

function withReader(device: DeviceStatus['device'], supplies: readonly SupplyStatus[]): DevicesService {
  const status: DeviceStatus = {
    kind: 'cardReader',
    device,
    supplies,
    driver: 'emulator',
    updatedAt: '2026-11-26T08:00:00Z',
  };
  return { cardReader: { status: () => status } } as unknown as DevicesService;
}

describe('whether a replacement offers to hand in a damaged card', () => {
  it('offers it where the reader works and its capture bin has room', () => {
    expect(takesDamagedCardsIn(withReader('online', [{ name: 'captureBin', level: 'ok', count: 3 }]))).toBe(
      true,
    );
  });

  it('fault: capture bin full: not offered (the card could not be kept)', () => {
    expect(
      takesDamagedCardsIn(withReader('online', [{ name: 'captureBin', level: 'full', count: 50 }])),
    ).toBe(false);
  });

  it('fault: card reader offline: not offered', () => {
    expect(takesDamagedCardsIn(withReader('offline', [{ name: 'captureBin', level: 'ok', count: 0 }]))).toBe(
      false,
    );
  });

  it('a reader without a capture bin: not offered', () => {
    expect(takesDamagedCardsIn(withReader('online', []))).toBe(false);
  });
});

describe('the configuration decides whether the kiosk takes damaged cards in', () => {
  const reader = withReader('online', [{ name: 'captureBin', level: 'ok', count: 0 }]);
  const devicesWith = {
    ...reader,
    receiptPrinter: { status: () => ({ kind: 'receiptPrinter', device: 'online', supplies: [] }) },
    cashDispenser: { cassettes: () => [] },
  } as unknown as DevicesService;
  const offered = (profile: string, overrides: readonly string[] = []) =>
    sessionInputOf(loadConfig({ profile, overrides }), devicesWith, 's-1', ['replaceCard']).journeyOptions
      ?.issue?.handInDamaged;

  it('on in the demo profile (and by default), off in the test profile unless a spec turns it on', () => {
    expect(offered('demo')).toBe(true);
    expect(offered('test')).toBe(false);
    expect(offered('test', ['card.damagedCardHandIn=true'])).toBe(true);
  });
});
