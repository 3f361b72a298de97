/**
 * Field staff's test card refused while a card lies at the card printer's slot
 * (MAINTENANCE_NEW_CARD_AT_SLOT), and the staff road its words name, walked on the staff screen
 * (real browser, real daemon, the byte-level card printer emulator over TCP, the SQLite journal):
 * a resident's new card is left at the slot by a printer gone offline as it was presented (its
 * retract refused, `card.leftAtSlot`). Staff log in; the test card is refused, in both languages,
 * nothing moved. Staff log out first:
 * - the printer answering again: the self test after the visit pulls the card into the reject
 *   bin (counted there by the printer) and reports it abandoned, card making is offered again, and
 *   the next visit's test card runs (a second card in the bin);
 * - the printer still silent: the card is still at the slot after the log-out; staff take it out
 *   for the office, settle its card making as missing on the screen, and once the printer answers
 *   the test card runs.
 * Each count is waited for as the demo panel shows it (its state is pushed after the act).
 */
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { isUsable } from '@kiosk/domain';
import { launchChromium } from '../../fleet-monitor/src/testing/test-chromium.js';
import { daemonForSuite, type DaemonForSuite } from './daemon-for-suite.js';
import { DEMO_SUPERVISOR as SUPERVISOR } from './maintenance-client.js';
import { newCardAtSlotWorld, type BlankCounts, type NewCardAtSlotWorld } from './new-card-at-slot-world.js';
import { checkBothLanguages } from './staff-languages.js';
import { openStaffScreen, staffLogsIn } from './staff-screen-page.js';

const REFUSED = 'MAINTENANCE_NEW_CARD_AT_SLOT';
const ARGS = [
  ...['--set', 'devices.cardPrinter.hopper=20'],
  ...['--set', 'timeouts.cardTakeMs=2000'],
  ...['--set', 'timeouts.endedViewMs=1000'],
];
const PLACED = ['inService', 'degraded', 'outOfService'];
const TEST_CARD_RAN = [
  'maintenance.testCard.feed:intent',
  'maintenance.testCard.feed:done',
  'maintenance.testCard.reject:intent',
  'maintenance.testCard.reject:done',
];

/** The new card left at the slot by the printer gone offline as it waits there; its card making. */
async function cardLeftAtSlot(suite: DaemonForSuite, world: NewCardAtSlotWorld): Promise<string> {
  const { ui } = suite;
  await world.newCardAtSlot(30_000);
  expect(await ui.emit('demo.fault', { device: 'cardPrinter', fault: 'offline' })).toEqual({ ok: true });
  await ui.waitForSession((v) => v?.step === 'ended', 60_000);
  await ui.emit('demo.idCard', { action: 'remove' });
  await ui.waitForSession((v) => v === null, 15_000);
  const left = world.lastCardMaking();
  expect(left.status).toBe('open');
  expect(left.named).toContain('card.leftAtSlot:event');
  return left.id;
}

/**
 * The test card on the staff screen, once its answer is on screen (the menu no longer busy: the
 * click clears the last answer and marks it busy at once); the refusal's code, or null on its notice.
 */
async function testCard(page: Page): Promise<string | null> {
  await page.getByTestId('staff-check-testCard').click();
  await page.locator('[data-testid="staff-menu"][aria-busy="false"]').waitFor({ timeout: 30_000 });
  const refused = page.getByTestId('error-box');
  if ((await refused.count()) > 0) return refused.getAttribute('data-code');
  await page.getByTestId('staff-notice').waitFor({ timeout: 1_000 });
  return null;
}

/** The card printer's fault cleared at the emulator; resolves once the kiosk reads it usable. */
async function printerAnswersAgain(suite: DaemonForSuite): Promise<void> {
  expect(await suite.ui.emit('demo.fault', { device: 'cardPrinter', fault: null })).toEqual({ ok: true });
  await suite.ui.waitForKiosk((k) => k.devices.some((d) => d.kind === 'cardPrinter' && isUsable(d)), 30_000);
}

