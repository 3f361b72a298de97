/**
 * The fault: the chip station's reader lost (unplugged, pcscd away) after a resident started
 * making a card (the fee paid, or being paid). Card making was withdrawn from the offer, but the
 * journey under way still took a blank to the station; its encoding then failed, the blank was
 * spoiled for nothing and the resident waited for a card that could not be made. Now the journey
 * looks at the station right before the feed: known down, the decision is journaled (`card.feed`
 * skipped), no blank leaves the hopper, and card making ends down its road for a fault that stops
 * it (DEVICE_OFFLINE): nothing to reject, the reserved number reported abandoned, the paid fee
 * kept with the application (ADR 0008: a card not finished is made later with no second fee).
 * A station lost after that look (while the blank is fed) still spoils its blank: that race is
 * left open (ADR 0008), and its road, that of any blank spoiled at encoding, is shown last.
 */
import { ErrorCode } from '@kiosk/domain';
import { offersCardMaking } from '../devices/chip-station-readers.spec-support.js';
import {
  APPLICATION,
  CARD,
  ENCODER,
  realTerminalIssuance,
} from './issue-card-on-real-terminal.spec-support.js';

type World = Awaited<ReturnType<typeof realTerminalIssuance>>;
let w: World;
beforeEach(async () => {
  w = await realTerminalIssuance();
});
afterEach(() => w.close());

/** What the journey journaled of the card, from the card number's order on. */
async function cardSteps(): Promise<string[]> {
  const steps = (await w.steps()).map((s) => s.step);
  return steps.slice(steps.indexOf('issuance.order:event'));
}

describe('chip station reader lost during card making', () => {
  it('chip station reader lost after the fee is paid: no blank fed, fee handled, card making withdrawn', async () => {
    const before = w.blanks();
    const rejected = w.rejectBin();
    expect(before).toBeGreaterThan(0);
    w.at.feePaid = () => w.pcscd.unplug(ENCODER); // the encoder's cable pulled as the fee is taken
    const out = await w.replace('account');
    expect(out).toMatchObject({
      outcome: 'failed',
      error: { code: ErrorCode.DEVICE_OFFLINE },
      feePaid: true,
      result: 'failed',
      blanksRejected: 0,
    });
    // no blank left the hopper, none went to the reject bin
    expect(w.blanks()).toBe(before);
    expect(w.rejectBin()).toBe(rejected);
    expect(w.devices.printer.cardPosition()).toBe('none');
    // the decision journaled before anything else, with its code; no feed asked of the printer
    expect(await cardSteps()).toEqual(['issuance.order:event', 'card.reject:event', 'host.issued:event']);
    // the fee taken once and kept with the application; no number ordered, none to void
    expect(w.calls).toEqual(['fee:account']);
    // the resident who paid is told the fee is kept, and where to go
    expect(out.error?.message).toContain('Your paid fee is kept with your application');
    expect(offersCardMaking(w.devices.printer.status())).toBe(false);
  });

  it('chip station reader lost while the QR fee is paid: the fee accepted once, no blank fed, nothing refunded', async () => {
    const before = w.blanks();
    w.at.feePaid = () => w.pcscd.unplug(ENCODER);
    const out = await w.replace('qr');
    expect(out).toMatchObject({
      outcome: 'failed',
      error: { code: ErrorCode.DEVICE_OFFLINE },
      feePaid: true,
      blanksRejected: 0,
    });
    expect(w.blanks()).toBe(before);
    const steps = await w.steps();
    expect(steps.filter((s) => s.step === 'fee.settled:event').map((s) => s.detail)).toEqual([
      expect.objectContaining({ paymentId: 'QR00000001', outcome: 'accepted' }),
    ]);
    expect(steps.map((s) => s.step)).not.toContain('card.feed:intent');
    // the paid order is neither closed nor refunded: it pays for the card made later
    expect(w.calls).toEqual(['qr:create']);
  });

  it('chip station reader already down when card making starts: no card number ordered only to be voided', async () => {
    w.at.feePaid = () => w.pcscd.unplug(ENCODER);
    const out = await w.replace('account');
    expect(out).toMatchObject({
      outcome: 'failed',
      error: { code: ErrorCode.DEVICE_OFFLINE },
      feePaid: true,
    });
    expect(out.cardNumber).toBeUndefined();
    // the decision journaled with its code where the order would have been; nothing reserved
    const steps = await w.steps();
    expect(steps.find((s) => s.step.startsWith('issuance.order'))).toEqual({
      step: 'issuance.order:event',
      detail: {
        attempt: 1,
        applicationNo: APPLICATION,
        skipped: 'chipStationOffline',
        code: ErrorCode.DEVICE_OFFLINE,
      },
    });
    expect(steps.find((s) => s.step === 'host.issued:event')?.detail).toMatchObject({
      skipped: 'no card number reserved',
    });
    // the host neither reserved a number nor heard one abandoned
    expect(w.calls.filter((c) => c.startsWith('card:'))).toEqual([]);
  });

  it('chip station reader lost at the chip step: the spoiled blank filed chipFailed, not printFailed', async () => {
    w.at.blankFed = () => w.pcscd.unplug(ENCODER);
    const out = await w.replace('account');
    expect(out.error?.code).toBe(ErrorCode.DEVICE_OFFLINE);
    // the reject bin's account (the printer told, the journal) blames the chip station
    expect(w.rejectReasons).toEqual(['chipFailed']);
    const reject = (await w.steps()).find((s) => s.step === 'card.reject:intent');
    expect(reject?.detail).toMatchObject({ reason: ErrorCode.DEVICE_OFFLINE, rejectReason: 'chipFailed' });
  });

  it('chip station reader lost after the card number is ordered: no blank fed', async () => {
    const before = w.blanks();
    w.at.cardOrdered = () => w.pcscd.unplug(ENCODER);
    const out = await w.replace('account');
    expect(out.error?.code).toBe(ErrorCode.DEVICE_OFFLINE);
    expect(w.blanks()).toBe(before);
    expect(await cardSteps()).not.toContain('card.feed:intent');
  });

  it('chip station reader lost while the blank is fed (after the look): the race left open, the blank rejected, the fee kept', async () => {
    const [before, rejected] = [w.blanks()!, w.rejectBin()!];
    w.at.blankFed = () => w.pcscd.unplug(ENCODER);
    const out = await w.replace('account');
    expect(out).toMatchObject({
      outcome: 'failed',
      error: { code: ErrorCode.DEVICE_OFFLINE },
      feePaid: true,
    });
    // the road of a blank spoiled at encoding: fed, the chip not reached, into the reject bin
    expect([w.blanks(), w.rejectBin()]).toEqual([before - 1, rejected + 1]);
    expect(await cardSteps()).toEqual([
      'issuance.order:event',
      'card.face:event',
      'card.feed:intent',
      'card.feed:done',
      'chip.personalise:intent',
      'chip.personalise:failed',
      'card.reject:intent',
      'card.reject:done',
      'host.issued:intent',
      'host.issued:done',
    ]);
    expect(w.calls).toEqual(['fee:account', 'card:order', `card:abandoned:${CARD}`]);
  });
});
