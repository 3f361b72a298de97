/**
 * A replacement's handed-in card recovery left unknown, settled on the staff screens (real
 * browser, real daemon, real SQLite journal): the kiosk comes back from a kill during the damaged
 * card's capture on a count that cannot tell where the card went (`undecided-old-card.ts`), so it
 * is out of service; a supervisor opens `#/maintenance`, logs in with card and PIN pad, finds the
 * card making listed with the handed-in card and the resident masked and the capture bin's three
 * answers (never the new card's reject bin answers, which have no card order here), looks in the
 * capture bin, finds it and confirms; the verdict is journaled as the old card's decision, the
 * capture bin counted as the reader reports it, the card making closed, and after log-out the
 * kiosk is back in service. Every screen in both languages, with screenshots and axe.
 *
 * Fault: the verdict refused because another screen of the visit settled it first
 * (MAINTENANCE_ALREADY_SETTLED): the screen says so in words with the verdict that stands, the
 * journal keeps that verdict alone and the screen's attempt journaled refused with its code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ISSUER_KEY } from '@kiosk/device-drivers';
import { eventually } from '@kiosk/domain/testing';
import { launchChromiumWhile } from '../../fleet-monitor/src/testing/test-chromium.js';
import { startDaemon, startHostProcess, type DaemonProcess, type HostProcess } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';

import { DEMO_SUPERVISOR as SUPERVISOR, maintenanceCall } from './maintenance-client.js';
import { journalRows } from './recovery-world.js';
import { checkBothLanguages } from './staff-languages.js';
import { UiClient } from './ui-client.js';
import { HAND_IN_ARGS, killDuringOldCardCaptureUncounted } from './undecided-old-card.js';

const KIOSK_ID = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';

interface Kiosk {
  readonly dir: string;
  readonly transactionId: string;
  readonly daemon: DaemonProcess;
  readonly ui: UiClient;
  readonly page: Page;
  /** the visit's bearer token, as the log-in answered the screen */
  readonly token: string;
}

