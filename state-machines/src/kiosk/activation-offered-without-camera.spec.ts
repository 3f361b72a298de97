/**
 * Fault: PIN activation was offered with the camera or the resident-ID reader down. The session
 * asks the ID card and a face match before it activates a card (`needsIdAndFace`: the README's
 * "insert the newly made card, place the ID card"), but the journeys offered did not count them
 * among activation's needs: the resident inserted the card, was asked for the ID card, and the
 * session failed at the face match with the device down, the card handed back unactivated. Now
 * every journey the session identifies the resident for is held back while either device is down.
 */
import { describe, expect, it } from '@jest/globals';
import { JOURNEYS } from '@kiosk/domain';
import { needsIdAndFace } from '../session/session-journeys.js';
import { healthyKiosk, withDevice } from '../testing/device-statuses.js';
import { journeysOffered, serviceReasons } from './journeys-offered.js';

describe('journeys that ask the ID card and the face are not offered without the devices', () => {
  it.each(['camera', 'idReader'] as const)('holds PIN activation back with the %s offline', (kind) => {
    const statuses = withDevice(healthyKiosk(), kind, 'offline');
    expect(journeysOffered(statuses)).not.toContain('activatePin');
    expect(serviceReasons(statuses)).toEqual([kind === 'camera' ? 'CAMERA_DOWN' : 'ID_READER_DOWN']);
  });

  it.each(['camera', 'idReader'] as const)(
    'offers no journey the session asks the ID card and the face for, with the %s offline',
    (kind) => {
      const offered = journeysOffered(withDevice(healthyKiosk(), kind, 'offline'));
      expect(offered.filter((journey) => needsIdAndFace(journey))).toEqual([]);
      expect(offered).toEqual(JOURNEYS.filter((journey) => !needsIdAndFace(journey)));
    },
  );
});
