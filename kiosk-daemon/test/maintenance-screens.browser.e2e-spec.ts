/**
 * The staff screens in a real browser against the real daemon: the receipt paper runs out, an
 * engineer opens `#/maintenance`, gives the staff card number, types the PIN on the kiosk's PIN pad
 * (the demo pad here), sees the paper empty in the menu, refills it, prints a test receipt, reads the
 * reconciliation, switches to English and logs out; the kiosk is back in service. Every screen is
 * checked with axe-core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { eventually } from '@kiosk/domain/testing';
import { ARTIFACTS, launchChromiumWhile } from '../../fleet-monitor/src/testing/test-chromium.js';
import { startDaemon, type DaemonProcess } from './daemon-process.js';

import { DEMO_ENGINEER as ENGINEER, DEMO_SUPERVISOR as SUPERVISOR } from './maintenance-client.js';
import { axeViolations, describeViolations } from './screen-check.js';
import { UiClient } from './ui-client.js';

/**
 * A staff screen: no WCAG 2.1 A/AA violation and a screenshot. (The resident screens' check also
 * asks for the large-text and contrast toggles; staff screens have no contrast toggle, and their
 * large text has its own spec, staff-screens-ignore-large-text.)
 */
async function checkScreen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `staff-${name}.png`) });
  expect(describeViolations(await axeViolations(page))).toBe('');
}