/** the test card's own acts (`maintenance.testCard.feed`, `.reject`) journaled, as `step:phase` */
function testCardActs(suite: DaemonForSuite): string[] {
  const db = new Database(suite.daemon.journalPath, { readonly: true });
  try {
    const rows = db
      .prepare(`SELECT step, phase FROM journal_step WHERE step LIKE 'maintenance.testCard.%' ORDER BY seq`)
      .all() as { step: string; phase: string }[];
    return rows.map((r) => `${r.step}:${r.phase}`);
  } finally {
    db.close();
  }
}

/** The demo panel's account of the blanks once it reads `match` (pushed after each act). */
async function blanksOnceThey(
  suite: DaemonForSuite,
  match: (b: BlankCounts) => boolean,
): Promise<BlankCounts> {
  const demo = await suite.ui.waitForDemo(
    (d) => d.newCard?.blanks !== undefined && match(d.newCard.blanks),
    30_000,
  );
  return demo.newCard!.blanks!;
}

async function logOut(page: Page, suite: DaemonForSuite): Promise<void> {
  await page.getByRole('button', { name: /Log out|退出/ }).click();
  await page.getByTestId('staff-login').waitFor();
  // the visit's self test over: recovery has had its turn
  await suite.ui.waitForKiosk((k) => PLACED.includes(k.mode), 60_000);
}

/**
 * Chromium, launched before the suite's first test and awaited where a test opens a page (it
 * starts while the test leaves its card at the slot), closed after the last.
 */
function launchedBrowser(): () => Promise<Browser> {
  let launching: Promise<Browser> | undefined;
  beforeAll(() => {
    launching = launchChromium();
    launching.catch(() => undefined); // its failure is thrown where a test asks for the browser
  });
  afterAll(async () => {
    await (await launching?.catch(() => undefined))?.close();
  }, 30_000);
  return () => launching ?? Promise.reject(new Error('the suite launched no browser'));
}

describe("staff's test card refused for a card at the printer slot: log out first (real browser, real daemon)", () => {
  const suite = daemonForSuite(ARGS);
  const world = newCardAtSlotWorld(suite);
  const browser = launchedBrowser();

  it('refused while the card lies there, nothing moved; the self test after log-out pulls it into the bin (abandoned); then the test card runs', async () => {
    const { ui } = suite;
    const transactionId = await cardLeftAtSlot(suite, world);
    const before = await world.counts();
    expect(before.printer.inPrinter).toBe(1); // the card at the slot
    expect((await ui.waitForDemo(() => true)).newCard?.atSlot).toBe(true);

    const { page } = await openStaffScreen(await browser(), suite.daemon.url);
    await staffLogsIn(page, ui, SUPERVISOR);
    // staff bring the printer back during the visit (nothing settles the card beside a visit)
    await printerAnswersAgain(suite);
    expect(await testCard(page)).toBe(REFUSED);
    const refusal = page.getByTestId('error-box');
    await checkBothLanguages(
      page,
      'test-card-refused-card-at-slot',
      async (locale) => {
        const shown = await refusal.innerText();
        expect(shown).toContain(locale === 'en' ? 'card at the card printer slot' : '制卡机出卡口有一张卡');
        expect(shown).toContain(locale === 'en' ? 'Log out' : '请退出');
        expect(shown).toContain(locale === 'en' ? 'hand it to the office' : '请取出交给网点');
      },
      refusal,
    );
    // refused before anything moved: no act journaled, the card still at the slot, no blank fed
    expect(testCardActs(suite)).toEqual([]);
    expect((await ui.waitForDemo(() => true)).newCard?.atSlot).toBe(true);
    expect(await world.printerCounts()).toEqual(before.printer);
    expect(world.lastCardMaking().status).toBe('open');

    await logOut(page, suite);
    await ui.waitForKiosk((k) => k.journeysOffered.includes('issueCard'), 60_000);
    const settled = world.lastCardMaking();
    expect(settled.id).toBe(transactionId);
    expect(settled.status).toBe('closed');
    expect(settled.named.filter((s) => s === 'recovery.card.reject:done')).toHaveLength(1);
    expect(settled.named).not.toContain('card.taken:event');
    const reports = settled.steps.filter((s) => s.step === 'recovery.host.issued' && s.phase === 'intent');
    expect(reports).toHaveLength(1);
    expect(reports[0]?.detail).toContain('abandoned');
    await blanksOnceThey(suite, (b) => b.rejected === before.printer.rejected + 1);
    await world.expectOneMoreRejected(before);

    // the next visit: the test card runs, a second card in the bin
    await staffLogsIn(page, ui, SUPERVISOR);
    expect(await testCard(page)).toBeNull();
    expect(testCardActs(suite)).toEqual(TEST_CARD_RAN);
    expect(await blanksOnceThey(suite, (b) => b.rejected === before.printer.rejected + 2)).toEqual({
      ...before.printer,
      inHopper: before.printer.inHopper - 1,
      inPrinter: 0,
      rejected: before.printer.rejected + 2,
    });
    await logOut(page, suite);
    await page.close();
  }, 240_000);
});

