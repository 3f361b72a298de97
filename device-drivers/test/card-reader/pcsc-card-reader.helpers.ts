/**
 * What pcsc-card-reader's cases share: the day its cards are read on, a PIN as the pad gives it,
 * a visitor's card the demo set does not hold (another city's ID number and card number), and the
 * wait for the reader's status to become a given one.
 */
import { SecurePin } from '../../src/common/secure-pin.js';
import { cardMemoryOf, demoCardSpec, type PcscCardReader } from '../../src/card-reader/index.js';
import { demoResident, makeResidentId, type DeviceStatus } from '@kiosk/domain';

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

/** Resolves once the reader's status is `device`; rejects naming the status it is after `ms`. */
export function waitForStatus(
  reader: PcscCardReader,
  device: DeviceStatus['device'],
  ms = 10_000,
): Promise<void> {
  if (reader.status().device === device) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`status never became ${device} (is ${reader.status().device})`));
    }, ms);
    const off = reader.onStatus((s) => {
      if (s.device !== device) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}
