/**
 * The demo panel's "last receipt" shows the receipt the printer cut for the resident (masked name
 * and card number, balance or amounts, the transaction's serial): it stayed in the panel after the
 * session ended, for the next resident to read. It leaves with the session now, as the last card
 * printed does (card-face-kept-after-session-end).
 */
import { EventEmitter } from 'node:events';
import { demoPanelOver } from './demo-panel.spec-support.js';

function demoKiosk() {
  const receiptPrinter = new EventEmitter();
  const { demo, endSession, notified } = demoPanelOver({ receiptPrinter });
  demo.onModuleInit();
  const cut = (text: string) =>
    receiptPrinter.emit('receipt', { text, png: () => Buffer.from(`png of ${text}`) });
  return { demo, cut, endSession, notified };
}

describe('the demo panel’s last receipt', () => {
  it('shows the receipt cut in the session, and drops it when the session ends', () => {
    const k = demoKiosk();
    k.cut('李*英 H41******102 余额 12045.50');
    const receipt = k.demo.state().receipt;
    expect(receipt?.text).toContain('李*英');
    expect(receipt?.pngUrl).toMatch(/^\/demo\/images\/[0-9a-f]{16}\.png$/);

    k.notified.length = 0;
    k.endSession();
    expect(k.demo.state().receipt).toBeUndefined();
    // the image's address serves nothing any more, and the panel was told
    expect(k.demo.images.byName(receipt!.pngUrl!.split('/').pop()!)).toBeUndefined();
    expect(k.notified).toContain('demo');
    k.demo.onModuleDestroy();
  });

  it('shows the next resident’s receipt once it is cut', () => {
    const k = demoKiosk();
    k.cut('张*明 H41******101');
    k.endSession();
    k.cut('王*国 H41******103');
    expect(k.demo.state().receipt?.text).toBe('王*国 H41******103');
    k.demo.onModuleDestroy();
  });
});
