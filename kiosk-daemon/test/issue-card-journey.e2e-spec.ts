/**
 * Card making on the spot through the real daemon over socket.io: the escape-command driver talks
 * TCP to the byte-level card printer emulator, the chip station personalises the blank through
 * the APDU layer, the embedded host reserves the number, hands out the chip's key and cancels a
 * replaced card. One daemon, the journeys in order (each leaves the devices as the next needs).
 */
import Database from 'better-sqlite3';
import { DEMO_RESIDENTS, maskName } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';
import { lastTransactionClosed } from './journal-steps.js';

const resident = (key: string) => DEMO_RESIDENTS.find((r) => r.key === key)!;
const wang = resident('wang'); // expired card, a new-card application waiting
const li = resident('li');
const zhang = resident('zhang');
const NEW_PIN = '802613';

interface Step {
  step: string;
  phase: string;
  detail: string | null;
}

describe('card issuance through the real daemon', () => {
  const suite = daemonForSuite([
    '--set',
    'devices.cardPrinter.hopper=20',
    // the cards the test takes are taken within it on a loaded machine too (a new card once its
    // face image is fetched from the demo panel); the one left is retracted, its case waiting this
    // out: 5 s (8 s before)
    '--set',
    'timeouts.cardTakeMs=5000',
    // each journey's ended screen is waited out before the next; no test reads how long it stays
    // (5 s by default): 2 s
    '--set',
    'timeouts.endedViewMs=2000',
  ]);

  /** the steps of the last transaction of a journey */
  function lastSteps(journey: string): { outcome: string | null; errorCode: string | null; steps: Step[] } {
    const db = new Database(suite.daemon.journalPath, { readonly: true });
    try {
      const tx = db
        .prepare(
          `SELECT id, outcome, errorCode FROM journal_transaction WHERE journey = ? ORDER BY serial DESC LIMIT 1`,
        )
        .get(journey) as { id: string; outcome: string | null; errorCode: string | null };
      const steps = db
        .prepare(`SELECT step, phase, detail FROM journal_step WHERE transactionId = ? ORDER BY seq`)
        .all(tx.id) as Step[];
      return { outcome: tx.outcome, errorCode: tx.errorCode, steps };
    } finally {
      db.close();
    }
  }
  const named = (steps: Step[]) => steps.map((s) => `${s.step}:${s.phase}`);

  /** the card printer's last counters in the journal */
  function printerCounters(): { blanks?: number; rejectBin?: number; issued?: number } {
    const db = new Database(suite.daemon.journalPath, { readonly: true });
    try {
      const row = db
        .prepare(`SELECT counters FROM device_counters WHERE kind = 'cardPrinter' ORDER BY id DESC LIMIT 1`)
        .get() as { counters: string } | undefined;
      return row ? (JSON.parse(row.counters) as { issued?: number }) : {};
    } finally {
      db.close();
    }
  }

  /** Waits for a step; a session that ends first fails the test with its error code. */
  async function reach(step: string, timeoutMs = 20_000): Promise<void> {
    const view = await suite.ui.waitForSession((v) => v?.step === step || v?.step === 'ended', timeoutMs);
    expect({ step: view?.step, error: view?.error?.code }).toEqual({ step, error: undefined });
  }

  async function identify(journey: 'issueCard' | 'replaceCard', idCardId: string): Promise<void> {
    await suite.ui.waitForKiosk((k) => k.journeysOffered.includes(journey));
    expect(await suite.ui.emit('session.start', { journey })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'placeIdCard');
    await suite.ui.emit('demo.idCard', { action: 'place', idCardId });
  }

  /** The card face the demo panel showed while the new card was at the slot (address, image). */
  async function takeAndFinish(idCardId: string): Promise<{ url: string; png: Buffer }> {
    await reach('takeNewCard', 60_000);
    const demo = await suite.ui.waitForDemo((d) => d.newCard?.facePngUrl !== undefined);
    const url = demo.newCard!.facePngUrl!;
    const png = await suite.ui.demoImage(url);
    expect(await suite.ui.emit('demo.newCard', { action: 'take' })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'chooseJourney');
    await suite.ui.emit('demo.idCard', { action: 'remove' });
    await suite.ui.emit('session.command', { command: 'finish' });
    await suite.ui.waitForSession((v) => v === null || v.step === 'ended', 15_000);
    void idCardId;
    return { url, png };
  }

  it('makes a new card that the customer reader then reads and activates with the default PIN', async () => {
    await identify('issueCard', wang.key);
    const face = await takeAndFinish(wang.key);

    // the outcome is written with the close, after the ended view: waited for, not raced
    await lastTransactionClosed(suite.daemon.journalPath, 'issueCard');
    const made = lastSteps('issueCard');
    expect(made.outcome).toBe('completed');
    expect(named(made.steps)).toEqual(
      expect.arrayContaining([
        'card.feed:intent',
        'card.feed:done',
        'chip.personalise:intent',
        'chip.personalise:done',
        'card.print:intent',
        'card.print:done',
        'card.present:intent',
        'card.present:done',
        'card.taken:event',
        'host.issued:intent',
        'host.issued:done',
      ]),
    );
    // handed over: the first card issued, journaled with its count, the count in the printer's counters
    expect(made.steps.find((s) => s.step === 'card.taken')?.detail).toContain('"issued":1');
    expect(printerCounters().issued).toBe(1);
    // journaled before it acts: each intent comes before its done, the chip before the print
    const order = named(made.steps);
    expect(order.indexOf('chip.personalise:done')).toBeLessThan(order.indexOf('card.print:intent'));
    expect(JSON.stringify(made.steps)).not.toContain(wang.idNumber);

    // the face PNG of the card sent: its address in the demo state, the image on the daemon, while
    // the card was at the slot; the resident's face (name, ID number) left the panel with the session
    expect(face.url).toMatch(/^\/demo\/images\/[0-9a-f]{16}\.png$/);
    expect(face.png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const demo = await suite.ui.waitForDemo(
      (d) => d.newCard !== undefined && d.newCard.facePngUrl === undefined,
    );

    // the card taken is a card the customer reader knows, listed as the resident's new card (made,
    // not yet activated), no longer as a blank: activate it with a new PIN
    const newCard = demo.cards.find(
      (c) => c.state === 'made' && c.location === 'outside' && c.label.startsWith(maskName(wang.name)),
    );
    expect(newCard).toBeDefined();
    await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('activatePin'));
    expect(await suite.ui.emit('session.start', { journey: 'activatePin' })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'insertCard');
    await suite.ui.emit('demo.card', { action: 'insert', cardId: newCard!.cardId });
    await suite.ui.waitForSession((v) => v?.step === 'placeIdCard');
    await suite.ui.emit('demo.idCard', { action: 'place', idCardId: wang.key });
    // the confirmation typed once the screen asks for it: a key pressed between the two entries
    // reaches no entry, on the pad as at a terminal
    for (const step of ['enterNewPin', 'confirmNewPin'] as const) {
      await reach(step);
      for (const key of NEW_PIN) await suite.ui.emit('demo.pinpad', { key });
      await suite.ui.emit('demo.pinpad', { key: 'enter' });
    }
    await reach('pinSaved');
    await suite.ui.emit('session.command', { command: 'finish' });
    await suite.ui.waitForSession((v) => v?.step === 'chooseJourney');
    await suite.ui.emit('session.command', { command: 'finish' });
    await suite.ui.waitForSession((v) => v?.step === 'takeCard');
    await suite.ui.emit('demo.card', { action: 'take' });
    await suite.ui.emit('demo.idCard', { action: 'remove' });
    await suite.ui.waitForSession((v) => v === null, 15_000);
  }, 120_000);

  it('fault: chip write fails: the blank goes to the reject bin, journaled, and the next blank makes the card', async () => {
    await suite.ui.emit('demo.fault', { device: 'cardPrinter', fault: 'chipNoContact' });
    await identify('replaceCard', li.key);
    await reach('payFee');
    expect(await suite.ui.emit('session.payFee', { method: 'account' })).toEqual({ ok: true });
    await takeAndFinish(li.key);

    await lastTransactionClosed(suite.daemon.journalPath, 'replaceCard');
    const made = lastSteps('replaceCard');
    expect(made.outcome).toBe('completed');
    const order = named(made.steps);
    expect(order).toEqual(
      expect.arrayContaining([
        'host.replacement:done',
        'fee.account:done',
        'chip.personalise:failed',
        'card.reject:intent',
        'card.reject:done',
        'host.issued:done',
      ]),
    );
    expect(order.filter((s) => s === 'card.feed:done')).toHaveLength(2);
    expect(order.indexOf('card.reject:done')).toBeLessThan(order.lastIndexOf('card.feed:intent'));
    const failed = made.steps.find((s) => s.step === 'chip.personalise' && s.phase === 'failed');
    expect(failed?.detail).toContain('CARD_UNREADABLE');

    // the replaced card's number is cancelled at the host: the old card no longer serves, refused
    // as it is read (no PIN asked)
    expect(await suite.ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'insertCard');
    await suite.ui.emit('demo.card', { action: 'insert', cardId: li.key });
    const refused = await suite.ui.waitForSession(
      (v) => v?.error !== undefined || v?.step === 'showBalance',
      20_000,
    );
    expect(refused?.error?.code).toBe('CARD_NOT_ACTIVE');
    await suite.ui.waitForSession((v) => v?.step === 'takeCard', 20_000);
    await suite.ui.emit('demo.card', { action: 'take' });
    await suite.ui.waitForSession((v) => v === null, 15_000);
  }, 120_000);

  it('fault: jam mid-print: the session ends with CARD_PRINTER_JAM and issuance goes out of service', async () => {
    await suite.ui.emit('demo.fault', { device: 'cardPrinter', fault: 'jamAtPrintStation' });
    await identify('replaceCard', zhang.key);
    await reach('payFee');
    expect(await suite.ui.emit('session.payFee', { method: 'qr' })).toEqual({ ok: true });
    await suite.ui.waitForDemo((d) => d.payment?.pending === true);
    // the fee screen's QR code: the host's payment order is in the session view while it waits
    const waiting = await suite.ui.waitForSession((v) => v?.payment !== undefined);
    expect(waiting?.step).toBe('payFee');
    expect(waiting?.payment).toMatchObject({
      qrContent: expect.stringMatching(/^kioskpay:order\/QR\d{8}\?amount=2000$/),
      amountFen: 2000,
    });
    expect(await suite.ui.emit('demo.payment', { action: 'pay' })).toEqual({ ok: true });
    // paid: the order leaves the view with the fee screen
    const making = await suite.ui.waitForSession((v) => v?.step !== 'payFee', 30_000);
    expect(making?.payment).toBeUndefined();
    const ended = await suite.ui.waitForSession((v) => v?.error?.code === 'CARD_PRINTER_JAM', 30_000);
    expect(ended?.error?.code).toBe('CARD_PRINTER_JAM');
    const kiosk = await suite.ui.waitForKiosk((k) => !k.journeysOffered.includes('replaceCard'));
    expect(kiosk.devices.find((d) => d.kind === 'cardPrinter')?.device).toBe('hardwareError');
    expect(kiosk.journeysOffered).toContain('balance');
    await suite.ui.emit('demo.idCard', { action: 'remove' });
    await suite.ui.waitForSession((v) => v === null, 15_000);

    const made = lastSteps('replaceCard');
    expect(made.errorCode).toBe('CARD_PRINTER_JAM');
    expect(named(made.steps)).toEqual(
      expect.arrayContaining(['fee.qr:done', 'fee.paid:event', 'card.print:intent', 'card.print:failed']),
    );
    expect(named(made.steps)).not.toContain('card.present:intent');
    // field staff clear the jam: the stuck card goes to the reject bin, issuance comes back
    await suite.ui.emit('demo.fault', { device: 'cardPrinter', fault: null });
    await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('replaceCard'), 15_000);
  }, 120_000);

  it('fault: card not taken: the new card is pulled into the reject bin and reported abandoned', async () => {
    await identify('replaceCard', zhang.key);
    await reach('takeNewCard', 60_000);
    const ended = await suite.ui.waitForSession((v) => v?.error?.code === 'CARD_NOT_TAKEN_RETRACTED', 20_000);
    expect(ended?.error?.code).toBe('CARD_NOT_TAKEN_RETRACTED');
    await suite.ui.emit('demo.idCard', { action: 'remove' });
    await suite.ui.waitForSession((v) => v === null, 15_000);
    const made = lastSteps('replaceCard');
    expect(named(made.steps)).toEqual(
      expect.arrayContaining([
        'card.present:done',
        'card.retract:intent',
        'card.retract:done',
        'host.issued:done',
      ]),
    );
    expect(made.steps.find((s) => s.step === 'host.issued' && s.phase === 'intent')?.detail).toContain(
      'abandoned',
    );
  }, 120_000);

  it('fault: hopper empty before start: issuance is not offered and a start is refused', async () => {
    // every blank of the run so far is accounted for: 5 fed, 2 issued, 3 in the reject bin
    const { newCard } = await suite.ui.waitForDemo((d) => d.newCard?.blanks !== undefined);
    expect(newCard?.blanks).toEqual({
      loaded: 20,
      inHopper: 15,
      inPrinter: 0,
      issued: 2,
      rejected: 3,
      jammed: 1,
    });
    // the journal counts the same cards issued: those taken, none rejected, pulled back or jammed
    expect(printerCounters().issued).toBe(2);
    await suite.ui.emit('demo.fault', { device: 'cardPrinter', fault: 'hopperEmpty' });
    const kiosk = await suite.ui.waitForKiosk((k) => !k.journeysOffered.includes('issueCard'));
    const printer = kiosk.devices.find((d) => d.kind === 'cardPrinter');
    expect(printer?.supplies.find((s) => s.name === 'cardHopper')?.level).toBe('empty');
    expect(kiosk.journeysOffered).toContain('balance');
    const refused = await suite.ui.emit('session.start', { journey: 'issueCard' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'JOURNEY_NOT_OFFERED' } });
  }, 60_000);
});
