/**
 * What the card reader's specs share, over the emulator or through pcscd: the day their cards are
 * read on, a PIN as the pad gives it, and a visitor's card the demo set does not hold (another
 * city's ID number and card number).
 */
import { demoResident, makeResidentId } from '@kiosk/domain';
import { SecurePin } from '../common/secure-pin.js';
import { cardMemoryOf, demoCardSpec } from './virtual-card/demo-cards.js';

export const today = new Date('2026-11-26');

export const pinOf = (s: string) => SecurePin.fromKeys([...s].map(Number));

export const visitor = (() => {
  const spec = demoCardSpec({ ...demoResident('li')!, key: 'visitor' }, today);
  return cardMemoryOf({
    ...spec,
    fields: {
      ...spec.fields,
      idNumber: makeResidentId('410105', '19621109', 242),
      birthPlace: '410105',
      issuingOrganisation: '41010000000001',
      cardNumber: 'H41010000999',
    },
  });
})();
