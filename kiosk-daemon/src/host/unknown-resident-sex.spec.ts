/**
 * Fault: the resident answer held `sex` as a closed list (male, female), so a back office that
 * wrote it otherwise (a GB/T 2261.1 code, 'unspecified', none) failed the whole call with
 * HOST_BAD_RESPONSE, and the loss report and the new-card journeys stopped at it, though sex
 * decides nothing at the kiosk. It is read open now (ADR 0013): a value the kiosk does not know
 * reads as 'unknown' and the answer is kept; a new card's chip takes the ID number's sex.
 */
import { describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { CardPersonalisation, ResidentAnswer } from '@kiosk/host-simulator/contract';
import { cannedBackOffice } from './json-back-office.spec-support.js';

const li = demoResident('li')!;
const backOffice = cannedBackOffice();

const resident = (sex: unknown) => ({
  name: li.name,
  ...(sex === undefined ? {} : { sex }),
  birthDate: '1962-11-09',
  cards: [{ cardNumber: li.cardNumber, state: 'active', issueDate: '2020-01-01', expiryDate: '2030-01-01' }],
  applications: [],
});

const lookUp = () =>
  backOffice.client.request({
    method: 'POST',
    path: '/v1/residents/lookup',
    body: {},
    schema: ResidentAnswer,
  });

describe('unknown resident sex from the host', () => {
  it.each(['9', 'unspecified', 'X', null])(
    'reads a sex of %p as unknown and keeps the resident and their cards (the loss report goes on)',
    async (sex) => {
      backOffice.answer = resident(sex);
      const read = await lookUp();
      expect(read.sex).toBe('unknown');
      expect(read.cards).toEqual([
        { cardNumber: li.cardNumber, state: 'active', issueDate: '2020-01-01', expiryDate: '2030-01-01' },
      ]);
    },
  );

  it('reads an answer with no sex at all as unknown', async () => {
    backOffice.answer = resident(undefined);
    await expect(lookUp()).resolves.toMatchObject({ sex: 'unknown', name: li.name });
  });

  it('keeps male and female as they are', async () => {
    backOffice.answer = resident('female');
    await expect(lookUp()).resolves.toMatchObject({ sex: 'female' });
    backOffice.answer = resident('male');
    await expect(lookUp()).resolves.toMatchObject({ sex: 'male' });
  });

  it('reads the card data of a new card with an unknown sex, the rest of it as sent', async () => {
    backOffice.answer = {
      applicationNo: 'A0000001',
      cardNumber: 'H41080000999',
      issuerRegionCode: '410800',
      issueDate: '2026-11-27',
      expiryDate: '2036-11-27',
      holder: { idNumber: li.idNumber, name: li.name, sex: '0', birthDate: '1962-11-09' },
      keyVersion: 1,
    };
    const order = await backOffice.client.request({
      method: 'POST',
      path: '/v1/applications/A0000001/card',
      body: {},
      schema: CardPersonalisation,
    });
    expect(order.holder).toEqual({
      idNumber: li.idNumber,
      name: li.name,
      sex: 'unknown',
      birthDate: '1962-11-09',
    });
  });
});