describe('the staff screens (real browser, real daemon)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-staff-screens-'));
  let daemon: DaemonProcess;
  let browser: Browser;
  let ui: UiClient;
  let page: Page;

  beforeAll(async () => {
    ({ started: daemon, browser } = await launchChromiumWhile(
      () => startDaemon(['--set', 'demo.panel=true'], { dir, readyTimeoutMs: 45_000 }),
      (d) => d.stop(),
    ));
    ui = new UiClient(daemon.url);
    await ui.connected();
    await ui.waitForKiosk((v) => v.mode === 'inService');
    page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
  }, 90_000);

  afterAll(async () => {
    ui?.close();
    await browser?.close();
    expect(await daemon?.stop()).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000); // the browser closed, then the daemon's stop (killed after 10 s)

  it('paper out: the engineer logs in with card and PIN pad, refills, tests, reconciles, logs out; back in service', async () => {
    expect(await ui.emit('demo.fault', { device: 'receiptPrinter', fault: 'paperOut' })).toEqual({
      ok: true,
    });
    await ui.waitForKiosk((v) => v.mode === 'degraded', 15_000);

    await page.goto(new URL('/#/maintenance', daemon.url).href);
    const login = page.getByTestId('staff-login');
    await login.waitFor({ timeout: 15_000 });
    await checkScreen(page, 'login');
    await login.getByRole('textbox').fill(ENGINEER.id);
    await login.getByRole('button').click();
    await page.getByTestId('staff-pin-prompt').waitFor();
    // the demo build shows the emulated PIN pad on the staff page; the first key once the pad
    // collects (over the socket, which acknowledges), the rest on the page's pad
    const pad = page.getByTestId('staff-demo-pin-pad');
    await pad.waitFor();
    await checkScreen(page, 'pin-prompt');
    await eventually(
      () => ui.emit('demo.pinpad', { key: ENGINEER.pin[0] }),
      'the PIN pad asks for the staff PIN',
      { withinMs: 10_000, until: (ack) => ack.ok },
    );
    // the staff screen counts the digits in, as the resident's PIN screen does (never which)
    const count = page.getByTestId('staff-pin-count');
    for (const key of ENGINEER.pin.slice(1, 3)) await pad.getByTestId(`pad-${key}`).click();
    await page.locator('[data-testid="staff-pin-count"][data-entered="3"]').waitFor();
    expect(await count.innerText()).toBe('已输入 3 位，共 6 位');
    for (const key of ENGINEER.pin.slice(3)) await pad.getByTestId(`pad-${key}`).click();
    await page.locator('[data-testid="staff-pin-count"][data-entered="6"]').waitFor();
    await pad.getByTestId('pad-enter').click();

    await page.getByTestId('staff-menu').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('staff-visit').innerText()).toContain(ENGINEER.id);
    const paper = page.getByTestId('staff-supply-receiptPrinter-paper');
    expect(await paper.getAttribute('data-level')).toBe('empty');
    // the engineer may not load cash: the cassette says a supervisor does it
    expect(await page.getByTestId('staff-supply-cashDispenser-cassette-upper').innerText()).toContain(
      '需由主管操作',
    );
    await checkScreen(page, 'menu-paper-empty');

    // the card printer's cover open: its fault in words beside its code (never the code alone), and
    // the device's own words under them, as the maintenance API's device view gives them; a clear
    // refused as the fault persists says which device still has which fault
    const viewed = page.waitForResponse(
      async (r) => r.url().endsWith('/maintenance/view') && (await r.text()).includes('COVER_OPEN'),
      { timeout: 15_000 },
    );
    expect(await ui.emit('demo.fault', { device: 'cardPrinter', fault: 'coverOpen' })).toEqual({ ok: true });
    const coverOpen = 'The card printer cover is open; close it.';
    const { devices } = (await (await viewed).json()) as { devices: { kind: string }[] };
    expect(devices.find((d) => d.kind === 'cardPrinter')).toEqual({
      kind: 'cardPrinter',
      state: 'userError',
      fault: 'CARD_PRINTER_COVER_OPEN',
      faultMessage: coverOpen,
      missingReader: null,
    });
    const printer = page.getByTestId('staff-device-cardPrinter');
    const printerFault = printer.getByTestId('staff-device-fault');
    await printerFault.waitFor({ timeout: 15_000 }); // the menu reads the view every 5 s
    expect(await printerFault.innerText()).toBe('制卡机盖未关好。 CARD_PRINTER_COVER_OPEN');
    const deviceSays = printer.getByTestId('staff-device-fault-message');
    expect(await deviceSays.innerText()).toContain(`设备报告： ${coverOpen}`);
    expect(await deviceSays.locator('q').getAttribute('lang')).toBe('en');
    await printer.getByRole('button', { name: '清除故障' }).click();
    const persists = page.getByTestId('error-box-detail');
    await persists.waitFor();
    expect(await page.getByTestId('error-box').getAttribute('data-code')).toBe('MAINTENANCE_FAULT_PERSISTS');
    expect(await persists.innerText()).toBe('制卡机故障仍在：制卡机盖未关好。（CARD_PRINTER_COVER_OPEN）');
    await checkScreen(page, 'menu-fault-persists');
    expect(await ui.emit('demo.fault', { device: 'cardPrinter', fault: null })).toEqual({ ok: true });
    await page
      .locator('[data-testid="staff-device-cardPrinter"][data-state="online"]')
      .waitFor({ timeout: 15_000 });

    await page.getByTestId('staff-submit-receiptPrinter-paper').click();
    await page.getByTestId('staff-notice').waitFor();
    // a new roll is one button, answered with what the printer reads after it
    expect(await page.getByTestId('staff-notice').innerText()).toBe('已记录换纸，打印机检测到纸张。');
    await page.locator('[data-testid="staff-supply-receiptPrinter-paper"][data-level="ok"]').waitFor();

    await page.getByTestId('staff-check-testReceipt').click();
    await page.getByText('打印测试凭条：已完成。').waitFor();
    await page.getByTestId('staff-reconcile').click();
    const table = page.getByTestId('staff-reconciliation');
    await table.waitFor();
    expect(await table.locator('[data-reconciles="false"]').count()).toBe(0);
    // the card blanks beside the supplies: nothing issued or spoiled yet, nothing unexplained
    const blanks = page.getByTestId('staff-card-blanks');
    expect(await blanks.getAttribute('data-reconciles')).toBe('true');
    expect(await page.getByTestId('staff-cards-issued').innerText()).toContain('尚未计数');
    await checkScreen(page, 'menu-reconciled');

    await page.locator('.staff-app__bar').getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Kiosk maintenance' }).waitFor();
    await checkScreen(page, 'menu-en');

    await page.getByRole('button', { name: /Log out/ }).click();
    await page.getByTestId('staff-login').waitFor();
    const back = await ui.waitForKiosk((v) => v.mode === 'inService', 15_000);
    expect(back.journeysOffered).toContain('records');
  }, 120_000);

  it('a supervisor sees the recent journal, masked, with the engineer’s visit in it', async () => {
    const login = page.getByTestId('staff-login');
    await login.getByRole('textbox').fill(SUPERVISOR.id);
    await login.getByRole('button').click();
    await page.getByTestId('staff-pin-prompt').waitFor();
    await eventually(
      () => ui.emit('demo.pinpad', { key: SUPERVISOR.pin[0] }),
      'the PIN pad asks for the staff PIN',
      { withinMs: 10_000, until: (ack) => ack.ok },
    );
    for (const key of SUPERVISOR.pin.slice(1)) await ui.emit('demo.pinpad', { key });
    await ui.emit('demo.pinpad', { key: 'enter' });
    await page.getByTestId('staff-menu').waitFor({ timeout: 15_000 });
    await page.getByTestId('staff-journal').click();
    const table = page.getByTestId('staff-journal-table');
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain('maintenance.refill:done');
    expect(text).not.toContain(ENGINEER.pin);
    await checkScreen(page, 'menu-journal');
    // a cassette refill as typed: a count before loading that does not read is said on the screen
    // and nothing is sent; notes the supervisor chose of another denomination, refused by the daemon
    const cassette = page.locator('[data-testid^="staff-supply-cashDispenser-cassette"]').first();
    await cassette.locator('[data-testid^="staff-added-"]').fill('10');
    await cassette.locator('[data-testid^="staff-before-"]').fill('12a');
    await cassette.locator('[data-testid^="staff-notes-"]').selectOption('2000');
    await cassette.locator('[data-testid^="staff-submit-"]').click();
    await cassette.locator('[data-testid^="staff-invalid-"]').waitFor();
    expect(await page.getByTestId('error-box').count()).toBe(0);
    await cassette.locator('[data-testid^="staff-before-"]').fill('');
    await cassette.locator('[data-testid^="staff-submit-"]').click();
    await page.locator('[data-testid="error-box"][data-code="MAINTENANCE_COUNT_MISMATCH"]').waitFor();
    await page.getByRole('button', { name: /Log out/ }).click();
    await page.getByTestId('staff-login').waitFor();
    await ui.waitForKiosk((v) => v.mode === 'inService', 15_000);
  }, 60_000);
});
