/** What every host service needs: the data, the policy numbers, the clock and the rule engines. */
import type { AnomalyMonitor } from './anomalies/anomaly-monitor.js';
import type { IssuerKeys } from './issuance/issuer-keys.js';
import type { QrPaymentProvider } from './payments/qr-payment.provider.js';
import type { HostRules } from './rules/host-rules.js';
import type { HostStore } from './store/host-store.js';

export interface HostContext {
  readonly store: HostStore;
  readonly rules: HostRules;
  readonly now: () => Date;
  readonly anomalies: AnomalyMonitor;
  readonly issuerKeys: IssuerKeys;
  readonly qrProvider: QrPaymentProvider;
}
