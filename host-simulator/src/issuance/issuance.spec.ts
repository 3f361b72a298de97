/**
 * The simulator's card lifecycle and card making: activation, a temporary loss and its lifting,
 * a new card made for an application (its number reserved, its keys, its issue), the chip keys a
 * kiosk is given and refused, and a making abandoned. Replacements and the lookups before them:
 * replacement-application.spec.
 */
import { describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { CardStateAnswer } from '../cards/card-lifecycle.schemas.js';
import { seededChipSerial } from '../seed/seed-data.js';
import { ApplicationList, CardPersonalisation, IssuanceAnswer, IssuerKeyAnswer } from './issuance.schemas.js';
import { issuanceHost, MASTER } from './issuance.spec-support.js';
import { deriveCardKey } from './issuer-keys.js';

const zhang = demoResident('zhang')!;
const li = demoResident('li')!;
const wang = demoResident('wang')!;
const zhao = demoResident('zhao')!;

describe('card lifecycle and issuance', () => {
  const sim = issuanceHost();
  const { post } = sim;

  it('activates a made card with both functions, once', async () => {
    const res = await post(`/v1/cards/${zhao.cardNumber}/activate`, { idNumber: zhao.idNumber });
    expect(CardStateAnswer.parse(res.json())).toMatchObject({
      state: 'active',
      functions: { socialSecurity: true, bank: true },
    });
    const again = await post(`/v1/cards/${zhao.cardNumber}/activate`, { idNumber: zhao.idNumber });
    expect(again.status).toBe(409);
    expect(again.json().code).toBe('CARD_STATE_CONFLICT');
  });

  it('refuses to activate someone else’s card with ID_MISMATCH', async () => {
    const res = await post(`/v1/cards/${zhao.cardNumber}/activate`, { idNumber: li.idNumber });
    expect(res.json().code).toBe('ID_MISMATCH');
    expect(sim.host.simulator.state.cards.get(zhao.cardNumber)?.state).toBe('made');
  });

  it('reports a temporary loss that blocks use, lapses after 15 days, and can be lifted', async () => {
    const lost = CardStateAnswer.parse(
      (await post(`/v1/cards/${zhang.cardNumber}/temporary-loss`, { idNumber: zhang.idNumber })).json(),
    );
    expect(lost.state).toBe('temporarilyLost');
    expect(lost.temporaryLossLapsesAt).toBe('2026-12-11T02:00:00.000Z');
    const balance = await post('/v1/accounts/balance', {
      cardNumber: zhang.cardNumber,
      idNumber: zhang.idNumber,
    });
    expect(balance.json().code).toBe('CARD_NOT_ACTIVE');
    const unfrozen = await post(`/v1/cards/${zhang.cardNumber}/unfreeze`, { idNumber: zhang.idNumber });
    expect(unfrozen.json().state).toBe('active');
    await post(`/v1/cards/${zhang.cardNumber}/temporary-loss`, { idNumber: zhang.idNumber });
    sim.clock = new Date('2026-12-11T02:00:00.000Z');
    const info = await sim.host.request('GET', `/v1/cards/${zhang.cardNumber}`);
    expect(info.json().state).toBe('active');
  });

  it('refuses to unfreeze an active card with CARD_STATE_CONFLICT', async () => {
    const res = await post(`/v1/cards/${zhang.cardNumber}/unfreeze`, { idNumber: zhang.idNumber });
    expect(res.json().code).toBe('CARD_STATE_CONFLICT');
  });

  it('makes a new card for an application: reserve, key, issue, old card cancelled, activate', async () => {
    const list = ApplicationList.parse(
      (await post('/v1/applications/lookup', { idNumber: wang.idNumber })).json(),
    );
    expect(list.applications).toHaveLength(1);
    const application = list.applications[0]!;
    expect(application).toMatchObject({ kind: 'new', status: 'ready', replacesCardNumber: wang.cardNumber });

    const order = CardPersonalisation.parse(
      (await post(`/v1/applications/${application.applicationNo}/card`, { idNumber: wang.idNumber })).json(),
    );
    expect(order).toMatchObject({
      issueDate: '2026-11-26',
      expiryDate: '2036-11-26',
      issuerRegionCode: '410800',
    });
    expect(order.holder).toEqual({
      idNumber: wang.idNumber,
      name: wang.name,
      sex: 'male',
      birthDate: wang.birthDate,
    });
    // ordering again (a retry after a chip fault) keeps the same number
    const again = await post(`/v1/applications/${application.applicationNo}/card`, {
      idNumber: wang.idNumber,
    });
    expect(again.json().cardNumber).toBe(order.cardNumber);

    const keyAnswer = IssuerKeyAnswer.parse(
      (await post(`/v1/cards/${order.cardNumber}/issuer-key`, { purpose: 'personalisation' })).json(),
    );
    expect(keyAnswer.keyHex).toBe(
      deriveCardKey(Buffer.from(MASTER, 'hex'), order.cardNumber, 'personalisation'),
    );
    expect(JSON.stringify(sim.host.simulator.state.audit)).not.toContain(keyAnswer.keyHex);

    const issued = IssuanceAnswer.parse(
      (
        await post(`/v1/applications/${application.applicationNo}/issued`, {
          cardNumber: order.cardNumber,
          outcome: 'issued',
        })
      ).json(),
    );
    expect(issued.card).toMatchObject({ cardNumber: order.cardNumber, state: 'made' });
    expect(issued.cancelledCardNumber).toBe(wang.cardNumber);
    expect(sim.host.simulator.state.cards.get(wang.cardNumber)?.state).toBe('cancelled');

    const activated = await post(`/v1/cards/${order.cardNumber}/activate`, { idNumber: wang.idNumber });
    expect(activated.json().state).toBe('active');
    const balance = await post('/v1/accounts/balance', {
      cardNumber: order.cardNumber,
      idNumber: wang.idNumber,
    });
    expect(balance.json().balanceFen).toBe(wang.balanceFen);
  });

  it('gives no personalisation key for a card number not being made', async () => {
    const res = await post(`/v1/cards/${zhang.cardNumber}/issuer-key`, { purpose: 'personalisation' });
    expect(res.json().code).toBe('APPLICATION_STATE_CONFLICT');
    const unlock = await post(`/v1/cards/${zhang.cardNumber}/issuer-key`, {
      purpose: 'pinUnlock',
      idNumber: zhang.idNumber,
    });
    expect(unlock.status).toBe(200);
  });

  it('gives no PIN unlock key without the holder’s ID number (ID_MISMATCH)', async () => {
    const ask = (body: object) =>
      post(`/v1/cards/${zhang.cardNumber}/issuer-key`, { purpose: 'pinUnlock', ...body });
    expect((await ask({})).json().code).toBe('ID_MISMATCH');
    expect((await ask({ idNumber: li.idNumber })).json().code).toBe('ID_MISMATCH');
  });

  it('answers a PIN unlock with the chip key diversified by the card’s own chip serial, the same each time', async () => {
    const serial = seededChipSerial(zhang.cardNumber);
    const ask = (cardIdentifier: string) =>
      post(`/v1/cards/${zhang.cardNumber}/issuer-key`, {
        purpose: 'pinUnlock',
        cardIdentifier,
        idNumber: zhang.idNumber,
      });
    const first = (await ask(serial)).json();
    expect(first.keyHex).toMatch(/^[0-9A-F]{32}$/);
    expect((await ask(serial.toLowerCase())).json().keyHex).toBe(first.keyHex);
    expect((await ask('XYZ')).json().code).toBeDefined();
  });

  it('chip not the card’s own: no PIN unlock key for another chip serial (CARD_CHIP_MISMATCH)', async () => {
    const other = await post(`/v1/cards/${zhang.cardNumber}/issuer-key`, {
      purpose: 'pinUnlock',
      cardIdentifier: 'FF'.repeat(16),
      idNumber: zhang.idNumber,
    });
    expect(other.status).toBe(409);
    expect(other.json()).toMatchObject({ code: 'CARD_CHIP_MISMATCH' });
    expect(other.json().keyHex).toBeUndefined();
  });

  it('keeps the chip serial a kiosk personalised with the card it issues: its unlock works, another chip’s does not', async () => {
    const [application] = ApplicationList.parse(
      (await post('/v1/applications/lookup', { idNumber: wang.idNumber })).json(),
    ).applications;
    const order = (
      await post(`/v1/applications/${application!.applicationNo}/card`, { idNumber: wang.idNumber })
    ).json() as { cardNumber: string };
    const chip = '0123456789ABCDEF0123456789ABCDEF';
    // a first blank failed; the second blank's chip is the one issued
    await post(`/v1/cards/${order.cardNumber}/issuer-key`, {
      purpose: 'personalisation',
      cardIdentifier: 'AB'.repeat(16),
    });
    await post(`/v1/cards/${order.cardNumber}/issuer-key`, {
      purpose: 'personalisation',
      cardIdentifier: chip,
    });
    await post(`/v1/applications/${application!.applicationNo}/issued`, {
      cardNumber: order.cardNumber,
      outcome: 'issued',
    });
    expect(sim.host.simulator.state.cards.get(order.cardNumber)?.chipSerial).toBe(chip);
    const unlock = (cardIdentifier: string) =>
      post(`/v1/cards/${order.cardNumber}/issuer-key`, {
        purpose: 'pinUnlock',
        cardIdentifier,
        idNumber: wang.idNumber,
      });
    expect((await unlock(chip)).status).toBe(200);
    expect((await unlock('AB'.repeat(16))).json().code).toBe('CARD_CHIP_MISMATCH');
  });

  it('voids the reserved number when making is abandoned, and reserves a new one next time', async () => {
    const [application] = ApplicationList.parse(
      (await post('/v1/applications/lookup', { idNumber: wang.idNumber })).json(),
    ).applications;
    const first = (
      await post(`/v1/applications/${application!.applicationNo}/card`, { idNumber: wang.idNumber })
    ).json();
    const abandoned = IssuanceAnswer.parse(
      (
        await post(`/v1/applications/${application!.applicationNo}/issued`, {
          cardNumber: first.cardNumber,
          outcome: 'abandoned',
        })
      ).json(),
    );
    expect(abandoned).toMatchObject({
      card: null,
      application: { status: 'ready', reservedCardNumber: null },
    });
    const second = (
      await post(`/v1/applications/${application!.applicationNo}/card`, { idNumber: wang.idNumber })
    ).json();
    expect(second.cardNumber).not.toBe(first.cardNumber);
    expect(sim.host.simulator.state.cards.has(first.cardNumber)).toBe(false);
  });
});
