/**
 * The embedded back office (demo and test profiles) takes the region's replacement fee, card
 * validity and withdrawal caps from the kiosk's profile, so the numbers RULES.md names are
 * configured in one place.
 */
import { loadConfig } from '@kiosk/config';
import { demoResident } from '@kiosk/domain';
import { MetricsService } from '../telemetry/metrics.service.js';
import { HostConnection } from './host-connection.js';
import { HostService } from './host.service.js';

async function embeddedRules(overrides: readonly string[]) {
  const config = loadConfig({ profile: 'test', overrides: ['journal.path=:memory:', ...overrides] });
  const connection = new HostConnection(config);
  await connection.onModuleInit();
  try {
    return connection.embedded()?.rules;
  } finally {
    await connection.onApplicationShutdown();
  }
}

describe('embedded host: the region’s numbers from the kiosk’s profile', () => {
  it('a 20-yuan fee and 10 years of validity by default', async () => {
    expect(await embeddedRules([])).toMatchObject({ replacementFeeFen: 2_000, cardValidityYears: 10 });
  });

  it('a region’s own fee (none at all) and validity', async () => {
    expect(await embeddedRules(['card.replacementFeeFen=0', 'card.validityYears=5'])).toMatchObject({
      replacementFeeFen: 0,
      cardValidityYears: 5,
    });
  });
});

describe('fault: a region’s withdrawal caps held to the rule’s defaults by the embedded host', () => {
  const li = demoResident('li')!;

  it('a region of 1000 yuan a withdrawal: its embedded host says that cap and authorises 1000 yuan', async () => {
    const config = loadConfig({
      profile: 'test',
      overrides: [
        'journal.path=:memory:',
        'caps.singleWithdrawalFen=100000',
        'caps.dailyWithdrawalFen=200000',
        'caps.withdrawalsPerDay=3',
      ],
    });
    const connection = new HostConnection(config);
    await connection.onModuleInit();
    try {
      const host = new HostService(connection, new MetricsService());
      const limits = await host.limits(li.cardNumber, li.idNumber);
      expect(limits).toMatchObject({ singleCapFen: 100_000, dailyCapFen: 200_000, dailyCount: 3 });
      const held = await host.authoriseWithdrawal({
        cardNumber: li.cardNumber,
        idNumber: li.idNumber,
        amountFen: 100_000,
        transactionSerial: 'CAP-1',
      });
      expect(held.amountFen).toBe(100_000);
    } finally {
      await connection.onApplicationShutdown();
    }
  });

  it('the rule’s caps by default: 500 yuan a withdrawal, 1000 a day, 2 withdrawals', async () => {
    expect(await embeddedRules([])).toMatchObject({
      singleWithdrawalCapFen: 50_000,
      dailyWithdrawalCapFen: 100_000,
      dailyWithdrawalCount: 2,
    });
  });
});
