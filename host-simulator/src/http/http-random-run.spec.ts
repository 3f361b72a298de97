/**
 * A seeded random run over real HTTP: withdrawals authorised, confirmed and reversed by two
 * kiosks, with replays of earlier requests and injected host faults followed by retries under the
 * same idempotency key. Every replay must return the first answer byte for byte, nothing may be
 * booked twice, and the ledger must balance at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SystemAccount } from '../ledger/ledger.js';
import { createPrng } from '../seed/prng.js';
import { startSimulator, type HostAnswer, type RunningSimulator } from '../testing/simulator-fixture.js';

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly key: string;
  readonly kiosk: string;
  readonly answer: HostAnswer;
}

describe('seeded random run over HTTP with replays and faults', () => {
  let host: RunningSimulator;
  let clock = new Date('2026-11-26T01:00:00.000Z');
  beforeAll(async () => {
    host = await startSimulator({
      residents: 40,
      now: () => clock,
      rules: { twoKioskWindowMinutes: 1, nearCapDaysToBlock: 10_000, retractionsToBlock: 10_000 },
    });
  });
  afterAll(() => host.close());

  it('keeps every replay identical and the ledger balanced over 600 operations', async () => {
    const prng = createPrng(8);
    const ctx = host.simulator.context;
    const cards = [...ctx.store.cards.values()].filter((c) => c.state === 'active').slice(0, 12);
    const sent: Sent[] = [];
    const open: { id: string; kiosk: string }[] = [];
    let n = 0;
    let replays = 0;
    let faultsInjected = 0;

    const send = async (method: string, path: string, body: unknown, kiosk: string, key: string) => {
      const answer = await host.request(method, path, { body, kiosk, idempotencyKey: key });
      if (answer.status < 500) sent.push({ method, path, body, key, kiosk, answer });
      return answer;
    };

    for (let i = 0; i < 600; i += 1) {
      clock = new Date(clock.getTime() + prng.int(1, 180) * 60_000);
      const kiosk = prng.chance(0.5) ? 'JZ-0001' : 'JZ-0002';
      const fault = prng.chance(0.08);
      if (fault) {
        host.simulator.faults.set({ failWith: { status: 503, code: 'HOST_UNREACHABLE' } });
        faultsInjected += 1;
      }
      const roll = prng.next();
      let request: { method: string; path: string; body: unknown; key: string; kiosk: string };
      if (roll < 0.15 && sent.length > 0) {
        const earlier = prng.pick(sent);
        request = { ...earlier };
      } else if (roll < 0.6 || open.length === 0) {
        const card = prng.pick(cards);
        const serial = `S${++n}`;
        request = {
          method: 'POST',
          path: '/v1/withdrawals/authorise',
          body: {
            cardNumber: card.cardNumber,
            idNumber: ctx.store.holderOf(card).idNumber,
            amountFen: prng.int(1, 6) * 10_000,
            transactionSerial: serial,
          },
          key: `${kiosk}:${serial}`,
          kiosk,
        };
      } else {
        const { id, kiosk: owner } = open.splice(prng.int(0, open.length - 1), 1)[0]!;
        const confirm = prng.chance(0.6);
        request = {
          method: 'POST',
          path: `/v1/withdrawals/${id}/${confirm ? 'confirm' : 'reverse'}`,
          body: confirm ? {} : { amountFen: prng.chance(0.5) ? 10_000 : undefined, reason: 'dispenseFault' },
          key: `${owner}:${id}:${++n}`,
          kiosk: owner,
        };
      }
      const first = await send(request.method, request.path, request.body, request.kiosk, request.key);
      if (fault) {
        expect(first.status).toBe(503);
        host.simulator.faults.clear();
        await send(request.method, request.path, request.body, request.kiosk, request.key);
      }
      const latest = sent.at(-1);
      if (latest?.key === request.key && latest.answer.headers.get('idempotent-replay') === 'true') {
        replays += 1;
        const original = sent.find((s) => s.key === request.key && s.kiosk === request.kiosk);
        expect(latest.answer.text).toBe(original?.answer.text);
      }
      const answer = latest?.key === request.key ? latest.answer : undefined;
      if (answer?.status === 200 && request.path === '/v1/withdrawals/authorise') {
        const view = answer.json();
        if (view.status === 'authorised' && !open.some((o) => o.id === view.authorisationId)) {
          open.push({ id: view.authorisationId, kiosk: request.kiosk });
        }
      }
    }

    const { ledger } = ctx.store;
    expect(ledger.isBalanced()).toBe(true);
    const withdrawals = [...ctx.store.withdrawals.values()];
    expect(ledger.balanceOf(SystemAccount.withdrawalHolds)).toBe(
      withdrawals.reduce((s, w) => s + w.heldFen, 0),
    );
    const serials = new Set(withdrawals.map((w) => `${w.kioskId}:${w.transactionSerial}`));
    expect(serials.size).toBe(withdrawals.length);
    for (const w of withdrawals) expect(w.heldFen + w.paidFen + w.reversedFen).toBe(w.amountFen);
    expect(replays).toBeGreaterThan(30);
    expect(faultsInjected).toBeGreaterThan(20);
    // 600 HTTP round trips: about a second on a quiet machine, several on a loaded one.
  }, 60_000);
});
