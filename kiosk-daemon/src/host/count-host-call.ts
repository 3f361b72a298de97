import { KioskError } from '@kiosk/domain';
import type { MetricsService } from '../telemetry/metrics.service.js';

/** Runs one call to the host and counts it in `/metrics` by operation and outcome (ok or the error code). */
export async function countHostCall<T>(
  metrics: MetricsService,
  operation: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    const answer = await call();
    metrics.hostCalls.inc({ operation, result: 'ok' });
    return answer;
  } catch (e) {
    metrics.hostCalls.inc({ operation, result: KioskError.from(e).code });
    throw e;
  }
}
