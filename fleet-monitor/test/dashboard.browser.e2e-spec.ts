/**
 * The operators' dashboard in Debian's Chromium against the real fleet monitor (built dist, its
 * embedded broker, SQLite file) and kiosks that are real MQTT clients. Every step waits for what is
 * on screen, found by role and accessible name. A viewer watches a kiosk's paper go low and then
 * run out, live, and has no command or acknowledge button; an operator acknowledges the alert,
 * sends the kiosk out of service and sees the kiosk acknowledge it; the charts follow journeys as
 * they end; field staff's work shows in words in both languages. Every screen reached is checked with axe-core. Needs `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromiumWhile } from '../src/testing/test-chromium.js';
import { checkScreen } from './screen-check.js';
import { OPERATOR, VIEWER, startMonitor, type MonitorProcess } from './monitor-process.js';
import { TestKiosk } from './test-kiosk.js';
import { DashboardPage } from '../src/testing/dashboard-page.js';
import { eventRow, row } from './dashboard.helpers.js';

const KIOSKS = {
  'hall1-k01': 'secret-hall1-k01',
  'hall1-k02': 'secret-hall1-k02',
  'hall2-k01': 'secret-hall2-k01',
};
const SCREEN_TIMEOUT = 15_000;

let monitor: MonitorProcess;
let browser: Browser;
const kiosks = new Map<string, TestKiosk>();
let viewer: Page;
let operator: Page;

/** `user` logged in on a new English page of the dashboard. */
const logIn = async (user: { username: string; password: string }): Promise<Page> =>
  (await DashboardPage.logIn(browser, monitor.http, user, SCREEN_TIMEOUT)).page;

beforeAll(async () => {
  // the browser launched while the monitor starts
  ({ started: monitor, browser } = await launchChromiumWhile(
    () => startMonitor(KIOSKS),
    (m) => m.stop(),
  ));
  for (const [kioskId, password] of Object.entries(KIOSKS))
    kiosks.set(
      kioskId,
      await TestKiosk.connect(monitor.mqtt, kioskId, password, kioskId.slice(0, 5).replace('hall', 'hall-')),
    );
}, 60_000);

afterAll(async () => {
  for (const kiosk of kiosks.values()) await kiosk.close();
  await browser?.close();
  await monitor?.stop();
});