describe("staff's test card refused for a card at the printer slot: a card still there goes to the office (real browser, real daemon)", () => {
  const suite = daemonForSuite(ARGS);
  const world = newCardAtSlotWorld(suite);
  const browser = launchedBrowser();

  it('the printer still silent at log-out: the card still at the slot, taken out for the office and settled missing; then the test card runs', async () => {
    const { ui } = suite;
    const transactionId = await cardLeftAtSlot(suite, world);
    const before = await world.counts();

    const { page } = await openStaffScreen(await browser(), suite.daemon.url);
    await staffLogsIn(page, ui, SUPERVISOR);
    expect(await testCard(page)).toBe(REFUSED);
    expect(testCardActs(suite)).toEqual([]);
    await logOut(page, suite);
    // the printer silent: the self test could not settle it
    expect(world.lastCardMaking().status).toBe('open');
    expect((await ui.waitForDemo(() => true)).newCard?.atSlot).toBe(true);

    await staffLogsIn(page, ui, SUPERVISOR);
    // staff take the card out of the slot for the office
    expect(await ui.emit('demo.newCard', { action: 'take' })).toEqual({ ok: true });
    await ui.waitForDemo((d) => d.newCard?.atSlot === false);
    const pending = page.getByTestId(`staff-settle-card-${transactionId}`);
    await pending.getByTestId('staff-card-missing').click();
    await pending.getByTestId('staff-card-confirm-yes').click();
    await pending.waitFor({ state: 'detached' });
    expect(await page.getByTestId('staff-notice').innerText()).toMatch(
      /^(Settled: the host told the card was not issued; its number is voided\.|已处理：已告知主机未发卡，该卡号已作废。)$/,
    );
    const settled = world.lastCardMaking();
    expect(settled.status).not.toBe('open');
    const verdicts = settled.steps.filter((s) => s.step === 'recovery.staffVerdict');
    expect(verdicts.map((v) => (JSON.parse(v.detail ?? '{}') as { card?: string }).card)).toEqual([
      'missing',
    ]);

    // the printer answers again: the test card runs, into the bin
    await printerAnswersAgain(suite);
    expect(await testCard(page)).toBeNull();
    expect(testCardActs(suite)).toEqual(TEST_CARD_RAN);
    expect(await blanksOnceThey(suite, (b) => b.rejected === before.printer.rejected + 1)).toEqual({
      ...before.printer,
      inHopper: before.printer.inHopper - 1,
      issued: before.printer.issued + 1, // the card staff took out of the slot
      inPrinter: 0,
      rejected: before.printer.rejected + 1,
    });
    await logOut(page, suite);
    await ui.waitForKiosk((k) => k.journeysOffered.includes('issueCard'), 60_000);
    await page.close();
  }, 240_000);
});
