/**
 * Device faults and kiosks without a hall on the operators' dashboard, in Debian's Chromium
 * against the real fleet monitor (built dist, its embedded broker, SQLite file) and kiosks that are
 * real MQTT clients. A kiosk's card reader and cash dispenser jam: the operator reads each jam in
 * words, in both languages, on the kiosk's devices, its events and the alerts, with the code as
 * sent beside the words for field engineers. The kiosk that names no hall comes last, on the page
 * and in the REST list alike. A kiosk whose self test failed: its reason and the recovery left for
 * staff in words, the new alerts announced with the fault in words. Every screen reached is
 * checked with axe-core. Needs `npm run build`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromiumWhile } from '../src/testing/test-chromium.js';
import { checkScreen } from './screen-check.js';
import { VIEWER, startMonitor, type MonitorProcess } from './monitor-process.js';
import { TestKiosk } from './test-kiosk.js';

const KIOSKS = {
  'loose-k01': 'secret-loose-k01',
  'hall2-k01': 'secret-hall2-k01',
  'hall1-k01': 'secret-hall1-k01',
};
const HALLS: Record<keyof typeof KIOSKS, string> = {
  'loose-k01': '',
  'hall2-k01': 'hall-2',
  'hall1-k01': 'hall-1',
};

let monitor: MonitorProcess;
let browser: Browser;
const kiosks: TestKiosk[] = [];

async function logIn(
  locale: string,
  labels: { user: string; password: string; logIn: string },
): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(monitor.http);
  await page.getByLabel(labels.user).fill(VIEWER.username);
  await page.getByLabel(labels.password).fill(VIEWER.password);
  await page.getByRole('button', { name: labels.logIn }).click();
  return page;
}

/** the devices table's row of this device, in the kiosk's detail */
function deviceRow(detail: Locator, device: string): Locator {
  return detail.getByRole('row').filter({ has: detail.page().getByRole('rowheader', { name: device }) });
}

beforeAll(async () => {
  // the browser launched while the monitor starts
  ({ started: monitor, browser } = await launchChromiumWhile(
    () => startMonitor(KIOSKS),
    (m) => m.stop(),
  ));
  for (const [kioskId, password] of Object.entries(KIOSKS))
    kiosks.push(
      await TestKiosk.connect(monitor.mqtt, kioskId, password, HALLS[kioskId as keyof typeof KIOSKS]),
    );
  const jammed = kiosks.find((kiosk) => kiosk.kioskId === 'hall1-k01')!;
  await jammed.jam('cardReader', 'CARD_READER_JAM');
  await jammed.jam('cashDispenser', 'CASH_JAM');
}, 60_000);

afterAll(async () => {
  for (const kiosk of kiosks) await kiosk.close();
  await browser?.close();
  await monitor?.stop();
});

