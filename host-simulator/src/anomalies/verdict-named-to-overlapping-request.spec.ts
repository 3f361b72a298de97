/**
 * The fault: an answer named in `x-anomalies` every verdict the host recorded for the kiosk while
 * the request was under way (and, for a request that named a card, for that card), not the
 * verdicts the request itself raised. A request of the same kiosk under way at the same time got
 * the other's verdict too: a card-less one (the boot's list of held withdrawals, a hold released by
 * serial) any verdict of the kiosk, one about the same card that card's. The kiosk tells the fleet
 * each verdict its answers name, so one verdict became two alerts, and the host's flag of a PIN
 * lock, which the PIN event's answer keeps from the fleet (the kiosk tells the lock itself), reached
 * it through the other answer. Now each answer names the verdicts its own request raised.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { startSimulator, type HostAnswer, type RunningSimulator } from '../testing/simulator-fixture.js';
import { ANOMALY_HEADER } from './anomaly-verdicts.js';

const li = demoResident('li')!;

describe('fault: a verdict is named to an overlapping request of the same kiosk', () => {
  let host: RunningSimulator;
  beforeEach(async () => {
    host = await startSimulator();
  });
  afterEach(() => host.close());

  const named = (answer: HostAnswer) => answer.headers.get(ANOMALY_HEADER);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('a card-less request under way while a reversal of retracted cash raises its flag: only the reversal names it', async () => {
    const held = await host.request('POST', '/v1/withdrawals/authorise', {
      body: { cardNumber: li.cardNumber, idNumber: li.idNumber, amountFen: 10_000, transactionSerial: 'A1' },
      idempotencyKey: 'JZ-0001:A1',
    });
    expect(held.status).toBe(200);
    const { authorisationId } = held.json();
    // every answer held back 200 ms: the two requests are under way at the same time
    host.simulator.faults.set({ delayMs: 200 });
    const reversal = host.request('POST', `/v1/withdrawals/${authorisationId}/reverse`, {
      body: { reason: 'retracted' },
      idempotencyKey: 'JZ-0001:A1:reverse',
    });
    await pause(50);
    const list = host.request('GET', '/v1/withdrawals?status=authorised');
    const [reversed, listed] = await Promise.all([reversal, list]);
    expect(reversed.status).toBe(200);
    expect(listed.status).toBe(200);
    expect(named(reversed)).toBe('retractedCash=flag');
    expect(named(listed)).toBeNull();
  });

  it("the lock's flag while a card lookup of the same card is under way: only the PIN event names it", async () => {
    host.simulator.faults.set({ delayMs: 200 });
    const lock = host.request('POST', `/v1/cards/${li.cardNumber}/pin-events`, {
      body: { outcome: 'blocked' },
      idempotencyKey: 'JZ-0001:T1:1:pin-blocked',
    });
    await pause(50);
    const lookup = host.request('GET', `/v1/cards/${li.cardNumber}`);
    const [locked, looked] = await Promise.all([lock, lookup]);
    expect(named(locked)).toBe('pinFailures=flag');
    expect(named(looked)).toBeNull();
  });

  it('two card-less requests at once, neither raising a verdict, while another kiosk raises one: neither names it', async () => {
    host.simulator.faults.set({ delayMs: 200 });
    const lists = [host.request('GET', '/v1/withdrawals'), host.request('GET', '/v1/withdrawals?limit=5')];
    await pause(50);
    // another kiosk's PIN lock of a card at the same time
    const other = host.request('POST', `/v1/cards/${li.cardNumber}/pin-events`, {
      body: { outcome: 'blocked' },
      idempotencyKey: 'JZ-0002:T1:1:pin-blocked',
      kiosk: 'JZ-0002',
    });
    const answers = await Promise.all([...lists, other]);
    expect(answers.map(named)).toEqual([null, null, 'pinFailures=flag']);
  });
});
