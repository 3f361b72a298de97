/**
 * What the withdrawal specs of the simulator share: a fresh simulator before each case on a clock
 * the spec sets (10:00 in Jiaozuo), started again with other rules where a case asks, and the
 * kiosk's calls: authorise (li by default, a new transaction serial each), confirm, reverse, and
 * the card's balance.
 */
import { afterAll, beforeEach } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import type { HostRulesInput } from '../rules/host-rules.js';
import { startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';

export const li = demoResident('li')!; // 12 045.50 yuan
export const zhang = demoResident('zhang')!; // 3 567.80 yuan

/** The simulator of the case and the kiosk's calls to it. */
export function withdrawalsHost() {
  let host: RunningSimulator;
  let clock: Date;
  let serial = 0;
  beforeEach(async () => {
    await host?.close();
    clock = new Date('2026-11-26T02:00:00.000Z'); // 10:00 in Jiaozuo
    host = await startSimulator({ now: () => clock });
  });
  afterAll(() => host.close());

  return {
    get host() {
      return host;
    },
    get clock() {
      return clock;
    },
    set clock(at: Date) {
      clock = at;
    },
    /** the simulator started again, on the same clock, with `rules` */
    async restart(rules: HostRulesInput): Promise<void> {
      await host.close();
      host = await startSimulator({ now: () => clock, rules });
    },
    authorise(amountFen: number, who = li, key?: string, kiosk?: string) {
      const transactionSerial = `T${String(++serial).padStart(6, '0')}`;
      return host.request('POST', '/v1/withdrawals/authorise', {
        body: { cardNumber: who.cardNumber, idNumber: who.idNumber, amountFen, transactionSerial },
        idempotencyKey: key ?? `${kiosk ?? 'JZ-0001'}:${transactionSerial}`,
        ...(kiosk ? { kiosk } : {}),
      });
    },
    confirm: (id: string, key = `c-${id}`) =>
      host.request('POST', `/v1/withdrawals/${id}/confirm`, { body: {}, idempotencyKey: key }),
    reverse: (id: string, body: object, key = `r-${id}-${++serial}`) =>
      host.request('POST', `/v1/withdrawals/${id}/reverse`, { body, idempotencyKey: key }),
    balanceOf: (who = li) => host.simulator.state.balanceOfCard(who.cardNumber),
  };
}
