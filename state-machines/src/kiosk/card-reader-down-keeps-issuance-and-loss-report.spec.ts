/**
 * The fault: a card reader down (offline, in error, not connected) took every journey off the
 * menu and the kiosk out of service, the loss report and a new card made on the spot among them,
 * though neither uses the resident card reader (a new card's chip is written at the card printer's
 * chip station; a loss report identifies by the ID card and a face match). RULES.md offers journeys
 * by device health, "the rest stays up"; the only reason given ("every journey starts from the
 * card slot") dates from when the balance was the only journey. Now the reader down holds back the
 * journeys that take a card into it; those two stay offered, the kiosk degraded with
 * CARD_READER_DOWN (as with a card left in the reader).
 */
import { describe, expect, it } from '@jest/globals';
import type { DeviceState } from '@kiosk/domain';
import { transition } from 'xstate';
import { journeysOffered, serviceReasons } from './journeys-offered.js';
import { kioskMachine } from './kiosk.machine.js';
import { healthyKiosk, withDevice } from '../testing/device-statuses.js';
import { afterSelfTest } from '../testing/kiosk-self-test.js';

const WITHOUT_THE_READER = ['issueCard', 'reportLoss'];

describe('a card reader down keeps the journeys that do not use it', () => {
  it.each<DeviceState>(['offline', 'hardwareError', 'noDevice', 'powerOff', 'userError'])(
    'the card reader %s: a new card and a loss report offered, CARD_READER_DOWN the first reason',
    (state) => {
      const statuses = withDevice(healthyKiosk(), 'cardReader', state);
      expect(journeysOffered(statuses)).toEqual(WITHOUT_THE_READER);
      expect(serviceReasons(statuses)).toEqual(['CARD_READER_DOWN']);
    },
  );

  it('no card reader reported at all: the same', () => {
    const statuses = healthyKiosk().filter((s) => s.kind !== 'cardReader');
    expect(journeysOffered(statuses)).toEqual(WITHOUT_THE_READER);
  });

  it('the kiosk is degraded, not out of service, and out of service once those need what is down too', () => {
    let s = afterSelfTest(withDevice(healthyKiosk(), 'cardReader', 'hardwareError'));
    expect(s.value).toBe('degraded');
    expect(s.context.reason).toBe('CARD_READER_DOWN');
    expect(s.context.journeysOffered).toEqual(WITHOUT_THE_READER);
    // the camera down as well: nothing left to offer
    [s] = transition(kioskMachine, s, {
      type: 'DEVICES_CHANGED',
      statuses: withDevice(withDevice(healthyKiosk(), 'cardReader', 'hardwareError'), 'camera', 'offline'),
    });
    expect(s.value).toBe('outOfService');
    expect(s.context.reasons).toEqual(['CARD_READER_DOWN', 'CAMERA_DOWN']);
  });
});
