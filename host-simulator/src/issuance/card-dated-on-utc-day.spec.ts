/**
 * Fault: the host dated cards by the UTC day while it counts the withdrawal caps by the business
 * day (`dayOffsetMinutes`, China: UTC+8). Before 08:00 China time a card ordered was given
 * yesterday's issue date (printed on its face, written to EF05) and an expiry ten years from that
 * day, and a card on its expiry date (expired, RULES.md) still read active: withdrawals and
 * record prints went on against it until 08:00. Now issue date and expiry are the business day's.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { demoResident } from '@kiosk/domain';
import { startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';
import { ApplicationList, CardPersonalisation } from './issuance.schemas.js';

const wang = demoResident('wang')!;
const zhang = demoResident('zhang')!;

describe('cards are dated by the host’s business day, not the UTC day', () => {
  let host: RunningSimulator | undefined;
  afterEach(() => host?.close());

  it('dates a card ordered at 07:30 China time that day, and its expiry ten years on', async () => {
    // 07:30 on 26 November in China, 25 November in UTC
    host = await startSimulator({ now: () => new Date('2026-11-25T23:30:00.000Z') });
    let key = 0;
    const post = (path: string) =>
      host!.request('POST', path, { body: { idNumber: wang.idNumber }, idempotencyKey: `d-${++key}` });
    const [application] = ApplicationList.parse((await post('/v1/applications/lookup')).json()).applications;
    const order = CardPersonalisation.parse(
      (await post(`/v1/applications/${application!.applicationNo}/card`)).json(),
    );
    expect(order).toMatchObject({ issueDate: '2026-11-26', expiryDate: '2036-11-26' });
  });

  it('reads a card expired from 00:00 China time on its expiry date', async () => {
    // zhang's card was issued 2020-06-01: it expires on 2030-06-01; 01:00 that day in China
    expect(zhang.cardIssueDate).toBe('2020-06-01');
    host = await startSimulator({ now: () => new Date('2030-05-31T17:00:00.000Z') });
    const card = (await host.request('GET', `/v1/cards/${zhang.cardNumber}`)).json() as { state: string };
    expect(card.state).toBe('expired');
  });
});
