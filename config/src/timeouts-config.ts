/**
 * The `timeouts` section: how long a waiting step, the "need more time?" prompt, a card or cash at
 * the slot, card making, the fee payment, the ended view, the self test and a staff supply act may
 * take. Checked together: the prompt shows before the step ends, and the fee screen asks it as long
 * before its end as any other step does.
 */
import { z } from 'zod';
import { DEFAULT_CARD_MAKING_MS, DEFAULT_ENDED_VIEW_MS, DEFAULT_FEE_PAYMENT_MS } from '@kiosk/domain';
import { refuse } from './config-issues.js';
import { ms, msAtMost } from './config-values.js';

/** the kiosk machine's own default for its self test (`timeouts.selfTestMs`) */
export const DEFAULT_SELF_TEST_MS = 60_000;
/**
 * how long a staff screen waits for a device to answer a refill or bin emptying
 * (`timeouts.supplyActMs`): above what every device answers in when it answers (the receipt
 * printer's link and status read, some 4 s; the dispenser's 2 s), below the card printer's 60 s per
 * command, which a silent printer otherwise held the screen and the supply's turn for
 */
export const DEFAULT_SUPPLY_ACT_MS = 15_000;

export const TimeoutsConfigSchema = z
  .strictObject({
    /**
     * a waiting step ends after this long without input: up to a day (the card hand-in's backstop
     * is this plus the card move's bound, one timer)
     */
    stepMs: msAtMost(86_400_000, 'a day'),
    /** the "need more time?" prompt shows after this long */
    warnMs: ms,
    cardTakeMs: ms,
    cashTakeMs: ms,
    /** making one card may take this long, with progress shown (300 s) */
    cardMakingMs: ms.default(DEFAULT_CARD_MAKING_MS),
    /**
     * the fee screen's wait for a QR payment, and the validity the kiosk asks of the payment
     * order: one value for both, so the order is never payable after the kiosk gave up; the code
     * shows until the order's own expiry as the host gives it (ADR 0015)
     */
    feePaymentMs: ms.default(DEFAULT_FEE_PAYMENT_MS),
    /** how long an ended session's last screen stays before the home screen comes back (5 s) */
    endedViewMs: ms.default(DEFAULT_ENDED_VIEW_MS),
    /**
     * the self test (devices opened, boot recovery) at start and after field staff's visit may
     * take this long; past it the kiosk goes out of service with SELF_TEST_TIMEOUT, told to the
     * fleet as a recovery alert, until staff run it again (60 s)
     */
    selfTestMs: ms.default(DEFAULT_SELF_TEST_MS),
    /**
     * a device silent this long over a refill or bin emptying: staff are refused
     * MAINTENANCE_SUPPLY_ACT_TIMEOUT and the act is left for them to confirm (15 s, ADR 0022)
     */
    supplyActMs: ms.default(DEFAULT_SUPPLY_ACT_MS),
  })
  .check((ctx) => {
    if (ctx.issues.length > 0) return;
    const { warnMs, stepMs } = ctx.value;
    if (warnMs >= stepMs) {
      refuse(ctx, ['warnMs'], `must be less than timeouts.stepMs (${stepMs})`, warnMs);
    }
    // the fee screen asks "need more time?" as long before its end as any other step does
    const { feePaymentMs } = ctx.value;
    if (feePaymentMs <= stepMs - warnMs) {
      refuse(
        ctx,
        ['feePaymentMs'],
        `must be more than timeouts.stepMs − timeouts.warnMs (${stepMs - warnMs})`,
        feePaymentMs,
      );
    }
  });
