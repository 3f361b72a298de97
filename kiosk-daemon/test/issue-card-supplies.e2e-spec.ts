/**
 * Card making when a supply runs out in the middle of a card, through the real daemon: the blank
 * in the printer goes to the reject bin (journaled), no further blank is tried, the resident is
 * told why, and issuance is no longer offered until field staff restock.
 */
import Database from 'better-sqlite3';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { UiClient } from './ui-client.js';

const wang = DEMO_RESIDENTS.find((r) => r.key === 'wang')!;

async function withDaemon(
  args: string[],
  run: (ui: UiClient, daemon: DaemonProcess) => Promise<void>,
): Promise<void> {
  // the card making's ended screen is waited out before the stop; no test reads how long it stays
  // (5 s by default): 2 s
  const daemon = await startDaemon([
    ...['--set', 'demo.panel=true', '--set', 'timeouts.endedViewMs=2000'],
    ...args,
  ]);
  const ui = new UiClient(daemon.url);
  try {
    await ui.connected();
    await run(ui, daemon);
  } finally {
    ui.close();
    expect(await daemon.stop()).toBe(0);
  }
}

function stepsOfLast(daemon: DaemonProcess): string[] {
  const db = new Database(daemon.journalPath, { readonly: true });
  try {
    const tx = db
      .prepare(`SELECT id FROM journal_transaction WHERE journey = 'issueCard' ORDER BY serial DESC LIMIT 1`)
      .get() as { id: string };
    return (
      db.prepare(`SELECT step, phase FROM journal_step WHERE transactionId = ? ORDER BY seq`).all(tx.id) as {
        step: string;
        phase: string;
      }[]
    ).map((s) => `${s.step}:${s.phase}`);
  } finally {
    db.close();
  }
}

async function makeCardFor(ui: UiClient): Promise<string | undefined> {
  await ui.waitForKiosk((k) => k.journeysOffered.includes('issueCard'));
  expect(await ui.emit('session.start', { journey: 'issueCard' })).toEqual({ ok: true });
  await ui.waitForSession((v) => v?.step === 'placeIdCard');
  await ui.emit('demo.idCard', { action: 'place', idCardId: wang.key });
  // a failed blank shows its error while the next is tried: the session's own end says how it ended
  const ended = await ui.waitForSession((v) => v?.step === 'ended', 30_000);
  await ui.emit('demo.idCard', { action: 'remove' });
  await ui.waitForSession((v) => v === null, 15_000);
  return ended?.error?.code;
}

describe('card making when a supply runs out mid-card', () => {
  it('fault: hopper empty during: the spoiled blank is rejected, no blank is left, DEVICE_SUPPLY_EMPTY', async () => {
    await withDaemon(['--set', 'devices.cardPrinter.hopper=1'], async (ui, daemon) => {
      await ui.emit('demo.fault', { device: 'cardPrinter', fault: 'chipNoContact' });
      expect(await makeCardFor(ui)).toBe('DEVICE_SUPPLY_EMPTY');
      const steps = stepsOfLast(daemon);
      expect(steps).toEqual(
        expect.arrayContaining(['chip.personalise:failed', 'card.reject:done', 'card.feed:failed']),
      );
      expect(steps.indexOf('card.reject:done')).toBeLessThan(steps.lastIndexOf('card.feed:failed'));
      const kiosk = await ui.waitForKiosk((k) => !k.journeysOffered.includes('issueCard'));
      const hopper = kiosk.devices
        .find((d) => d.kind === 'cardPrinter')
        ?.supplies.find((s) => s.name === 'cardHopper');
      expect(hopper?.level).toBe('empty');
      const { newCard } = await ui.waitForDemo((d) => d.newCard?.blanks !== undefined);
      expect(newCard?.blanks).toMatchObject({ loaded: 1, inHopper: 0, inPrinter: 0, issued: 0, rejected: 1 });
    });
  }, 60_000);

  it('fault: ribbon out mid-print: the personalised blank is rejected and no other is tried', async () => {
    await withDaemon(['--set', 'devices.cardPrinter.hopper=5'], async (ui, daemon) => {
      await ui.emit('demo.fault', { device: 'cardPrinter', fault: 'ribbonOut' });
      // the ribbon sensor reads empty only when the printer looks: the first print finds out
      expect(await makeCardFor(ui)).toBe('DEVICE_SUPPLY_EMPTY');
      const steps = stepsOfLast(daemon);
      expect(steps).toEqual(
        expect.arrayContaining(['chip.personalise:done', 'card.print:failed', 'card.reject:done']),
      );
      expect(steps.filter((s) => s === 'card.feed:intent')).toHaveLength(1);
      await ui.waitForKiosk((k) => !k.journeysOffered.includes('issueCard'));
      const { newCard } = await ui.waitForDemo((d) => d.newCard?.blanks !== undefined);
      expect(newCard?.blanks).toMatchObject({ loaded: 5, inHopper: 4, inPrinter: 0, rejected: 1 });
    });
  }, 60_000);
});
