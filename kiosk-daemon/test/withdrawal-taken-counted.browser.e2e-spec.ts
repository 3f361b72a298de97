/**
 * The supervisor's third verdict on the staff screen (real browser, real daemon, the host
 * simulator in its own process): a withdrawal of 200 yuan left for staff (the daemon killed after
 * its dispense's intent, two notes gone while it was down). Besides "paid" and "not paid" the
 * supervisor may say the resident took part of it and enter the amount counted: the notice asks for
 * it and holds its confirm back until an amount that can have been taken is typed (not one above
 * the 200 yuan at the slot, nor one that does not read), says the effect at the host with the
 * amount, and once confirmed the host confirms 100 yuan and gives the other 100 back; the kiosk is
 * back in service after log-out. Both languages, screenshots and axe.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromiumWhile } from '../../fleet-monitor/src/testing/test-chromium.js';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';
import { DEMO_SUPERVISOR as SUPERVISOR } from './maintenance-client.js';
import { startRecoveryWorld, withdrawalsAtHost, type RecoveryWorld } from './recovery-world.js';
import { checkBothLanguages } from './staff-languages.js';
import { openStaffScreen, staffLogsIn } from './staff-screen-page.js';
import { UiClient } from './ui-client.js';
import { killDuringDispenseWithNotesMissing } from './undecided-withdrawal.js';

describe('a withdrawal settled by the amount taken, on the staff screen (real browser, real daemon)', () => {
  let world: RecoveryWorld;
  let daemon: DaemonProcess | undefined;
  let browser: Browser | undefined;
  let ui: UiClient | undefined;

  beforeAll(async () => {
    // the browser launched while the world (its host process) starts
    ({ started: world, browser } = await launchChromiumWhile(
      () => startRecoveryWorld({ dirPrefix: 'kiosk-withdrawal-taken-screen-' }),
      (w) => w.dispose(),
    ));
  }, 30_000);

  afterAll(async () => {
    ui?.close();
    await browser?.close();
    if (daemon) expect(await daemon.stop()).toBe(0);
    await world?.dispose();
  }, 30_000);

  const atHost = (transactionId: string) => withdrawalsAtHost(world, transactionId);

  it('the amount counted entered, its confirm held back until it can have been taken; confirmed: 100 paid, 100 given back', async () => {
    await killDuringDispenseWithNotesMissing(world.dir, world.args);
    daemon = await startDaemon(world.args, daemonStart(world.dir));
    ui = new UiClient(daemon.url);
    await ui.connected();
    expect(await ui.waitForKiosk(() => true)).toMatchObject({ mode: 'outOfService' });

    const { page } = await openStaffScreen(browser!, daemon.url);
    await staffLogsIn(page, ui, SUPERVISOR);
    const pending = page.locator('[data-testid^="staff-settle-"]');
    await pending.waitFor();
    const transactionId = (await pending.getAttribute('data-testid'))!.replace('staff-settle-', '');

    await pending.getByTestId('staff-withdrawal-taken').click();
    const confirm = pending.getByTestId('staff-withdrawal-confirm');
    const amount = confirm.getByTestId('staff-withdrawal-taken-fen');
    const yes = confirm.getByTestId('staff-withdrawal-confirm-yes');
    await amount.waitFor();
    // nothing typed yet: the confirm held back, the notice asks for the amount
    await checkBothLanguages(
      page,
      'withdrawal-taken-empty',
      async (locale) => {
        expect(await confirm.innerText()).toContain(
          locale === 'en' ? 'Confirm: Resident took part of it?' : '确认：居民取走了部分钞票？',
        );
        expect(await confirm.innerText()).toContain(
          locale === 'en' ? 'The notes at the slot (¥ 200.00)' : '出钞口的钞票（200.00 元）',
        );
        expect(await confirm.getByTestId('staff-withdrawal-effect').innerText()).toContain(
          locale === 'en' ? 'Enter the amount counted' : '请填写清点的金额',
        );
        expect(await yes.isDisabled()).toBe(true);
      },
      confirm,
    );
    // more than was at the slot, or what does not read: still held back, nothing sent
    for (const typed of ['300', '1e2', '-100']) {
      await amount.fill(typed);
      expect(await yes.isDisabled()).toBe(true);
    }
    expect(await atHost(transactionId)).toMatchObject([{ status: 'authorised', heldFen: 20_000 }]);

    await amount.fill('100');
    await checkBothLanguages(
      page,
      'withdrawal-taken-counted',
      async (locale) => {
        expect(await confirm.getByTestId('staff-withdrawal-effect').innerText()).toContain(
          locale === 'en'
            ? 'The host is told the resident took ¥ 100.00: that is confirmed paid, the rest of the hold given back'
            : '告知主机居民取走 100.00 元：该金额确认扣款，其余冻结款项退回居民账户。',
        );
        expect(await yes.isDisabled()).toBe(false);
        // the amount typed stays across the language switch
        expect(await amount.inputValue()).toBe('100');
      },
      confirm,
    );
    await yes.click();
    await pending.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.getByTestId('staff-notice').innerText()).toBe('已与主机结清并关闭。');
    expect(await atHost(transactionId)).toMatchObject([
      { status: 'confirmed', heldFen: 0, paidFen: 10_000, reversedFen: 10_000 },
    ]);

    await page.getByRole('button', { name: /Log out|退出/ }).click();
    const back = await ui.waitForKiosk((v) => v.mode === 'inService' || v.mode === 'degraded', 15_000);
    expect(back.journeysOffered).toContain('withdraw');
    const db = new Database(join(world.dir, 'journal.sqlite'), { readonly: true });
    try {
      const verdicts = db
        .prepare(`SELECT detail FROM journal_step WHERE transactionId = ? AND step = 'recovery.staffVerdict'`)
        .all(transactionId) as { detail: string }[];
      expect(verdicts.map((v) => JSON.parse(v.detail) as unknown)).toEqual([
        { verdict: 'taken', takenFen: 10_000, staff: SUPERVISOR.id },
      ]);
    } finally {
      db.close();
    }
  }, 240_000);
});