describe('a handed-in card left unknown, on the staff screens (real browser, real daemon)', () => {
  let host: HostProcess;
  let browser: Browser;
  const cleanups: (() => Promise<void> | void)[] = [];

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

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  }, 30_000); // the daemon's stop (killed after 10 s)

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  /** The kiosk out of service with the hand-in left unknown, a supervisor on its staff screens. */
  async function supervisorFacingUnknownHandIn(): Promise<Kiosk> {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-old-card-screen-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const args = [
      ...['--set', 'demo.panel=true', '--set', 'host.mode=external', '--set', `host.url=${host.url}`],
      ...['--set', `host.kioskKey=${KIOSK_KEY}`],
    ];
    const transactionId = await killDuringOldCardCaptureUncounted(dir, args);
    const daemon = await startDaemon([...args, ...HAND_IN_ARGS], daemonStart(dir));
    cleanups.push(async () => expect(await daemon.stop()).toBe(0));
    const ui = new UiClient(daemon.url);
    cleanups.push(() => ui.close());
    await ui.connected();
    expect(await ui.waitForKiosk(() => true)).toMatchObject({ mode: 'outOfService' });
    const decided = journalRows<{ detail: string }>(
      dir,
      `SELECT detail FROM journal_step WHERE transactionId = ? AND step = 'recovery.oldCard'`,
      transactionId,
    );
    expect(decided.map((d) => JSON.parse(d.detail) as unknown)).toEqual([{ where: 'unknown' }]);

    const page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
    cleanups.push(() => page.close());
    await page.goto(new URL('/#/maintenance', daemon.url).href);
    const login = page.getByTestId('staff-login');
    await login.waitFor({ timeout: 15_000 });
    await login.getByRole('textbox').fill(SUPERVISOR.id);
    const answered = page.waitForResponse((r) => r.url().endsWith('/maintenance/login'), { timeout: 30_000 });
    await login.getByRole('button').click();
    await page.getByTestId('staff-pin-prompt').waitFor();
    await eventually(
      () => ui.emit('demo.pinpad', { key: SUPERVISOR.pin[0] }),
      'the PIN pad asks for the staff PIN',
      { withinMs: 10_000, until: (ack) => ack.ok },
    );
    for (const key of SUPERVISOR.pin.slice(1)) await ui.emit('demo.pinpad', { key });
    await ui.emit('demo.pinpad', { key: 'enter' });
    const token = ((await (await answered).json()) as { token: string }).token;
    await page.getByTestId('staff-menu').waitFor({ timeout: 15_000 });
    return { dir, transactionId, daemon, ui, page, token };
  }

  const stepsOf = (k: Kiosk, transactionId: string, like: string) =>
    journalRows<{ step: string; phase: string; detail: string | null }>(
      k.dir,
      `SELECT step, phase, detail FROM journal_step WHERE transactionId = ? AND step LIKE ? ORDER BY seq`,
      transactionId,
      like,
    );
  /** the staff visit's transaction (the latest maintenance one) */
  const visitOf = (k: Kiosk) =>
    journalRows<{ id: string }>(
      k.dir,
      `SELECT id FROM journal_transaction WHERE journey = 'maintenance' ORDER BY serial DESC LIMIT 1`,
    )[0]!.id;

  it('out of service until the supervisor answers on screen: the handed-in card found in the capture bin', async () => {
    const k = await supervisorFacingUnknownHandIn();
    const { page, transactionId } = k;
    const pending = page.getByTestId(`staff-settle-card-${transactionId}`);
    await pending.waitFor();
    await checkBothLanguages(
      page,
      'old-card-pending',
      async (locale) => {
        const shown = await pending.innerText();
        expect(shown).toContain(
          locale === 'en'
            ? 'taking the handed-in card into the capture bin oldCard.capture:intent'
            : '将交回的旧卡收入吞卡箱 oldCard.capture:intent',
        );
        // zhang (张明): masked as the domain masks names, ID and card numbers, never in full
        expect(await pending.getByTestId('staff-card-making-resident').innerText()).toMatch(
          /^张\*明 · \d{4}\*{10}\d{3}[\dX]$/,
        );
        expect(await pending.getByTestId('staff-old-card-number').innerText()).toMatch(/^.{3}\*+.{3}$/);
        expect(await pending.getByRole('button').allInnerTexts()).toEqual(
          locale === 'en'
            ? [
                'Handed-in card found in the capture bin',
                'Not in the bin: given back to the resident',
                'Handed-in card not found: not in the bin, not with the resident',
              ]
            : ['吞卡箱中有这张旧卡', '吞卡箱中没有：已退还居民', '旧卡下落不明：不在吞卡箱，也不在居民手中'],
        );
      },
      pending,
    );
    await pending.getByTestId('staff-old-card-inCaptureBin').click();
    const confirm = pending.getByTestId('staff-old-card-confirm');
    await checkBothLanguages(
      page,
      'old-card-confirm',
      async (locale) => {
        const words = await confirm.innerText();
        expect(words).toContain(
          locale === 'en'
            ? 'Confirm: Handed-in card found in the capture bin?'
            : '确认：吞卡箱中有这张旧卡？',
        );
        expect(words).toContain(
          locale === 'en' ? 'the host is not told of the hand-in' : '不通知主机交卡情况',
        );
      },
      confirm,
    );
    await pending.getByTestId('staff-old-card-confirm-yes').click();
    await pending.waitFor({ state: 'detached' });
    await checkBothLanguages(page, 'old-card-settled', async (locale) => {
      expect(await page.getByTestId('staff-notice').innerText()).toBe(
        locale === 'en'
          ? 'Settled: the handed-in card is journaled in the capture bin; the card making is closed.'
          : '已处理：流水记录旧卡在吞卡箱中，本次制卡已结束。',
      );
      expect(await page.getByTestId('error-box').count()).toBe(0);
    });

    await page.getByRole('button', { name: /Log out|退出/ }).click();
    await page.getByTestId('staff-login').waitFor();
    const back = await k.ui.waitForKiosk((v) => v.mode === 'inService' || v.mode === 'degraded', 15_000);
    expect(back.journeysOffered).toContain('replaceCard');

    // journal: the verdict as the old card's decision with who gave it and the bin it counted
    const decided = stepsOf(k, transactionId, 'recovery.oldCard').map(
      (s) => JSON.parse(s.detail!) as unknown,
    );
    expect(decided).toEqual([
      { where: 'unknown' },
      { where: 'captured', verdict: 'inCaptureBin', staff: SUPERVISOR.id, captureBin: expect.any(Number) },
    ]);
    const captureBin = (decided[1] as { captureBin: number }).captureBin;
    const [counted] = journalRows<{ counters: string }>(
      k.dir,
      `SELECT counters FROM device_counters WHERE kind = 'cardReader' ORDER BY id DESC LIMIT 1`,
    );
    expect(JSON.parse(counted!.counters)).toMatchObject({ captureBin });
    expect(
      journalRows<{ status: string }>(
        k.dir,
        `SELECT status FROM journal_transaction WHERE id = ?`,
        transactionId,
      ),
    ).toEqual([{ status: 'closed' }]);
    // in the visit: the verdict's intent and done, nothing refused
    expect(stepsOf(k, visitOf(k), 'maintenance.settleCardMaking').map((s) => `${s.step}:${s.phase}`)).toEqual(
      ['maintenance.settleCardMaking:intent', 'maintenance.settleCardMaking:done'],
    );
  }, 180_000);

  it('fault: verdict refused because another screen of the visit settled it first: said in words with the verdict that stands, that verdict alone journaled', async () => {
    const k = await supervisorFacingUnknownHandIn();
    const { page, transactionId } = k;
    const pending = page.getByTestId(`staff-settle-card-${transactionId}`);
    await pending.waitFor();
    await pending.getByTestId('staff-old-card-givenBack').click();
    await pending.getByTestId('staff-old-card-confirm').waitFor();
    // the screen's own reads of the view wait while the other screen settles (its list stays as
    // read, the confirmation open): the refusal, not a refreshed list, is what this spec looks at
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/maintenance/view', async (route) => {
      await held;
      await route.continue();
    });
    const first = await maintenanceCall(k.daemon.url, 'POST', '/maintenance/settle-card-making', {
      token: k.token,
      body: { transactionId, oldCard: 'inCaptureBin' },
    });
    expect(first).toMatchObject({ status: 200, body: { transactionId, outcome: 'closed' } });
    await pending.getByTestId('staff-old-card-confirm-yes').click();
    const refusal = page.getByTestId('error-box');
    await refusal.waitFor();
    release();
    expect(await refusal.getAttribute('data-code')).toBe('MAINTENANCE_ALREADY_SETTLED');
    await pending.waitFor({ state: 'detached' });
    await checkBothLanguages(
      page,
      'old-card-settled-elsewhere',
      async (locale) => {
        const words = await refusal.innerText();
        expect(words).toContain(
          locale === 'en'
            ? 'A verdict was given for this already; it stands.'
            : '这笔业务已经有处理结论，结论不变。',
        );
        expect(await refusal.getByTestId('error-box-detail').innerText()).toBe(
          locale === 'en'
            ? 'The verdict that stands: Handed-in card found in the capture bin.'
            : '维持的结论：吞卡箱中有这张旧卡。',
        );
        expect(await page.getByTestId('staff-notice').count()).toBe(0);
      },
      refusal,
    );

    // the first verdict stands alone; the screen's attempt refused in the visit with its code
    expect(
      stepsOf(k, transactionId, 'recovery.oldCard').map((s) => JSON.parse(s.detail!) as { verdict?: string }),
    ).toEqual([
      { where: 'unknown' },
      expect.objectContaining({ where: 'captured', verdict: 'inCaptureBin' }),
    ]);
    expect(
      journalRows<{ status: string }>(
        k.dir,
        `SELECT status FROM journal_transaction WHERE id = ?`,
        transactionId,
      ),
    ).toEqual([{ status: 'closed' }]);
    const visit = stepsOf(k, visitOf(k), 'maintenance.settleCardMaking');
    expect(visit.map((s) => `${s.step}:${s.phase}`)).toEqual([
      'maintenance.settleCardMaking:intent',
      'maintenance.settleCardMaking:done',
      'maintenance.settleCardMaking:intent',
      'maintenance.settleCardMaking:failed',
    ]);
    expect(visit[3]!.detail).toContain('MAINTENANCE_ALREADY_SETTLED');
    expect(visit[2]!.detail).toContain('givenBack');
  }, 180_000);
});
