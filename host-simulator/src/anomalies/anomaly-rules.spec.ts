import { describe, expect, it } from '@jest/globals';
import { anomalyHost, li } from './anomaly-host.spec-support.js';

const DAY = 86_400_000;

describe('anomaly rules', () => {
  const sim = anomalyHost();
  const { authorise } = sim;
  let n = 0;

  const pinEvent = (outcome: string) =>
    sim.host.request('POST', `/v1/cards/${li.cardNumber}/pin-events`, {
      body: { outcome },
      idempotencyKey: `p-${++n}`,
    });
  const rules = () => sim.host.simulator.state.anomalies.map((a) => `${a.rule}:${a.action}`);

  it('flags three wrong PINs and blocks withdrawals at six', async () => {
    for (let i = 1; i <= 2; i += 1) expect((await pinEvent('wrong')).json().flagged).toBe(false);
    const third = (await pinEvent('wrong')).json();
    expect(third).toMatchObject({ recentFailures: 3, flagged: true, withdrawalsBlocked: false });
    for (let i = 4; i <= 6; i += 1) await pinEvent('wrong');
    expect(rules()).toContain('pinFailures:block');
    expect((await authorise(10_000)).json().code).toBe('ANOMALY_BLOCKED');
    sim.host.simulator.anomalies.clearBlock(li.cardNumber);
    expect((await authorise(10_000)).status).toBe(200);
  });

  it('forgets wrong PINs outside the 24-hour window', async () => {
    await pinEvent('wrong');
    await pinEvent('wrong');
    sim.clock = new Date(sim.clock.getTime() + DAY + 1);
    expect((await pinEvent('wrong')).json()).toMatchObject({ recentFailures: 1, flagged: false });
  });

  it('flags a PIN locked on the card', async () => {
    expect((await pinEvent('blocked')).json().flagged).toBe(true);
    expect(rules()).toEqual(['pinFailures:flag']);
  });

  it('blocks withdrawals when the same card is used at two kiosks within minutes', async () => {
    await sim.host.request('GET', `/v1/cards/${li.cardNumber}`, { kiosk: 'JZ-0001' });
    sim.clock = new Date(sim.clock.getTime() + 3 * 60_000);
    const res = await authorise(10_000, 'JZ-0002');
    expect(res.json().code).toBe('ANOMALY_BLOCKED');
    expect(sim.host.simulator.state.anomalies.at(-1)).toMatchObject({
      rule: 'sameCardTwoKiosks',
      kioskId: 'JZ-0002',
    });
  });

  it('allows the card at another kiosk after the window', async () => {
    await sim.host.request('GET', `/v1/cards/${li.cardNumber}`, { kiosk: 'JZ-0001' });
    sim.clock = new Date(sim.clock.getTime() + 11 * 60_000);
    expect((await authorise(10_000, 'JZ-0002')).status).toBe(200);
    expect(sim.host.simulator.state.anomalies).toHaveLength(0);
  });

  it('flags near-cap withdrawals on two consecutive days and blocks on the third', async () => {
    for (let day = 0; day < 3; day += 1) {
      sim.clock = new Date(Date.parse('2026-11-26T02:00:00.000Z') + day * DAY);
      expect((await authorise(50_000)).status).toBe(200);
      expect((await authorise(40_000)).status).toBe(200);
    }
    expect(rules()).toEqual(['nearCapConsecutiveDays:flag', 'nearCapConsecutiveDays:block']);
    sim.clock = new Date(Date.parse('2026-11-26T02:00:00.000Z') + 3 * DAY);
    expect((await authorise(10_000)).json().code).toBe('ANOMALY_BLOCKED');
  });

  it('does not count near-cap days with a gap between them', async () => {
    for (const day of [0, 2, 4]) {
      sim.clock = new Date(Date.parse('2026-11-26T02:00:00.000Z') + day * DAY);
      await authorise(50_000);
      await authorise(50_000);
    }
    expect(rules()).toEqual([]);
  });

  it('flags retracted cash and blocks at the second retraction within a day', async () => {
    const retract = async () => {
      const w = (await authorise(10_000)).json();
      await sim.host.request('POST', `/v1/withdrawals/${w.authorisationId}/reverse`, {
        body: { reason: 'retracted' },
        idempotencyKey: `r-${++n}`,
      });
    };
    await retract();
    expect(rules()).toEqual(['retractedCash:flag']);
    await retract();
    expect(rules()).toEqual(['retractedCash:flag', 'retractedCash:block']);
    expect(sim.host.simulator.state.cards.get(li.cardNumber)?.withdrawalBlock).toBe('retractedCash');
    expect(sim.host.simulator.state.audit.some((e) => e.action === 'anomaly.retractedCash.block')).toBe(true);
  });
});