describe('fleet dashboard in a browser', () => {
  it('a wrong password is refused on the log-in screen, which names its fields', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await page.goto(monitor.http);
    await page.getByLabel('User name').fill(VIEWER.username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Wrong user name or password.');
    await checkScreen(page, 'login-refused');
    await page.close();
  }, 30_000);

  it('the viewer sees the fleet by hall, and a kiosk paper go low and run out live, with its alert', async () => {
    viewer = await logIn(VIEWER);
    const hall1 = viewer.getByRole('region', { name: 'Service hall hall-1' });
    await row(hall1, 'hall1-k02').waitFor();
    await row(viewer.getByRole('region', { name: 'Service hall hall-2' }), 'hall2-k01').waitFor();
    await hall1.getByText('Kiosks: 2 · Online 2').waitFor();
    const k01 = row(hall1, 'hall1-k01');
    await k01.getByText('Online').waitFor();
    await k01.getByText('Paper: ok (800)').waitFor();
    await checkScreen(viewer, 'fleet');

    await kiosks.get('hall1-k01')!.setPaper('low');
    await k01.getByText('Paper: low (80)').waitFor();
    await viewer.getByRole('button', { name: 'Alerts 1' }).waitFor();
    await viewer
      .getByTestId('alert-announcement')
      .getByText('New alert: hall1-k01 Supply low Receipt printer: Paper')
      .waitFor();

    await kiosks.get('hall1-k01')!.setPaper('empty');
    await k01.getByText('Paper: empty (0)').waitFor();
    await k01.getByText('Degraded').waitFor();

    // the filter: by hall, then only the kiosks needing attention
    await viewer.getByRole('searchbox', { name: 'Find a kiosk or hall' }).fill('hall-2');
    await hall1.waitFor({ state: 'detached' });
    await row(viewer, 'hall2-k01').waitFor();
    await viewer.getByRole('searchbox', { name: 'Find a kiosk or hall' }).fill('');
    await viewer.getByRole('checkbox', { name: 'Only kiosks needing attention' }).check();
    await row(hall1, 'hall1-k02').waitFor({ state: 'detached' });
    expect(await viewer.getByRole('rowheader').allTextContents()).toEqual(['hall1-k01']);
    await checkScreen(viewer, 'fleet-attention');
    await viewer.getByRole('checkbox', { name: 'Only kiosks needing attention' }).uncheck();

    await viewer.getByRole('button', { name: /^Alerts/ }).click();
    const active = viewer.getByRole('region', { name: 'Active alerts' });
    // the low alert gave way to the empty one
    const alert = row(active, 'hall1-k01');
    await alert.getByRole('cell', { name: 'Supply empty', exact: true }).waitFor();
    await alert.getByText('Receipt printer: Paper').waitFor();
    expect(await alert.count()).toBe(1);
    // a viewer has no acknowledge button
    expect(await active.getByRole('button', { name: /Acknowledge/ }).count()).toBe(0);
    await checkScreen(viewer, 'alerts-viewer');
  }, 60_000);

  it('the viewer opens the kiosk: devices, recent events and no command buttons', async () => {
    await viewer.getByRole('button', { name: 'Fleet', exact: true }).click();
    await viewer.getByRole('button', { name: 'hall1-k01', exact: true }).click();
    const detail = viewer.getByRole('region', { name: 'Kiosk hall1-k01' });
    await detail.getByText('Viewers can look but not send commands.').waitFor();
    expect(await detail.getByRole('button', { name: 'Out of service' }).count()).toBe(0);
    // the opened kiosk's heading has the focus
    expect(await viewer.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    expect(await viewer.evaluate(() => document.activeElement?.textContent)).toMatch(/^Kiosk hall1-k01/);
    await detail
      .getByRole('row')
      .filter({ has: viewer.getByRole('rowheader', { name: 'Receipt printer' }) })
      .getByText('Working', { exact: true })
      .waitFor();
    await kiosks.get('hall1-k01')!.journey('issueCard');
    await detail.getByText('New card: completed').waitFor();
    // field staff's work in words, never the kiosk's action names
    await kiosks.get('hall1-k01')!.maintenance({
      action: 'refill',
      staffId: 'FS-0002',
      device: 'receiptPrinter',
      supply: 'paper',
      count: 500,
    });
    await eventRow(
      detail,
      'Maintenance',
      'Refilled: Receipt printer, Paper, × 500 (staff FS-0002)',
    ).waitFor();
    expect(await detail.getByRole('cell', { name: 'maintenance', exact: true }).count()).toBe(0);
    expect(await detail.getByText(/\brefill\b/).count()).toBe(0);
    await checkScreen(viewer, 'kiosk-viewer');
  }, 30_000);

  it('the operator acknowledges the alert; it keeps its place in the history', async () => {
    operator = await logIn(OPERATOR);
    await operator.getByRole('button', { name: /^Alerts/ }).click();
    const active = operator.getByRole('region', { name: 'Active alerts' });
    const acknowledge = active.getByRole('button', {
      name: 'Acknowledge hall1-k01 Supply empty Receipt printer: Paper',
    });
    await checkScreen(operator, 'alerts-operator');
    await acknowledge.click();
    await row(active, 'hall1-k01').getByRole('cell', { name: OPERATOR.username }).waitFor();
    expect(await acknowledge.count()).toBe(0);
    await operator.getByRole('button', { name: 'Show history' }).click();
    const history = operator.getByRole('region', { name: 'History' });
    await row(history, 'hall1-k01').getByRole('cell', { name: OPERATOR.username }).waitFor();
  }, 30_000);

  it('the operator sends the kiosk out of service and sees the kiosk acknowledge it', async () => {
    await operator.getByRole('button', { name: 'Fleet', exact: true }).click();
    await operator.getByRole('button', { name: 'hall1-k01', exact: true }).click();
    const detail = operator.getByRole('region', { name: 'Kiosk hall1-k01' });
    await detail.getByRole('button', { name: 'Out of service' }).click();
    await detail.getByRole('status').getByText('Command sent: Out of service').waitFor();
    const sent = detail.getByTestId('command-history').getByRole('row').filter({ hasText: 'Out of service' });
    await sent.getByRole('cell', { name: 'done' }).waitFor();
    await sent.getByRole('cell', { name: OPERATOR.username }).waitFor();
    expect(kiosks.get('hall1-k01')!.commands.map((command) => [command.type, command.issuedBy])).toEqual([
      ['outOfService', OPERATOR.username],
    ]);
    await detail.getByTestId('detail-state').getByText('Out of service').waitFor();
    // why, in words, with the kiosk's reason as sent beside them in small text
    await detail.getByText('Held out of service from the fleet monitor REMOTE_OUT_OF_SERVICE').waitFor();
    expect(await detail.locator('small.code').filter({ hasText: 'REMOTE_OUT_OF_SERVICE' }).count()).toBe(1);
    await checkScreen(operator, 'kiosk-operator');
    // and the viewer's fleet list follows
    await viewer.getByRole('button', { name: 'Back to the fleet' }).click();
    await row(viewer.getByRole('region', { name: 'Service hall hall-1' }), 'hall1-k01')
      .getByText('Out of service')
      .waitFor();
  }, 30_000);

  it('the operator has the kiosk upload a journal extract and saves it', async () => {
    const detail = operator.getByRole('region', { name: 'Kiosk hall1-k01' });
    await detail.getByText('No journal extract uploaded yet.').waitFor();
    await detail.getByRole('button', { name: 'Upload journal extract' }).click();
    const save = detail.getByTestId('journal-extracts').getByRole('button', { name: /^Download / });
    await save.waitFor();
    const [download] = await Promise.all([operator.waitForEvent('download'), save.click()]);
    expect(download.suggestedFilename()).toMatch(/^hall1-k01-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const path = await download.path();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      id: 'hall1-k01-1',
      journey: 'balance',
      outcome: 'completed',
    });
  }, 30_000);

  it('the charts count cards issued and withdrawals per day, and follow journeys as they end', async () => {
    await operator.getByRole('button', { name: 'Charts', exact: true }).click();
    const cards = operator.getByRole('figure', { name: 'Cards issued per day' });
    const withdrawals = operator.getByRole('figure', { name: 'Withdrawals per day' });
    const today = new Date().toISOString().slice(0, 10);
    const todayCount = (figure: typeof cards) =>
      figure
        .getByRole('row')
        .filter({ has: operator.getByRole('cell', { name: today, exact: true }) })
        .getByRole('cell')
        .nth(1);
    await expect(todayCount(cards).textContent()).resolves.toBe('1');
    await expect(todayCount(withdrawals).textContent()).resolves.toBe('0');
    await kiosks.get('hall2-k01')!.journey('withdraw');
    await kiosks.get('hall1-k02')!.journey('issueCard');
    await operator.waitForFunction(
      (day) =>
        [...document.querySelectorAll('figure table tr')].filter((tr) => tr.textContent === `${day}1`)
          .length === 1 &&
        [...document.querySelectorAll('figure table tr')].filter((tr) => tr.textContent === `${day}2`)
          .length === 1,
      today,
    );
    await checkScreen(operator, 'charts');
  }, 30_000);

  it('the refill brings the kiosk back: paper ok, the empty alert cleared, back in service (page object)', async () => {
    const dashboard = await DashboardPage.logIn(browser, monitor.http, OPERATOR);
    await dashboard.waitForSupply('hall1-k01', 'Paper', 'empty');
    await dashboard.waitForAlert('hall1-k01', 'Supply empty');
    await kiosks.get('hall1-k01')!.setPaper('ok');
    await dashboard.waitForSupply('hall1-k01', 'Paper', 'ok');
    await (await dashboard.activeAlerts()).getByText('No active alerts.').waitFor();
    expect(await dashboard.sendCommand('hall1-k01', 'In service')).toBe('done');
    await dashboard.waitForKioskState('hall1-k01', 'Online');
    await dashboard.close();
  }, 30_000);

  it('a kiosk dies: its last will shows it offline with an offline alert, live', async () => {
    const dashboard = await DashboardPage.logIn(browser, monitor.http, VIEWER);
    await dashboard.waitForKioskState('hall2-k01', 'Online');
    kiosks.get('hall2-k01')!.die();
    await dashboard.waitForKioskState('hall2-k01', 'Offline');
    const alert = await dashboard.waitForAlert('hall2-k01', 'Offline');
    await alert.getByRole('cell', { name: 'Connection lost LAST_WILL' }).waitFor();
    await checkScreen(dashboard.page, 'alerts-offline');
    await dashboard.close();
  }, 30_000);

  it('journal extract asked while the kiosk is offline: the operator sees it waiting for the kiosk, until its expiry', async () => {
    const dashboard = await DashboardPage.logIn(browser, monitor.http, OPERATOR);
    await dashboard.waitForKioskState('hall2-k01', 'Offline');
    const detail = await dashboard.openKiosk('hall2-k01');
    await detail.getByRole('button', { name: 'Upload journal extract', exact: true }).click();
    await detail
      .getByRole('status')
      .getByText(
        /^Command sent: Upload journal extract · the kiosk is offline: it gets the command when it is back, until .+$/,
      )
      .waitFor();
    const asked = detail.getByTestId('command-history').locator('tbody tr').first();
    await asked.getByRole('cell', { name: /^waiting for the kiosk \(until .+\)$/ }).waitFor();
    expect(await asked.getAttribute('data-result')).toBe('pending');
    await checkScreen(dashboard.page, 'command-waiting-for-kiosk');
    await dashboard.close();
  }, 30_000);

  it('the page speaks Chinese in a Chinese browser', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(monitor.http);
    await page.getByLabel('用户名').fill(VIEWER.username);
    await page.getByLabel('密码').fill(VIEWER.password);
    await page.getByRole('button', { name: '登录' }).click();
    const hall1 = page.getByRole('region', { name: '服务大厅 hall-1' });
    await row(hall1, 'hall1-k01').getByText('凭条纸: 正常 (800)').waitFor();
    await page.getByRole('button', { name: 'hall1-k01', exact: true }).click();
    const detail = page.getByRole('region', { name: '终端 hall1-k01' });
    await eventRow(detail, '维护', '补充耗材: 凭条打印机, 凭条纸, × 500 (工作人员 FS-0002)').waitFor();
    await eventRow(detail, '业务办理', '即时制卡: 完成').first().waitFor();
    await detail
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: '凭条打印机' }) })
      .getByText('正常', { exact: true })
      .waitFor();
    await checkScreen(page, 'kiosk-zh');
    await page.getByRole('button', { name: /^告警/ }).click();
    await page.getByRole('region', { name: '未解除告警' }).waitFor();
    await checkScreen(page, 'alerts-zh');
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('region', { name: 'Active alerts' }).waitFor();
    await context.close();
  }, 30_000);
});
