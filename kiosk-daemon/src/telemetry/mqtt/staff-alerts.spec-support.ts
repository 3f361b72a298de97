/**
 * The events of the staff-alert-dropped-on-long-broker-outage specs (the publisher's and the one on
 * Mosquitto): two alerts that need staff and the plain telemetry that filled the queue behind them.
 */
export const GIVEN_UP = { type: 'anomaly', code: 'HOST_ACT_ABANDONED' } as const;
export const NEEDS_STAFF = { type: 'recoveryNeedsStaff', code: 'SELF_TEST_FAILED' } as const;
export const OUTCOME = {
  type: 'journeyOutcome',
  journey: 'balance',
  outcome: 'completed',
  durationMs: 9_000,
} as const;
