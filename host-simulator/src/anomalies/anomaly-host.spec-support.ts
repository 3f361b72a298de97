/**
 * What the anomaly specs of the simulator share: a fresh simulator for each case on the spec's
 * clock, and li's withdrawal authorised at a kiosk (JZ-0001 unless named), a new serial each.
 */
import { demoResident } from '@kiosk/domain';
import { simulatorPerCase } from '../testing/simulator-per-case.spec-support.js';

export const li = demoResident('li')!;

/** The simulator of the case, its clock, and li's withdrawals authorised at a kiosk. */
export function anomalyHost() {
  const sim = simulatorPerCase();
  let serial = 0;
  return Object.assign(sim, {
    authorise(amountFen: number, kiosk = 'JZ-0001') {
      const transactionSerial = `A${++serial}`;
      return sim.host.request('POST', '/v1/withdrawals/authorise', {
        body: { cardNumber: li.cardNumber, idNumber: li.idNumber, amountFen, transactionSerial },
        idempotencyKey: `${kiosk}:${transactionSerial}`,
        kiosk,
      });
    },
  });
}
