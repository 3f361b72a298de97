import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import type { HostSimulator } from '@kiosk/host-simulator';
import type { AnomalyVerdict } from '@kiosk/host-simulator/contract';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { HostHttpClient } from './host-http.client.js';

/**
 * Where the back office is: the host simulator started in-process (the default for demo and
 * test profiles) or an external host named in config. Either way the kiosk talks HTTP to it.
 */
@Injectable()
export class HostConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('Host');
  private simulator: HostSimulator | null = null;
  private readonly anomalyListeners = new Set<(verdicts: readonly AnomalyVerdict[]) => void>();
  private http: HostHttpClient | null = null;
  private baseUrl = '';

  constructor(@Inject(KIOSK_CONFIG) private readonly config: KioskConfig) {}

  async onModuleInit(): Promise<void> {
    const { host, kiosk, card, caps } = this.config;
    if (host.mode === 'embedded') {
      // Loaded only here: a kiosk that talks to an external back office never loads the simulator.
      const { createHostSimulator } = await import('@kiosk/host-simulator');
      const { DEMO_ISSUER_KEY } = await import('@kiosk/device-drivers');
      this.simulator = createHostSimulator({
        kioskKeys: { [kiosk.id]: host.kioskKey },
        // the simulated back office issued the emulated demo cards: it holds their issuer key
        issuerMasterKey: DEMO_ISSUER_KEY.toString('hex'),
        // the region's fee, card validity and withdrawal caps of this profile (an external host
        // has its own): caps checked by the kiosk and again by the host are the same numbers
        rules: {
          replacementFeeFen: card.replacementFeeFen,
          cardValidityYears: card.validityYears,
          singleWithdrawalCapFen: caps.singleWithdrawalFen,
          dailyWithdrawalCapFen: caps.dailyWithdrawalFen,
          dailyWithdrawalCount: caps.withdrawalsPerDay,
        },
        // records of a host one release ahead for these cards (the demo shows an Other record)
        newerRecordsFor: host.embeddedNewerRecordsFor ?? [],
      });
      const { url } = await this.simulator.listen(host.embeddedPort, '127.0.0.1');
      this.baseUrl = url;
      this.log.log(`host simulator running in-process at ${url}`);
    } else {
      this.baseUrl = host.url ?? '';
    }
    this.http = new HostHttpClient({
      baseUrl: this.baseUrl,
      kioskId: kiosk.id,
      kioskKey: host.kioskKey,
      timeoutMs: host.timeoutMs,
      onAnomalies: (verdicts) => this.tellAnomalies(verdicts),
    });
  }

  /**
   * The host's anomaly verdicts, as its answers name them (RULES.md, anomaly monitoring: the fleet
   * link tells them on). Returns the unsubscribe.
   */
  onAnomalies(listener: (verdicts: readonly AnomalyVerdict[]) => void): () => void {
    this.anomalyListeners.add(listener);
    return () => this.anomalyListeners.delete(listener);
  }

  private tellAnomalies(verdicts: readonly AnomalyVerdict[]): void {
    for (const listener of this.anomalyListeners) {
      try {
        listener(verdicts);
      } catch (e) {
        // the answer goes to its caller whatever a listener does; the host keeps its verdict
        this.log.warn(`anomaly verdicts not told on: ${(e as Error)?.message ?? String(e)}`);
      }
    }
  }

  client(): HostHttpClient {
    if (!this.http) throw new Error('host connection used before module init');
    return this.http;
  }

  kioskId(): string {
    return this.config.kiosk.id;
  }

  url(): string {
    return this.baseUrl;
  }

  /** The in-process simulator, when there is one (tests and the demo's fault surface use it). */
  embedded(): HostSimulator | null {
    return this.simulator;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.simulator?.close();
    this.simulator = null;
  }
}
