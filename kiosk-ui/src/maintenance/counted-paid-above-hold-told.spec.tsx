/**
 * Fault: a supervisor counted the resident paid more than the host still held (a `taken` above the
 * hold, or "paid" after a short retract, the host having given part back by itself). The daemon
 * confirms only the hold and names the difference (`aboveHoldFen`, kiosk-daemon
 * `counted-paid-above-hold`), but the staff screen said "Settled with the host and closed." alone:
 * the supervisor left with a cash count short and no word why. Now the notice names the difference
 * and the transaction to report it to the back office with, in both languages.
 */
import { createI18n } from '../i18n/i18n';
import { withdrawalSettledNotice } from './withdrawal-settlements';

const tx = 'JZ-0001-000007';

describe('counted-paid-above-hold-told: the supervisor is told what was counted paid above the host’s hold', () => {
  it.each([
    ['en', 'Settled with the host and closed.', '¥ 100.00 more paid than the host still held'],
    ['zh-CN', '已与主机结清并关闭。', '多 ¥ 100.00'],
  ] as const)('%s: the difference and the transaction named', (locale, settled, difference) => {
    const say = createI18n(locale).t;
    const told = withdrawalSettledNotice({
      transactionId: tx,
      hostStatus: 'confirmed',
      aboveHoldFen: 10_000,
    })(say);
    expect(told).toContain(difference);
    expect(told).toContain(tx);
    // a verdict within the hold is told as ever
    expect(withdrawalSettledNotice({ transactionId: tx, hostStatus: 'confirmed' })(say)).toBe(settled);
  });
});
