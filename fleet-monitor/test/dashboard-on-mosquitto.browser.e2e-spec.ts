/**
 * The operators' dashboard on the large-fleet stack: the fleet monitor process on PostgreSQL behind
 * a real Mosquitto (its password and ACL files), a kiosk that is an MQTT client of Mosquitto, the
 * page in Debian's Chromium. The paper runs out and the alert appears live, the operator
 * acknowledges it and sends the kiosk out of service, the kiosk's acknowledgement and its new state
 * come back, the refill and "in service" bring it back; a viewer has no command buttons. With
 * CI=true a missing Mosquitto or PostgreSQL fails the suite. Needs `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import {
  createTestDatabase,
  startTestMosquitto,
  type TestDatabase,
  type TestMosquitto,
} from '../src/index.js';
import { DashboardPage } from '../src/testing/dashboard-page.js';
import { launchChromiumWhile } from '../src/testing/test-chromium.js';
import { checkScreen } from './screen-check.js';
import { OPERATOR, VIEWER, startMonitor, type MonitorProcess } from './monitor-process.js';
import { describeOnExternalStack, monitorProcessOn } from './on-mosquitto.js';
import { TestKiosk } from './test-kiosk.js';

const KIOSK = 'hall3-k07';
const SECRETS = {
  kiosks: { [KIOSK]: 'secret-of-hall3-k07' },
  monitors: { 'fleet-monitor': 'monitor-secret' },
};

describeOnExternalStack('fleet dashboard on Mosquitto and PostgreSQL', (stack) => {
  let broker: TestMosquitto;
  let db: TestDatabase;
  let monitor: MonitorProcess;
  let browser: Browser;
  let kiosk: TestKiosk;

  beforeAll(async () => {
    broker = await startTestMosquitto(SECRETS);
    db = await createTestDatabase(stack.postgresUrl, 'dashboard');
    // the browser launched while the monitor starts
    ({ started: monitor, browser } = await launchChromiumWhile(
      () => startMonitor(SECRETS.kiosks, monitorProcessOn(broker, db.url, 'fleet-monitor-dashboard-test')),
      (m) => m.stop(),
    ));
    kiosk = await TestKiosk.connect(broker.url, KIOSK, SECRETS.kiosks[KIOSK], 'hall-3');
  }, 60_000);

  afterAll(async () => {
    await kiosk?.close();
    await browser?.close();
    await monitor?.stop();
    await db?.drop();
    await broker?.close();
  });

  describe('fleet dashboard on Mosquitto and PostgreSQL', () => {
    it('paper out, alert acknowledged, out of service acknowledged by the kiosk, then back in service', async () => {
      const viewer = await DashboardPage.logIn(browser, monitor.http, VIEWER);
      const operator = await DashboardPage.logIn(browser, monitor.http, OPERATOR);
      await operator.waitForKioskState(KIOSK, 'Online');

      await kiosk.setPaper('empty');
      await viewer.waitForSupply(KIOSK, 'Paper', 'empty');
      await viewer.waitForAlert(KIOSK, 'Supply empty');
      await operator.acknowledge(KIOSK, 'Supply empty', OPERATOR.username);
      await checkScreen(operator.page, 'mosquitto-alert-acknowledged');

      expect(await operator.sendCommand(KIOSK, 'Out of service')).toBe('done');
      expect(kiosk.commands.map((command) => command.type)).toEqual(['outOfService']);
      await viewer.waitForKioskState(KIOSK, 'Out of service');
      const detail = await viewer.openKiosk(KIOSK);
      await detail.getByText('Viewers can look but not send commands.').waitFor();
      expect(await detail.getByRole('button', { name: 'Out of service' }).count()).toBe(0);

      await kiosk.setPaper('ok');
      await operator.waitForSupply(KIOSK, 'Paper', 'ok');
      expect(await operator.sendCommand(KIOSK, 'In service')).toBe('done');
      await viewer.waitForKioskState(KIOSK, 'Online');
      await checkScreen(viewer.page, 'mosquitto-back-in-service');
      await viewer.close();
      await operator.close();
    }, 90_000);
  });
});
