import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RECORD_DETAILS, demoResident, makeResidentId } from '@kiosk/domain';
import { AccountRecords, BalanceAnswer } from './accounts.schemas.js';
import { CardInfo } from '../cards/cards.schemas.js';
import type { CardState } from '../store/host-store.js';
import { startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';

const zhang = demoResident('zhang')!;
const li = demoResident('li')!;
const wang = demoResident('wang')!;
const zhao = demoResident('zhao')!;

describe('cards and personal accounts', () => {
  let host: RunningSimulator;
  let clock = new Date('2026-11-26T10:00:00.000Z');
  beforeAll(async () => {
    host = await startSimulator({ residents: 60, now: () => clock });
  });
  afterAll(() => host.close());

  const balance = (cardNumber: string, idNumber: string) =>
    host.request('POST', '/v1/accounts/balance', { body: { cardNumber, idNumber } });
  const generatedCard = (state: CardState) => {
    const card = [...host.simulator.state.cards.values()].find(
      (c) => c.state === state && c.cardNumber.startsWith('H41080001'),
    );
    if (!card) throw new Error(`no generated ${state} card`);
    const holder = host.simulator.state.residents.get(card.residentNo)!;
    return { cardNumber: card.cardNumber, idNumber: holder.idNumber };
  };

  it('describes a demo card and its holder', async () => {
    const res = await host.request('GET', `/v1/cards/${zhang.cardNumber}`);
    expect(res.status).toBe(200);
    expect(CardInfo.parse(res.json())).toEqual({
      cardNumber: zhang.cardNumber,
      state: 'active',
      idNumber: zhang.idNumber,
      name: zhang.name,
      issueDate: '2020-06-01',
      expiryDate: '2030-06-01',
      regionCode: '410800',
    });
  });

  it('answers an unknown card with 404 CARD_NOT_FOUND', async () => {
    const res = await host.request('GET', '/v1/cards/H49999999999');
    expect(res.status).toBe(404);
    expect(res.json().code).toBe('CARD_NOT_FOUND');
  });

  it('refuses a malformed card number with 400 HOST_BAD_REQUEST', async () => {
    const res = await host.request('GET', '/v1/cards/not-a-card');
    expect(res.status).toBe(400);
    expect(res.json().code).toBe('HOST_BAD_REQUEST');
  });

  it('gives the balance of an active card to its holder', async () => {
    const res = await balance(li.cardNumber, li.idNumber);
    expect(res.status).toBe(200);
    expect(BalanceAnswer.parse(res.json())).toEqual({
      cardNumber: li.cardNumber,
      balanceFen: li.balanceFen,
      asOf: '2026-11-26T10:00:00.000Z',
    });
  });

  it('accepts a lowercase x check character in the ID number', async () => {
    const card = [...host.simulator.state.cards.values()].find(
      (c) => c.state === 'active' && host.simulator.state.residents.get(c.residentNo)?.idNumber.endsWith('X'),
    );
    const idWithX = card && host.simulator.state.residents.get(card.residentNo);
    if (!card || !idWithX) throw new Error('the seed holds no active card of an X-ending ID number');
    const res = await balance(card.cardNumber, idWithX.idNumber.toLowerCase());
    expect(res.status).toBe(200);
  });

  it('refuses an expired card with CARD_EXPIRED', async () => {
    const res = await balance(wang.cardNumber, wang.idNumber);
    expect(res.status).toBe(409);
    expect(res.json().code).toBe('CARD_EXPIRED');
  });

  it('refuses a made card not yet activated with CARD_NOT_ACTIVE', async () => {
    const res = await balance(zhao.cardNumber, zhao.idNumber);
    expect(res.status).toBe(409);
    expect(res.json()).toEqual({ code: 'CARD_NOT_ACTIVE', message: expect.stringMatching(/activate/) });
  });

  it.each(['lost', 'cancelled', 'temporarilyLost'] as const)(
    'refuses a %s card with CARD_NOT_ACTIVE',
    async (state) => {
      const { cardNumber, idNumber } = generatedCard(state);
      const res = await balance(cardNumber, idNumber);
      expect(res.status).toBe(409);
      expect(res.json().code).toBe('CARD_NOT_ACTIVE');
    },
  );

  it('refuses a card with another resident’s ID number with ID_MISMATCH', async () => {
    const res = await balance(zhang.cardNumber, li.idNumber);
    expect(res.status).toBe(403);
    expect(res.json().code).toBe('ID_MISMATCH');
    expect(res.text).not.toContain(li.idNumber);
  });

  it('refuses an unknown card with CARD_NOT_FOUND', async () => {
    const res = await balance('H49999999999', zhang.idNumber);
    expect(res.status).toBe(404);
    expect(res.json().code).toBe('CARD_NOT_FOUND');
  });

  it('refuses an ID number with a wrong check character as a bad request, naming no value', async () => {
    const good = makeResidentId('410802', '19800315', 131);
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const res = await balance(zhang.cardNumber, bad);
    expect(res.status).toBe(400);
    expect(res.json().code).toBe('HOST_BAD_REQUEST');
    expect(res.json().message).toContain('idNumber');
    expect(res.text).not.toContain(bad);
  });

  it.each([
    ['malformed JSON', { rawBody: '{"cardNumber": ' }],
    ['an empty object', { body: {} }],
    ['a number for the card', { body: { cardNumber: 101, idNumber: zhang.idNumber } }],
    ['an array', { body: [zhang.cardNumber, zhang.idNumber] }],
  ])('refuses %s with 400 HOST_BAD_REQUEST', async (_name, options) => {
    const res = await host.request('POST', '/v1/accounts/balance', options);
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ code: 'HOST_BAD_REQUEST', message: expect.any(String) });
  });

  it('refuses an oversized body with 413 HOST_BAD_REQUEST', async () => {
    const res = await host.request('POST', '/v1/accounts/balance', {
      body: { cardNumber: zhang.cardNumber, idNumber: zhang.idNumber, pad: 'x'.repeat(20_000) },
    });
    expect(res.status).toBe(413);
    expect(res.json().code).toBe('HOST_BAD_REQUEST');
  });

  it('lists the latest records newest first, each balance following from the last', async () => {
    const res = await host.request('GET', `/v1/accounts/${li.cardNumber}/records?limit=2`);
    expect(res.status).toBe(200);
    const records = AccountRecords.parse(res.json());
    expect(records).toHaveLength(2);
    expect(records[0]!.balanceAfterFen).toBe(li.balanceFen);
    expect(records[1]!.balanceAfterFen).toBe(li.balanceFen - records[0]!.amountFen);
    expect(records[0]!.at >= records[1]!.at).toBe(true);
  });

  it('gives each seeded medical payment a detail code and every other record none', async () => {
    const res = await host.request('GET', `/v1/accounts/${li.cardNumber}/records?limit=100`);
    const records = AccountRecords.parse(res.json());
    const medical = records.filter((r) => r.kind === 'medicalPayment');
    expect(medical.length).toBeGreaterThan(0);
    for (const r of medical) expect(RECORD_DETAILS).toContain(r.detail);
    for (const r of records.filter((x) => x.kind !== 'medicalPayment')) expect(r.detail).toBeUndefined();
  });

  it('gives every record a code the kiosk words: the detail of a medical payment, else the kind', async () => {
    const res = await host.request('GET', `/v1/accounts/${li.cardNumber}/records?limit=100`);
    const records = AccountRecords.parse(res.json());
    expect(records.length).toBeGreaterThan(1);
    for (const r of records) expect(r.code).toBe(r.detail ?? r.kind);
  });

  it('returns at most 20 records by default and refuses a limit above 100', async () => {
    const all = await host.request('GET', `/v1/accounts/${li.cardNumber}/records`);
    expect(AccountRecords.parse(all.json()).length).toBeLessThanOrEqual(20);
    const tooMany = await host.request('GET', `/v1/accounts/${li.cardNumber}/records?limit=500`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json().code).toBe('HOST_BAD_REQUEST');
  });

  it('refuses records of an expired card', async () => {
    const res = await host.request('GET', `/v1/accounts/${wang.cardNumber}/records`);
    expect(res.json().code).toBe('CARD_EXPIRED');
  });

  it('lets a temporary loss lapse back to active after 15 days', async () => {
    const { cardNumber, idNumber } = generatedCard('temporarilyLost');
    const card = host.simulator.state.cards.get(cardNumber)!;
    const saved = clock;
    clock = new Date(Date.parse(card.stateChangedAt) + 15 * 86_400_000);
    try {
      const res = await balance(cardNumber, idNumber);
      expect(res.status).toBe(200);
      expect(host.simulator.state.cards.get(cardNumber)?.state).toBe('active');
      expect(host.simulator.state.audit.some((e) => e.action === 'card.temporaryLossLapsed')).toBe(true);
    } finally {
      clock = saved;
    }
  });

  it('treats an active card past its expiry date as expired', async () => {
    const saved = clock;
    clock = new Date('2030-06-01T00:00:00.000Z');
    try {
      const info = await host.request('GET', `/v1/cards/${zhang.cardNumber}`);
      expect(info.json().state).toBe('expired');
      const res = await balance(zhang.cardNumber, zhang.idNumber);
      expect(res.json().code).toBe('CARD_EXPIRED');
    } finally {
      clock = saved;
    }
  });

  it('audits refusals by code and never records an ID number', async () => {
    await balance(zhang.cardNumber, li.idNumber);
    const last = host.simulator.state.audit.at(-1);
    expect(last).toMatchObject({ action: 'POST /v1/accounts/balance', outcome: 'ID_MISMATCH' });
    expect(JSON.stringify(host.simulator.state.audit)).not.toContain(li.idNumber);
  });
});
