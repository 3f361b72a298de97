/**
 * Fault: a receipt paper refill cut off by a restart was lost, and no staff screen asked about it.
 * Now (ADR 0022) the next visit's staff menu lists it in words ("… was cut off by a restart: was it
 * loaded?") with the counts to look against; the engineer answers in a real browser, confirms, and
 * the act is logged once; a refill of the paper before the answer is refused in words naming why.
 * The real daemon (killed by the kill harness's hook right after the refill's intent), Debian's
 * Chromium, axe-core on the screen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { eventually } from '@kiosk/domain/testing';
import { ARTIFACTS, launchChromium } from '../../fleet-monitor/src/testing/test-chromium.js';
import { startDaemon } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';

import { DEMO_ENGINEER as ENGINEER, maintenanceCall, staffLogIn } from './maintenance-client.js';
import { axeViolations, describeViolations } from './screen-check.js';
import { UiClient } from './ui-client.js';

const PAPER = { device: 'receiptPrinter', supply: 'paper', added: 1 };

/** The `maintenance_supply` entries of the paper, as the journal file holds them. */
function paperEntries(dir: string): { quantity: number }[] {
  const db = new Database(join(dir, 'journal.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT "quantity" FROM "maintenance_supply" WHERE "supply" = 'paper'`).all() as {
      quantity: number;
    }[];
  } finally {
    db.close();
  }
}

async function logInOnPage(page: Page, ui: UiClient, url: string): Promise<void> {
  await page.goto(new URL('/#/maintenance', url).href);
  const login = page.getByTestId('staff-login');
  await login.waitFor({ timeout: 15_000 });
  await login.getByRole('textbox').fill(ENGINEER.id);
  await login.getByRole('button').click();
  const pad = page.getByTestId('staff-demo-pin-pad');
  await pad.waitFor();
  await eventually(
    () => ui.emit('demo.pinpad', { key: ENGINEER.pin[0] }),
    'the PIN pad asks for the staff PIN',
    { withinMs: 10_000, until: (ack) => ack.ok },
  );
  for (const key of ENGINEER.pin.slice(1)) await pad.getByTestId(`pad-${key}`).click();
  await pad.getByTestId('pad-enter').click();
  await page.getByTestId('staff-menu').waitFor({ timeout: 15_000 });
}

describe('a supply act cut off by a restart on the staff screen (real browser, real daemon)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-supply-act-'));
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fault: restart after the paper refill intent: the next visit is asked, answers loaded, logged once', async () => {
    const args = ['--set', 'demo.panel=true'];
    // the refill's intent journaled, the daemon killed before anything else
    const killed = await startDaemon(
      [...args, '--set', 'journal.crashAt=after:maintenance.refill:intent'],
      daemonStart(dir),
    );
    const first = new UiClient(killed.url);
    await first.connected();
    await first.waitForKiosk((v) => v.mode === 'inService');
    const token = ((await staffLogIn(killed.url, first, ENGINEER)).body as { token: string }).token;
    const cut = maintenanceCall(killed.url, 'POST', '/maintenance/refill', { token, body: PAPER });
    await expect(cut).rejects.toThrow();
    first.close();
    expect((await killed.ended).signal).toBe('SIGKILL');

    const daemon = await startDaemon(args, daemonStart(dir));
    const ui = new UiClient(daemon.url);
    try {
      await ui.connected();
      await ui.waitForKiosk((v) => v.mode === 'inService');
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
      await logInOnPage(page, ui, daemon.url);
      await page.locator('.staff-app__bar').getByRole('button', { name: 'English' }).click();
      const list = page.getByTestId('staff-supply-acts');
      await list.waitFor();
      expect(await list.innerText()).toContain(`The refill of 1 into Receipt paper by ${ENGINEER.id}`);
      expect(await list.innerText()).toContain('was cut off by a restart: was it loaded?');
      await list.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, 'staff-supply-act-cut-off.png') });
      expect(describeViolations(await axeViolations(page))).toBe('');

      // a new refill of the paper waits for the answer, and says so
      await page.getByTestId('staff-submit-receiptPrinter-paper').click();
      const refused = page.getByTestId('error-box');
      await refused.waitFor();
      expect(await refused.getAttribute('data-code')).toBe('MAINTENANCE_SUPPLY_UNSETTLED');
      expect(await refused.innerText()).toContain('cut off by a restart');

      await list.getByTestId('staff-supply-act-done').click();
      await list.getByTestId('staff-supply-act-confirm').waitFor();
      await list.getByTestId('staff-supply-act-confirm-yes').click();
      await page.getByText('Confirmed as done: counted once in the journal.').waitFor();
      await list.waitFor({ state: 'detached' });
      expect(paperEntries(dir)).toEqual([{ quantity: 1 }]);
      await page.close();
    } finally {
      ui.close();
      expect(await daemon.stop()).toBe(0);
    }
  }, 180_000);
});
