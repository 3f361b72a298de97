/**
 * What the withdrawal specs of the simulator share: a fresh simulator before each case on a clock
 * the spec sets (10:00 in Jiaozuo), started again with other rules where a case asks, and the
 * kiosk's calls: authorise (li by default, a new transaction serial each), confirm, reverse, and
 * the card's balance.
 */
import { demoResident } from '@kiosk/domain';
import { simulatorPerCase } from '../testing/simulator-per-case.spec-support.js';

export const li = demoResident('li')!; // 12 045.50 yuan
export const zhang = demoResident('zhang')!; // 3 567.80 yuan

/** The simulator of the case, its clock, and the kiosk's calls to it. */
export function withdrawalsHost() {
  const sim = simulatorPerCase();
  let serial = 0;
  return Object.assign(sim, {
    authorise(amountFen: number, who = li, key?: string, kiosk?: string) {
      const transactionSerial = `T${String(++serial).padStart(6, '0')}`;
      return sim.host.request('POST', '/v1/withdrawals/authorise', {
        body: { cardNumber: who.cardNumber, idNumber: who.idNumber, amountFen, transactionSerial },
        idempotencyKey: key ?? `${kiosk ?? 'JZ-0001'}:${transactionSerial}`,
        ...(kiosk ? { kiosk } : {}),
      });
    },
    confirm: (id: string, key = `c-${id}`) =>
      sim.host.request('POST', `/v1/withdrawals/${id}/confirm`, { body: {}, idempotencyKey: key }),
    reverse: (id: string, body: object, key = `r-${id}-${++serial}`) =>
      sim.host.request('POST', `/v1/withdrawals/${id}/reverse`, { body, idempotencyKey: key }),
    balanceOf: (who = li) => sim.host.simulator.state.balanceOfCard(who.cardNumber),
  });
}
