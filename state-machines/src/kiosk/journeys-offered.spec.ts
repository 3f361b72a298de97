import { describe, expect, it } from '@jest/globals';
import { JOURNEYS } from '@kiosk/domain';
import type { DeviceKind, DeviceState, DeviceStatus, SupplyStatus } from '@kiosk/domain';
import { journeysOffered, serviceReasons } from './journeys-offered.js';
import { healthyKiosk, withDevice, withSupply } from '../testing/device-statuses.js';

describe('journeysOffered', () => {
  it('offers every journey when every device is online and stocked', () => {
    expect(journeysOffered(healthyKiosk())).toEqual([...JOURNEYS]);
    expect(serviceReasons(healthyKiosk())).toEqual([]);
  });

  it.each<DeviceState>(['offline', 'hardwareError', 'noDevice', 'powerOff', 'userError'])(
    'offers only the journeys without the card reader when it is %s',
    (state) => {
      const statuses = withDevice(healthyKiosk(), 'cardReader', state);
      expect(journeysOffered(statuses)).toEqual(['issueCard', 'reportLoss']);
      expect(serviceReasons(statuses)[0]).toBe('CARD_READER_DOWN');
    },
  );

  it('offers only journeys without a PIN when the PIN pad is down', () => {
    expect(journeysOffered(withDevice(healthyKiosk(), 'pinPad', 'offline'))).toEqual([
      'issueCard',
      'replaceCard',
      'reportLoss',
    ]);
  });

  it.each<[string, DeviceKind, Partial<SupplyStatus> & { name: string }]>([
    ['no blanks', 'cardPrinter', { name: 'cardHopper', level: 'empty' }],
    ['no ribbon', 'cardPrinter', { name: 'ribbon', level: 'empty' }],
    ['a full reject bin', 'cardPrinter', { name: 'rejectBin', level: 'full' }],
  ])('stops issuance and replacement with %s', (_, kind, supply) => {
    const offered = journeysOffered(withSupply(healthyKiosk(), kind, supply));
    expect(offered).not.toContain('issueCard');
    expect(offered).not.toContain('replaceCard');
    expect(offered).toContain('withdraw');
  });

  it('stops issuance when the card printer is down, and says so', () => {
    const statuses = withDevice(healthyKiosk(), 'cardPrinter', 'hardwareError');
    expect(journeysOffered(statuses)).toEqual(
      JOURNEYS.filter((j) => j !== 'issueCard' && j !== 'replaceCard'),
    );
    expect(serviceReasons(statuses)).toEqual(['CARD_PRINTER_DOWN']);
  });

  it('stops withdrawal when every cassette is empty but not when one still holds notes', () => {
    const oneEmpty = withSupply(healthyKiosk(), 'cashDispenser', { name: 'cassette:upper', level: 'empty' });
    expect(journeysOffered(oneEmpty)).toContain('withdraw');
    const allEmpty = withSupply(oneEmpty, 'cashDispenser', { name: 'cassette:lower', level: 'empty' });
    expect(journeysOffered(allEmpty)).not.toContain('withdraw');
    expect(serviceReasons(allEmpty)).toEqual(['CASH_EMPTY']);
  });

  it('stops withdrawal when the retract bin is full', () => {
    const statuses = withSupply(healthyKiosk(), 'cashDispenser', { name: 'retractBin', level: 'full' });
    expect(journeysOffered(statuses)).not.toContain('withdraw');
  });

  it('keeps withdrawal and the records on screen when the paper runs out', () => {
    const statuses = withSupply(healthyKiosk(), 'receiptPrinter', { name: 'paper', level: 'empty' });
    const offered = journeysOffered(statuses);
    expect(offered).toContain('records');
    expect(offered).toContain('withdraw');
    expect(offered).toContain('balance');
    expect(serviceReasons(statuses)).toEqual(['PAPER_EMPTY']);
  });

  it('still offers on low stock', () => {
    const statuses = withSupply(healthyKiosk(), 'cardPrinter', { name: 'cardHopper', level: 'low' });
    expect(journeysOffered(statuses)).toContain('issueCard');
  });

  it('needs the ID reader and the camera for journeys that prove identity by face', () => {
    const offered = journeysOffered(withDevice(healthyKiosk(), 'camera', 'offline'));
    expect(offered).toEqual(['balance', 'records', 'changePin']);
  });

  it('treats a busy device as usable', () => {
    const statuses: DeviceStatus[] = withDevice(healthyKiosk(), 'cardReader', 'busy');
    expect(journeysOffered(statuses)).toEqual([...JOURNEYS]);
  });
});