describe('device faults and kiosks without a hall on the dashboard', () => {
  it('the kiosk without a hall comes last, on the page and in the REST list', async () => {
    const page = await logIn('en-GB', { user: 'User name', password: 'Password', logIn: 'Log in' });
    await page.getByRole('region', { name: 'Service hall No hall given' }).getByText('loose-k01').waitFor();
    await page.getByRole('region', { name: 'Service hall hall-2' }).getByText('hall2-k01').waitFor();
    const halls = await page
      .getByRole('region', { name: /^Service hall / })
      .evaluateAll((regions) => regions.map((region) => region.getAttribute('aria-label')));
    expect(halls).toEqual(['Service hall hall-1', 'Service hall hall-2', 'Service hall No hall given']);
    const response = await fetch(`${monitor.http}/kiosks`, {
      headers: { authorization: `Bearer ${await monitor.logIn(VIEWER)}` },
    });
    const rows = (await response.json()) as { kioskId: string; hallId: string | null }[];
    expect(rows.map((row) => [row.hallId, row.kioskId])).toEqual([
      ['hall-1', 'hall1-k01'],
      ['hall-2', 'hall2-k01'],
      [null, 'loose-k01'],
    ]);
    await page.context().close();
  }, 30_000);

  it('each jam in words on the devices, the events and the alerts, the code beside it', async () => {
    const page = await logIn('en-GB', { user: 'User name', password: 'Password', logIn: 'Log in' });
    await page.getByRole('button', { name: 'hall1-k01', exact: true }).click();
    const detail = page.getByRole('region', { name: 'Kiosk hall1-k01' });
    const reader = deviceRow(detail, 'Card reader');
    await reader
      .getByRole('cell', { name: 'Hardware fault · Fault: Card jammed in the reader CARD_READER_JAM' })
      .waitFor();
    // the code in small text, apart from the words
    expect(await reader.locator('small.code').textContent()).toBe('CARD_READER_JAM');
    await deviceRow(detail, 'Cash dispenser')
      .getByRole('cell', { name: 'Hardware fault · Fault: Notes jammed CASH_JAM' })
      .waitFor();
    // the kiosk's active alert and its recent event read the same
    const faults = detail
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'Device fault', exact: true }) })
      .getByRole('cell', { name: 'Card reader: Card jammed in the reader CARD_READER_JAM', exact: true });
    await faults.nth(1).waitFor();
    expect(await faults.count()).toBe(2);
    // no code stands alone: each one follows its words
    expect(await detail.getByText('CARD_READER_JAM', { exact: true }).count()).toBe(
      await detail.locator('small.code', { hasText: 'CARD_READER_JAM' }).count(),
    );
    await checkScreen(page, 'kiosk-jams');

    await page.getByRole('button', { name: /^Alerts/ }).click();
    const active = page.getByRole('region', { name: 'Active alerts' });
    await active
      .getByRole('cell', { name: 'Card reader: Card jammed in the reader CARD_READER_JAM' })
      .waitFor();
    await active.getByRole('cell', { name: 'Cash dispenser: Notes jammed CASH_JAM' }).waitFor();
    await checkScreen(page, 'alerts-jams');
    await page.context().close();
  }, 30_000);

  it('in Chinese, each jam in Chinese words, the code beside it', async () => {
    const page = await logIn('zh-CN', { user: '用户名', password: '密码', logIn: '登录' });
    await page.getByRole('region', { name: '服务大厅 未指定大厅' }).getByText('loose-k01').waitFor();
    await page.getByRole('button', { name: 'hall1-k01', exact: true }).click();
    const detail = page.getByRole('region', { name: '终端 hall1-k01' });
    await deviceRow(detail, '读卡器')
      .getByRole('cell', { name: '硬件故障 · 故障: 卡片卡在读卡器内 CARD_READER_JAM' })
      .waitFor();
    await deviceRow(detail, '出钞机')
      .getByRole('cell', { name: '硬件故障 · 故障: 出钞机卡钞 CASH_JAM' })
      .waitFor();
    await checkScreen(page, 'kiosk-jams-zh');
    await page.context().close();
  }, 30_000);

  it('new alerts are announced with the fault in words; a failed self test: its reason and the recovery in words', async () => {
    const page = await logIn('en-GB', { user: 'User name', password: 'Password', logIn: 'Log in' });
    await page.getByRole('button', { name: 'hall2-k01', exact: true }).waitFor();
    const hall2 = kiosks.find((kiosk) => kiosk.kioskId === 'hall2-k01')!;
    const announcement = page.getByTestId('alert-announcement');
    await hall2.jam('cardReader', 'CARD_READER_JAM');
    await announcement
      .getByText('New alert: hall2-k01 Device fault Card reader: Card jammed in the reader', { exact: true })
      .waitFor();
    await hall2.selfTestFailed();
    await announcement
      .getByText('New alert: hall2-k01 Recovery needs staff Self-test failed', { exact: true })
      .waitFor();

    await page.getByRole('button', { name: 'hall2-k01', exact: true }).click();
    const detail = page.getByRole('region', { name: 'Kiosk hall2-k01' });
    await detail.getByTestId('detail-state').getByText('Out of service').waitFor();
    await detail.getByText('Self-test failed SELF_TEST_FAILED').first().waitFor();
    // the kiosk's alert and its recent event: the reason in words, the code beside it in small text
    const recovery = detail
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'Recovery needs staff', exact: true }) })
      .getByRole('cell', { name: 'Self-test failed SELF_TEST_FAILED', exact: true });
    await recovery.nth(1).waitFor();
    expect(await recovery.count()).toBe(2);
    // no reason stands alone: each one follows its words (the header's, the alert's, the event's)
    expect(await detail.getByText('SELF_TEST_FAILED', { exact: true }).count()).toBe(3);
    expect(await detail.locator('small.code', { hasText: 'SELF_TEST_FAILED' }).count()).toBe(3);
    await checkScreen(page, 'kiosk-self-test-failed');

    await page.getByRole('button', { name: /^Alerts/ }).click();
    await page
      .getByRole('region', { name: 'Active alerts' })
      .getByRole('cell', { name: 'Self-test failed SELF_TEST_FAILED', exact: true })
      .waitFor();
    await page.context().close();
  }, 30_000);

  it('in Chinese, the new alert names the fault and the failed self test reads in Chinese', async () => {
    const page = await logIn('zh-CN', { user: '用户名', password: '密码', logIn: '登录' });
    await page.getByRole('button', { name: 'hall2-k01', exact: true }).waitFor();
    await kiosks.find((kiosk) => kiosk.kioskId === 'hall2-k01')!.jam('cashDispenser', 'CASH_JAM');
    await page
      .getByTestId('alert-announcement')
      .getByText('新告警: hall2-k01 设备故障 出钞机: 出钞机卡钞', { exact: true })
      .waitFor();
    await page.getByRole('button', { name: 'hall2-k01', exact: true }).click();
    const detail = page.getByRole('region', { name: '终端 hall2-k01' });
    await detail.getByText('自检未通过 SELF_TEST_FAILED').first().waitFor();
    await detail
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: '需人工恢复', exact: true }) })
      .getByRole('cell', { name: '自检未通过 SELF_TEST_FAILED', exact: true })
      .first()
      .waitFor();
    await checkScreen(page, 'kiosk-self-test-failed-zh');
    await page.context().close();
  }, 30_000);
});
