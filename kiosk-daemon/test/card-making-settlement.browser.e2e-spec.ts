/**
 * A card making left for staff, settled on the staff screens (real browser, real daemon): the
 * kiosk comes back from a kill during the pull-back of a new card with the card gone from the
 * slot and its printer replaced by one that does not count its reject bin, so it is out of service; a supervisor opens `#/maintenance`,
 * logs in with card and PIN pad, finds the card making listed (the card and the resident's ID
 * number masked, the step it stopped at, the reject bin not counted by the printer) with its three
 * answers, looks in the reject bin, finds nothing there, says the resident took it and confirms;
 * the host is told it was issued, the list is empty, and after log-out the kiosk is back in
 * service. Every screen in both languages (switched with the header's language button), with
 * screenshots and axe.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { DEMO_ISSUER_KEY } from '@kiosk/device-drivers';
import { eventually } from '@kiosk/domain/testing';
import { launchChromiumWhile } from '../../fleet-monitor/src/testing/test-chromium.js';
import { startDaemon, startHostProcess, type DaemonProcess, type HostProcess } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';

import { DEMO_SUPERVISOR as SUPERVISOR } from './maintenance-client.js';
import { checkBothLanguages } from './staff-languages.js';
import { UiClient } from './ui-client.js';
import { killDuringRetractWithCardGone } from './undecided-card-making.js';

const KIOSK_ID = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';

describe('a card making left for staff, on the staff screens (real browser, real daemon)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-card-settle-screen-'));
  let host: HostProcess;
  let daemon: DaemonProcess | undefined;
  let browser: Browser | undefined;
  let ui: UiClient | undefined;

  beforeAll(async () => {
    // the browser launched while the host process starts
    ({ started: host, browser } = await launchChromiumWhile(
      () =>
        startHostProcess({
          kiosks: { [KIOSK_ID]: KIOSK_KEY },
          issuerMasterKey: DEMO_ISSUER_KEY.toString('hex'),
        }),
      (h) => h.stop(),
    ));
  }, 30_000);

  afterAll(async () => {
    ui?.close();
    await browser?.close();
    if (daemon) expect(await daemon.stop()).toBe(0);
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000); // the browser closed, then the daemon's stop (killed after 10 s)

  it('out of service until the supervisor answers on screen: not in the reject bin, the resident took it', async () => {
    const args = [
      ...['--set', 'demo.panel=true', '--set', 'host.mode=external', '--set', `host.url=${host.url}`],
      ...['--set', `host.kioskKey=${KIOSK_KEY}`],
    ];
    const { transactionId, later } = await killDuringRetractWithCardGone(dir, args, 'taken');
    daemon = await startDaemon(later, daemonStart(dir));
    ui = new UiClient(daemon.url);
    await ui.connected();
    expect(await ui.waitForKiosk(() => true)).toMatchObject({ mode: 'outOfService' });

    const page = await browser!.newPage({ viewport: { width: 1280, height: 1024 } });
    await page.goto(new URL('/#/maintenance', daemon.url).href);
    const login = page.getByTestId('staff-login');
    await login.waitFor({ timeout: 15_000 });
    await login.getByRole('textbox').fill(SUPERVISOR.id);
    await login.getByRole('button').click();
    await page.getByTestId('staff-pin-prompt').waitFor();
    const client = ui;
    await eventually(
      () => client.emit('demo.pinpad', { key: SUPERVISOR.pin[0] }),
      'the PIN pad asks for the staff PIN',
      { withinMs: 10_000, until: (ack) => ack.ok },
    );
    for (const key of SUPERVISOR.pin.slice(1)) await ui.emit('demo.pinpad', { key });
    await ui.emit('demo.pinpad', { key: 'enter' });
    await page.getByTestId('staff-menu').waitFor({ timeout: 15_000 });

    const pending = page.getByTestId(`staff-settle-card-${transactionId}`);
    await pending.waitFor();
    await checkBothLanguages(
      page,
      'card-making-pending',
      async (locale) => {
        expect(
          await page
            .getByRole('heading', {
              name: locale === 'en' ? 'Card makings left for staff' : '待工作人员处理的制卡',
            })
            .count(),
        ).toBe(1);
        const shown = await pending.innerText();
        expect(shown).toContain(locale === 'en' ? 'Reject bin' : '废卡箱');
        expect(shown).toContain(
          locale === 'en'
            ? 'pulling back a card nobody took card.retract:intent'
            : '回收无人取走的卡片 card.retract:intent',
        );
        expect(await pending.getByTestId('staff-card-making-reject-bin').innerText()).toMatch(
          locale === 'en'
            ? /^printer not counted, journal (not counted|\d+)$/
            : /^制卡机 不计数，流水 (不计数|\d+)$/,
        );
        // wang (王建国): masked as the domain masks names and ID numbers, never in full
        expect(await pending.getByTestId('staff-card-making-resident').innerText()).toMatch(
          /^王\*国 · 4108\*{10}\d{3}[\dX]$/,
        );
        expect(await pending.getByRole('button').allInnerTexts()).toEqual(
          locale === 'en'
            ? [
                'Card found in the reject bin',
                'Not in the reject bin: the resident took it',
                'Card missing: not in the bin, the resident did not get it',
              ]
            : ['废卡箱中有这张卡', '废卡箱中没有：居民已取走', '卡片下落不明：不在废卡箱，居民也未拿到'],
        );
      },
      pending,
    );
    await pending.getByTestId('staff-card-taken').click();
    const confirm = pending.getByTestId('staff-card-confirm');
    await checkBothLanguages(
      page,
      'card-making-confirm',
      async (locale) => {
        expect(await confirm.innerText()).toContain(
          locale === 'en'
            ? 'Confirm: Not in the reject bin: the resident took it?'
            : '确认：废卡箱中没有：居民已取走？',
        );
        expect(await confirm.innerText()).toContain(
          locale === 'en'
            ? 'The office is told the card was issued, and the resident can activate it.'
            : '告知中心该卡已发出，居民可激活。',
        );
      },
      confirm,
    );
    await pending.getByTestId('staff-card-confirm-yes').click();
    await pending.waitFor({ state: 'detached' });
    await checkBothLanguages(page, 'card-making-settled', async (locale) => {
      expect(await page.getByTestId('staff-notice').innerText()).toBe(
        locale === 'en'
          ? 'Settled: the host told the card was issued to the resident.'
          : '已处理：已告知主机该卡已发给居民。',
      );
      expect(await page.getByTestId('error-box').count()).toBe(0);
    });

    await page.getByRole('button', { name: /Log out|退出/ }).click();
    await page.getByTestId('staff-login').waitFor();
    const back = await ui.waitForKiosk((v) => v.mode === 'inService' || v.mode === 'degraded', 15_000);
    expect(back.journeysOffered).toContain('issueCard');

    const db = new Database(join(dir, 'journal.sqlite'), { readonly: true });
    try {
      const verdict = db
        .prepare(`SELECT detail FROM journal_step WHERE transactionId = ? AND step = 'recovery.staffVerdict'`)
        .all(transactionId) as { detail: string }[];
      expect(verdict.map((v) => JSON.parse(v.detail) as unknown)).toEqual([
        { card: 'taken', staff: SUPERVISOR.id, outcome: 'issued' },
      ]);
    } finally {
      db.close();
    }
  }, 150_000);
});
