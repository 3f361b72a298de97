/**
 * Fault: the demo (`npm start`) never showed an Other record, so a person trying it could not see
 * how a kiosk meets a record kind the back office added after it (ADR 0013). The demo profile's
 * embedded host gives li's account a long-term-care premium (a kind this kiosk does not know) and a
 * dental-clinic payment; the test profile's host keeps its data as the suites expect.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@kiosk/config';
import { demoResident } from '@kiosk/domain';
import { AccountRecords } from '@kiosk/host-simulator/contract';
import { HostConnection } from './host-connection.js';

const li = demoResident('li')!;
const zhang = demoResident('zhang')!;
let connection: HostConnection | undefined;

afterEach(async () => {
  await connection?.onApplicationShutdown();
  connection = undefined;
});

async function recordsOn(profile: 'demo' | 'test', cardNumber: string): Promise<AccountRecords> {
  connection = new HostConnection(loadConfig({ profile }));
  await connection.onModuleInit();
  return connection.client().request({
    method: 'GET',
    path: `/v1/accounts/${cardNumber}/records?limit=20`,
    schema: AccountRecords,
  });
}

describe('the demo shows an Other record', () => {
  it('gives li’s account, on the demo profile, a record of a kind the kiosk reads as other', async () => {
    const records = await recordsOn('demo', li.cardNumber);
    expect(records.filter((r) => r.kind === 'other')).toEqual([
      expect.objectContaining({ amountFen: -1_200, description: expect.stringContaining('长护险') }),
    ]);
    expect(records.filter((r) => r.detail === 'other')).toHaveLength(1);
    // the balance the README gives li in the demo: 12,045.50 less 34.50 and 12.00
    expect(records[0]!.balanceAfterFen).toBe(li.balanceFen - 4_650);
    expect(li.balanceFen - 4_650).toBe(1_199_900);
  });

  it('leaves the other demo residents’ records as they were', async () => {
    const records = await recordsOn('demo', zhang.cardNumber);
    expect(records.some((r) => r.kind === 'other' || r.detail === 'other')).toBe(false);
  });

  it('keeps the test profile’s data unchanged: li has no Other record there', async () => {
    const records = await recordsOn('test', li.cardNumber);
    expect(records.some((r) => r.kind === 'other' || r.detail === 'other')).toBe(false);
    expect(records[0]!.balanceAfterFen).toBe(li.balanceFen);
  });
});
