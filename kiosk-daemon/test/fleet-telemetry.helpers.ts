/**
 * The world of fleet-telemetry: the real fleet monitor (its own process, embedded broker, SQLite
 * file) started once for the suite with the kiosk's credentials, and the real daemon pointed at it,
 * started and stopped by the cases that restart it; what the monitor says of the kiosk (its detail,
 * its events, a command's answer) and what the kiosk keeps for it (the queue file).
 */
import { beforeAll, expect } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '@kiosk/domain/testing';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { fleetMonitorForSuite, type FleetMonitorProcess } from './fleet-monitor-process.js';
import { exportedTransactions, type ExportedTransaction } from './journal-export-client.js';
import { UiClient } from './ui-client.js';

/** An event as the monitor's kiosk detail lists it (the fields the spec reads). */
export interface FleetEvent {
  type: string;
  device?: string;
  code?: string;
  at: string;
  seq: number;
}

type Answer = Awaited<ReturnType<FleetMonitorProcess['api']>>;

export interface FleetTelemetryWorld {
  /** the suite's folder: the monitor's files, the kiosk's in `kioskDir` */
  readonly dir: string;
  readonly kioskDir: string;
  readonly monitor: FleetMonitorProcess;
  readonly daemon: DaemonProcess;
  readonly ui: UiClient;
  /** the daemon started on the kiosk's folder, its UI client connected */
  startKiosk(): Promise<void>;
  /** the UI client closed and the daemon stopped by `signal`; its exit code */
  stopKiosk(signal?: NodeJS.Signals): Promise<number | null>;
  /** the monitor started again on its files and its broker's port */
  restartMonitor(): Promise<void>;
  /**
   * The PIN pad unplugged (`offline`) or plugged in again (null) on the demo panel, until the kiosk
   * reads it so: the in-memory pad says so at once, the serial pad notices its silence by its
   * heartbeat (every 3 s) and its return by the reopen.
   */
  pinPadFault(fault: 'offline' | null): Promise<void>;
  /** the monitor's detail of the kiosk */
  kioskDetail(): Promise<Answer>;
  /** the kiosk's events the monitor stored */
  eventsOf(): Promise<FleetEvent[]>;
  /** an operator's command sent through the monitor; its answer once the kiosk acknowledged it */
  command(
    type: string,
    extra?: Record<string, unknown>,
  ): Promise<{ id: string; result: string; code: string | null }>;
  /** once the monitor calls the kiosk `connection`, its detail */
  connection(connection: 'online' | 'offline', what: string): Promise<Answer>;
  /** once the kiosk's fleet queue file holds `marker`, its text */
  queueFileHolding(marker: string, what: string): Promise<string>;
}

/** The world for kiosk `kiosk` with password `password`, its monitor and daemon up before the suite. */
export function fleetTelemetryWorld(kiosk: string, password: string): FleetTelemetryWorld {
  let daemon: DaemonProcess | undefined;
  let ui: UiClient | undefined;
  const fleet = fleetMonitorForSuite({ [kiosk]: password }, () => {
    ui?.close();
    return daemon?.stop('SIGKILL');
  });
  const running = <T>(thing: T | undefined, name: string): T => {
    if (!thing) throw new Error(`the ${name} is not running`);
    return thing;
  };

  const world: FleetTelemetryWorld = {
    get dir() {
      return fleet.dir;
    },
    get kioskDir() {
      return fleet.kioskDir;
    },
    get monitor() {
      return fleet.monitor;
    },
    get daemon() {
      return running(daemon, 'daemon');
    },
    get ui() {
      return running(ui, 'UI client');
    },
    async startKiosk() {
      daemon = await startDaemon(
        [
          '--set',
          'demo.panel=true',
          ...fleet.kioskArgs(password),
          '--set',
          'fleet.heartbeatIntervalS=1',
          // the first balance's card taken by the test as its take step comes, the second's left to
          // be retracted: its case waits this out, 2 s (5 s before)
          '--set',
          'timeouts.cardTakeMs=2000',
          // a PIN pad plugged in again (its fault cleared) that reads offline is opened after 500 ms, not 5 s
          '--set',
          'devices.reopen.firstIntervalMs=500',
        ],
        { dir: fleet.kioskDir },
      );
      ui = new UiClient(daemon.url);
      await ui.connected();
    },
    stopKiosk(signal = 'SIGTERM') {
      world.ui.close();
      return world.daemon.stop(signal);
    },
    restartMonitor: () => fleet.startAgain(),
    async pinPadFault(fault) {
      expect(await world.ui.emit('demo.fault', { device: 'pinPad', fault })).toEqual({ ok: true });
      const state = fault === null ? 'online' : 'offline';
      await world.ui.waitForKiosk(
        (k) => k.devices.find((d) => d.kind === 'pinPad')?.device === state,
        15_000,
      );
    },
    kioskDetail: () => world.monitor.api('GET', `/kiosks/${kiosk}`),
    eventsOf: async () => ((await world.kioskDetail()).body?.events ?? []) as FleetEvent[],
    async command(type, extra = {}) {
      const sent = await world.monitor.api('POST', `/kiosks/${kiosk}/commands`, { type, ...extra });
      expect(sent.status).toBe(202);
      const id = (sent.body as { id: string }).id;
      const detail = await eventually(world.kioskDetail, `the kiosk acknowledged ${type}`, {
        withinMs: 10_000,
        until: (d) =>
          d.body.commands.some((c: { id: string; result: string | null }) => c.id === id && c.result),
      });
      return detail.body.commands.find((c: { id: string }) => c.id === id);
    },
    connection: (connection, what) =>
      eventually(world.kioskDetail, what, {
        withinMs: 10_000,
        until: (d) => d.body.connection === connection,
      }),
    queueFileHolding(marker, what) {
      const queueFile = join(fleet.kioskDir, 'fleet-queue.json');
      return eventually(async () => (existsSync(queueFile) ? readFileSync(queueFile, 'utf8') : ''), what, {
        withinMs: 10_000,
        until: (text) => text.includes(marker),
      });
    },
  };

  beforeAll(() => world.startKiosk(), 60_000); // the daemon may take its 45 s to be ready

  return world;
}

/** The fleet commands' transactions in a journal export (JSON Lines). */
export function fleetCommandAudits(exported: string): ExportedTransaction[] {
  return exportedTransactions(exported).filter((t) => t.journey === 'fleetCommand');
}
