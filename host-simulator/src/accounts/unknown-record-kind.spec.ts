/**
 * Fault: the records contract held a record's kind and detail as closed lists, so a host that
 * added a kind of booking (or of medical payment) failed the whole records answer and the
 * resident got nothing. A value the kiosk does not know now reads as 'other': the record is kept
 * with its date, amounts and the host's description; only money and dates stay strict.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { AccountRecords } from './accounts.schemas.js';
import { startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';

const li = demoResident('li')!;

const sent = (over: Record<string, unknown>) => ({
  at: '2026-11-20T09:00:00.000Z',
  kind: 'medicalPayment',
  amountFen: -2_350,
  balanceAfterFen: 354_430,
  description: '药店购药 (pharmacy purchase)',
  code: 'pharmacy',
  detail: 'pharmacy',
  ...over,
});

describe('unknown record kind from the host', () => {
  it('keeps a record of a kind the kiosk does not know as other, with its date, amounts and description', () => {
    const records = AccountRecords.parse([
      sent({
        at: '2026-11-21T09:00:00.000Z',
        kind: 'longTermCare',
        code: 'longTermCare',
        detail: undefined,
        amountFen: -1_200,
        balanceAfterFen: 353_230,
        description: '长护险个人缴费 (long-term care)',
      }),
      sent({}),
    ]);
    expect(records).toEqual([
      {
        at: '2026-11-21T09:00:00.000Z',
        kind: 'other',
        code: 'longTermCare',
        amountFen: -1_200,
        balanceAfterFen: 353_230,
        description: '长护险个人缴费 (long-term care)',
      },
      { ...sent({}), kind: 'medicalPayment', detail: 'pharmacy' },
    ]);
  });

  it('unknown detail from the host: keeps the medical payment, its detail read as other', () => {
    const [record] = AccountRecords.parse([sent({ detail: 'dentalClinic', code: 'dentalClinic' })]);
    expect(record).toMatchObject({
      kind: 'medicalPayment',
      detail: 'other',
      code: 'dentalClinic',
      amountFen: -2_350,
    });
  });

  it('reads a kind or detail of another form, or none, as other, and a code of another form as none', () => {
    const records = AccountRecords.parse([
      sent({ kind: '长期护理', detail: null, code: 'long-term care' }),
      sent({ kind: undefined, detail: 42 }),
    ]);
    expect(records.map((r) => [r.kind, r.detail, r.code])).toEqual([
      ['other', 'other', undefined],
      ['other', 'other', 'pharmacy'],
    ]);
  });

  it('reads a date in the host local time with its offset, as well as in UTC', () => {
    const [record] = AccountRecords.parse([sent({ at: '2026-11-21T04:30:00+08:00' })]);
    expect(new Date(record!.at).toISOString()).toBe('2026-11-20T20:30:00.000Z');
  });

  it('still refuses the answer for an amount that is not whole fen or a date that is not a date', () => {
    expect(AccountRecords.safeParse([sent({ amountFen: -23.5 })]).success).toBe(false);
    expect(AccountRecords.safeParse([sent({ at: 'yesterday' })]).success).toBe(false);
  });

  describe('a host one release ahead (newerRecordsFor)', () => {
    let host: RunningSimulator;
    beforeAll(async () => {
      host = await startSimulator({ residents: 10, newerRecordsFor: [li.cardNumber] });
    });
    afterAll(() => host.close());

    it('sends a kind and a detail the kiosk does not know, which the kiosk reads without losing a record', async () => {
      const res = await host.request('GET', `/v1/accounts/${li.cardNumber}/records?limit=100`);
      expect(res.status).toBe(200);
      const sentByHost = res.json() as { kind: string; detail?: string }[];
      expect(sentByHost.slice(0, 2).map((r) => [r.kind, r.detail])).toEqual([
        ['longTermCare', undefined],
        ['medicalPayment', 'dentalClinic'],
      ]);
      const read = AccountRecords.parse(sentByHost);
      expect(read).toHaveLength(sentByHost.length);
      expect(read[0]).toMatchObject({
        kind: 'other',
        amountFen: -1_200,
        description: expect.stringContaining(li.name),
      });
      expect(read[1]).toMatchObject({ kind: 'medicalPayment', detail: 'other', amountFen: -3_450 });
      // the balances still follow from one record to the next, the new kinds included
      expect(read[0]!.balanceAfterFen).toBe(li.balanceFen - 1_200 - 3_450);
      expect(read[1]!.balanceAfterFen - read[0]!.balanceAfterFen).toBe(1_200);
      const balance = await host.request('POST', '/v1/accounts/balance', {
        body: { cardNumber: li.cardNumber, idNumber: li.idNumber },
      });
      expect(balance.json().balanceFen).toBe(read[0]!.balanceAfterFen);
    });
  });
});
