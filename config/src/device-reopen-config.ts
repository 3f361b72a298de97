/**
 * `devices.reopen`: not a device, the waits of the daemon's opening again of those that read
 * offline (ADR 0020).
 */
import { z } from 'zod';
import { DEFAULT_DEVICE_REOPEN_MAX_MS, DEFAULT_DEVICE_REOPEN_MS } from '@kiosk/domain';

/** The longest reopen wait a profile may set: an hour (a timer's own limit is some 24 days). */
export const MOST_DEVICE_REOPEN_MS = 3_600_000;
const positiveMs = { error: 'expected a positive integer (ms)' };
const reopenMs = z
  .int(positiveMs)
  .positive(positiveMs)
  .max(MOST_DEVICE_REOPEN_MS, {
    error: `expected at most ${MOST_DEVICE_REOPEN_MS} ms (an hour): a device plugged back in would wait longer`,
  });

/**
 * The daemon opens again a device that reads offline (ADR 0020): first `firstIntervalMs` after it
 * went offline, then twice as long each time it still does not answer, never more than
 * `maxIntervalMs` apart; back online, the backoff starts over. The PC/SC links (the card reader,
 * the card printer's chip station) set their context up again on the same waits after pcscd went
 * away or a set-up failed, and the serial lines (cash dispenser, ID reader) open a port that went
 * away again on them. The domain's 5 s and 60 s by default.
 */
export const DeviceReopenSchema = z
  .strictObject({
    firstIntervalMs: reopenMs.default(DEFAULT_DEVICE_REOPEN_MS),
    maxIntervalMs: reopenMs.default(DEFAULT_DEVICE_REOPEN_MAX_MS),
  })
  .check((ctx) => {
    if (ctx.issues.length > 0) return;
    const { firstIntervalMs, maxIntervalMs } = ctx.value;
    if (maxIntervalMs >= firstIntervalMs) return;
    ctx.issues.push({
      code: 'custom',
      path: ['maxIntervalMs'],
      input: maxIntervalMs,
      message: `must be at least devices.reopen.firstIntervalMs (${firstIntervalMs}): the backoff's bound cannot come before its first wait`,
    });
  });

export type DeviceReopenConfig = z.output<typeof DeviceReopenSchema>;
