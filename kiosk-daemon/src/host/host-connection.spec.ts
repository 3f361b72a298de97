/**
 * The embedded back office (demo and test profiles) takes the region's replacement fee and card
 * validity from the kiosk's profile, so the numbers RULES.md names are configured in one place.
 */
import { loadConfig } from '@kiosk/config';
import { HostConnection } from './host-connection.js';

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
