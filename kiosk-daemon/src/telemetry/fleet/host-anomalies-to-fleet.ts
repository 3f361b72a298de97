/**
 * Tells the fleet the host's anomaly verdicts (RULES.md, "Anomaly monitoring": flagged to the host
 * and the fleet). The host runs the rules on what every kiosk reports and names the verdicts a
 * request raised in its answer (`x-anomalies`); this kiosk passes each on as an `anomaly` event
 * with one code per rule: repeated wrong PINs, withdrawals near the cap on consecutive days, the
 * same card at two kiosks within minutes, cash retracted. Every verdict is told, a retraction's
 * too: one a session saw is told by the session's end as well (CASH_NOT_TAKEN), but one that boot
 * recovery retracted and reversed ends no session, and the host's verdict is all the fleet hears
 * of it. What reaches the fleet is the code alone: no card number, no name.
 */
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ErrorCode } from '@kiosk/domain';
import type { AnomalyRule, AnomalyVerdict } from '@kiosk/host-simulator/contract';
import { HostConnection } from '../../host/host-connection.js';
import { FleetPublisher, type KioskEventInput } from '../mqtt/fleet-publisher.js';

const CODE_OF_RULE: Readonly<Record<AnomalyRule, ErrorCode>> = {
  pinFailures: ErrorCode.ANOMALY_PIN_FAILURES,
  nearCapConsecutiveDays: ErrorCode.ANOMALY_NEAR_CAP_DAYS,
  sameCardTwoKiosks: ErrorCode.ANOMALY_SAME_CARD_TWO_KIOSKS,
  retractedCash: ErrorCode.ANOMALY_RETRACTED_CASH,
};

/** The fleet events for the verdicts one answer named. */
export function hostAnomalyEvents(verdicts: readonly AnomalyVerdict[]): KioskEventInput[] {
  return verdicts.map((v) => ({ type: 'anomaly', code: CODE_OF_RULE[v.rule] }));
}

@Injectable()
export class HostAnomaliesToFleet implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private stop: (() => void) | undefined;

  constructor(
    @Inject(FleetPublisher) private readonly publisher: FleetPublisher,
    private readonly host: HostConnection,
  ) {}

  onApplicationBootstrap(): void {
    this.stop = this.host.onAnomalies((verdicts) => {
      for (const event of hostAnomalyEvents(verdicts)) this.publisher.publishEvent(event);
    });
  }

  beforeApplicationShutdown(): void {
    this.stop?.();
    this.stop = undefined;
  }
}
