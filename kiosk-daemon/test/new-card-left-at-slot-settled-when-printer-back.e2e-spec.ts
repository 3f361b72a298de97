/**
 * Fault: the card printer dropped offline as the new card was presented and nobody took it: its
 * retract refused, the card was left at the slot for staff (`card.leftAtSlot`), card making
 * withdrawn, and it stayed so until a reboot or field staff came, though the printer answered
 * again minutes later. Now the printer's comeback settles it in service, once: the slot read, the
 * card still there retracted into the reject bin (counted there once), reported abandoned once, the
 * transaction closed, and card making offered again.
 *
 * The bundled daemon (the entry a terminal starts) over socket.io, its escape-command driver on TCP
 * to the byte-level card printer emulator (the demo panel's `offline` fault and counts), the
 * SQLite journal file.
 */
import { bundledMain } from './bundled-main.js';
import { daemonForSuite } from './daemon-for-suite.js';
import { newCardAtSlotWorld } from './new-card-at-slot-world.js';

describe('a new card left at the slot by an offline card printer, settled when it answers again, through the bundled daemon', () => {
  const suite = daemonForSuite(
    [
      ...['--set', 'devices.cardPrinter.hopper=20'],
      ...['--set', 'timeouts.cardTakeMs=2000'],
      ...['--set', 'timeouts.endedViewMs=1000'],
    ],
    { entry: bundledMain() },
  );

  const { newCardAtSlot, lastCardMaking, counts, expectOneMoreRejected } = newCardAtSlotWorld(suite);

  it('fault: printer offline as the card is presented: card left, card making withdrawn; printer back: retracted once, abandoned once, card making offered again', async () => {
    const { ui } = suite;
    await newCardAtSlot();
    const before = await counts();

    // the printer drops offline with the card at the slot; nobody takes it, its retract is refused
    expect(await ui.emit('demo.fault', { device: 'cardPrinter', fault: 'offline' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'ended', 60_000);
    await ui.emit('demo.idCard', { action: 'remove' });
    await ui.waitForSession((v) => v === null, 15_000);
    const left = lastCardMaking();
    expect(left.status).toBe('open');
    expect(left.named).toContain('card.leftAtSlot:event');
    expect(left.named.some((s) => s.startsWith('host.issued') || s.startsWith('recovery.host'))).toBe(false);
    const withdrawn = await ui.waitForKiosk((k) => k.mode !== 'booting', 5_000);
    expect(withdrawn.journeysOffered).not.toContain('issueCard');
    expect(withdrawn.journeysOffered).toContain('balance');

    // the printer answers again: settled once, card making offered again
    expect(await ui.emit('demo.fault', { device: 'cardPrinter', fault: null })).toEqual({ ok: true });
    const back = await ui.waitForKiosk((k) => k.journeysOffered.includes('issueCard'), 60_000);
    expect(back.mode).toBe('inService');
    const settled = lastCardMaking();
    expect(settled.status).toBe('closed');
    expect(settled.named.filter((s) => s === 'recovery.cardPrinterBack:event')).toHaveLength(1);
    expect(settled.named.filter((s) => s === 'recovery.card.reject:done')).toHaveLength(1);
    expect(settled.named).not.toContain('card.taken:event');
    const reports = settled.steps.filter((s) => s.step === 'recovery.host.issued' && s.phase === 'intent');
    expect(reports).toHaveLength(1);
    expect(reports[0]?.detail).toContain('abandoned');
    expect(settled.named).toContain('recovery.host.issued:done');
    // one more rejected, none issued, none left inside
    await expectOneMoreRejected(before);
  }, 180_000);
});
