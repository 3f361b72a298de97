/**
 * The fault: the host's anomaly verdicts (RULES.md, "Anomaly monitoring": flagged to the host AND
 * the fleet) stayed in the sim.host. The host ran the rules and kept the records, but no answer said
 * so: the kiosk that asked, the fleet's only road, never learned of a card used at two kiosks
 * within minutes or of withdrawals near the cap on consecutive days, unless a later withdrawal was
 * refused. Now each answer names the verdicts its request raised for that kiosk in `x-anomalies`.
 */
import { describe, expect, it } from '@jest/globals';
import { anomalyHost, li } from './anomaly-host.spec-support.js';
import { ANOMALY_HEADER, parseAnomalyVerdicts } from './anomaly-verdicts.js';

const DAY = 86_400_000;
const START = Date.parse('2026-11-26T02:00:00.000Z');

describe("fault: the host's anomaly verdicts are not told to the kiosk that asked", () => {
  const sim = anomalyHost();
  const { authorise } = sim;
  let n = 0;

  const told = (answer: { headers: Headers }) => answer.headers.get(ANOMALY_HEADER);

  it('the same card at two kiosks within minutes: the second kiosk is told the block, with its refusal', async () => {
    const first = await sim.host.request('GET', `/v1/cards/${li.cardNumber}`, { kiosk: 'JZ-0001' });
    expect(told(first)).toBeNull();
    sim.clock = new Date(START + 3 * 60_000);
    const refused = await authorise(10_000, 'JZ-0002');
    expect(refused.json().code).toBe('ANOMALY_BLOCKED');
    expect(told(refused)).toBe('sameCardTwoKiosks=block');
  });

  it('withdrawals near the cap on consecutive days: the flag on the second day, the block on the third', async () => {
    const headers: (string | null)[] = [];
    for (let day = 0; day < 3; day += 1) {
      sim.clock = new Date(START + day * DAY);
      headers.push(told(await authorise(50_000)), told(await authorise(40_000)));
    }
    expect(headers).toEqual([
      null,
      null,
      null,
      'nearCapConsecutiveDays=flag',
      null,
      'nearCapConsecutiveDays=block',
    ]);
  });

  it('wrong PINs flagged: told with the PIN event that crossed the count, not with the ones before', async () => {
    const pinEvent = () =>
      sim.host.request('POST', `/v1/cards/${li.cardNumber}/pin-events`, {
        body: { outcome: 'wrong' },
        idempotencyKey: `p-${++n}`,
      });
    expect([told(await pinEvent()), told(await pinEvent()), told(await pinEvent())]).toEqual([
      null,
      null,
      'pinFailures=flag',
    ]);
  });

  it('fault: a replay of an answer that did not reach the kiosk loses its verdicts', async () => {
    await sim.host.request('GET', `/v1/cards/${li.cardNumber}`, { kiosk: 'JZ-0001' });
    const body = {
      cardNumber: li.cardNumber,
      idNumber: li.idNumber,
      amountFen: 10_000,
      transactionSerial: 'R1',
    };
    const ask = () =>
      sim.host.request('POST', '/v1/withdrawals/authorise', {
        body,
        idempotencyKey: 'JZ-0002:R1',
        kiosk: 'JZ-0002',
      });
    expect(told(await ask())).toBe('sameCardTwoKiosks=block');
    const replay = await ask();
    expect(replay.headers.get('idempotent-replay')).toBe('true');
    expect(told(replay)).toBe('sameCardTwoKiosks=block');
    // a request that raises nothing names nothing, replayed or not
    const body2 = { ...body, transactionSerial: 'R2' };
    const quiet = () =>
      sim.host.request('POST', '/v1/withdrawals/authorise', {
        body: body2,
        idempotencyKey: 'JZ-0001:R2',
        kiosk: 'JZ-0001',
      });
    sim.clock = new Date(START + 20 * 60_000);
    expect([told(await quiet()), told(await quiet())]).toEqual([null, null]);
  });

  it('the kiosk reads the verdicts it knows and leaves out what a newer host may send', () => {
    expect(parseAnomalyVerdicts('sameCardTwoKiosks=block, nearCapConsecutiveDays=flag')).toEqual([
      { rule: 'sameCardTwoKiosks', action: 'block' },
      { rule: 'nearCapConsecutiveDays', action: 'flag' },
    ]);
    expect(
      parseAnomalyVerdicts('nightUse=flag, pinFailures=hold, retractedCash=flag=x, retractedCash=flag'),
    ).toEqual([{ rule: 'retractedCash', action: 'flag' }]);
    expect(parseAnomalyVerdicts(undefined)).toEqual([]);
  });
});
